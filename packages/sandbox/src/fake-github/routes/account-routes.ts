import type { Permission } from '../model/model-records.js';
import { notFound, type RouteDefinition } from '../server/route-types.js';
import { permissionFlags, permissionOf, renderRepository } from '../shapes/repository-shape.js';
import { renderPrivateUser, renderPublicUser, renderUser } from '../shapes/user-shape.js';

// The collaborator API reports four legacy levels; `role_name` keeps the precise one.
const legacyPermission: Record<Permission, string> = {
  admin: 'admin',
  maintain: 'write',
  write: 'write',
  triage: 'read',
  read: 'read',
  none: 'none',
};

/** The repository, accounts, permissions and the rate-limit endpoint. */
export const accountRoutes: readonly RouteDefinition[] = [
  {
    method: 'GET',
    path: '/repos/{owner}/{repo}',
    handle: (context) => ({ status: 200, body: renderRepository(context.state, context.login) }),
  },
  {
    method: 'GET',
    path: '/user',
    handle: (context) => ({ status: 200, body: renderPrivateUser(context.state, context.login) }),
  },
  {
    method: 'GET',
    path: '/users/{username}',
    handle: (context) => {
      const login = context.params['username'] ?? '';
      if (!context.state.users.has(login.toLowerCase())) throw notFound();
      return { status: 200, body: renderPublicUser(context.state, login) };
    },
  },
  {
    method: 'GET',
    path: '/repos/{owner}/{repo}/collaborators/{username}/permission',
    handle: (context) => {
      const login = context.params['username'] ?? '';
      const level = permissionOf(context.state, login);
      const user = {
        ...renderUser(context.state, login),
        permissions: permissionFlags(context.state, login),
        role_name: level,
      };
      return { status: 200, body: { permission: legacyPermission[level], role_name: level, user } };
    },
  },
  {
    method: 'GET',
    path: '/rate_limit',
    handle: (context) => {
      const core = context.rateLimit();
      const search = { limit: 30, remaining: 30, used: 0, reset: core.reset };
      const graphql = { limit: 5000, remaining: 5000, used: 0, reset: core.reset };
      return { status: 200, body: { resources: { core, search, graphql }, rate: core } };
    },
  },
];
