import type { ModelState } from '../model/model-state.js';
import { iso, type JsonObject, nodeId } from './shape-helpers.js';

/** The `simple-user` shape GitHub embeds everywhere (`user`, `sender`, `owner`...). */
export function renderUser(state: ModelState, login: string): JsonObject {
  const user = state.ensureUser(login);
  const api = `${state.urls.api()}/users/${user.login}`;
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(user.type === 'Bot' ? 'Bot' : 'User', user.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: `${state.urls.web}/${user.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: user.type,
    user_view_type: 'public',
    site_admin: false,
  };
}

/** `GET /users/{username}`: the public profile. */
export function renderPublicUser(state: ModelState, login: string): JsonObject {
  return {
    ...renderUser(state, login),
    name: null,
    company: null,
    blog: '',
    location: null,
    email: null,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: login.toLowerCase() === state.owner.toLowerCase() ? 1 : 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: iso(state.createdAt),
    updated_at: iso(state.createdAt),
  };
}

/** `GET /user`: the authenticated account's private profile. */
export function renderPrivateUser(state: ModelState, login: string): JsonObject {
  return {
    ...renderPublicUser(state, login),
    private_gists: 0,
    total_private_repos: 0,
    owned_private_repos: 0,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: true,
  };
}
