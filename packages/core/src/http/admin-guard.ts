import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Options of the admin guard. */
export interface AdminGuardOptions {
  /** ADMIN_TOKEN; when unset, only loopback callers may use admin routes. */
  readonly adminToken: string | undefined;
}

const loopbackAddresses = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * A Fastify `preHandler` for mutating admin routes: with ADMIN_TOKEN set, the caller must send it
 * (`Authorization: Bearer <token>` or `X-Admin-Token`), else 401; without it, non-loopback callers get 403.
 */
export function createAdminGuard(options: AdminGuardOptions) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (options.adminToken) {
      const presented = presentedToken(request);
      if (!presented || !sameSecret(presented, options.adminToken)) {
        await reply.status(401).send({
          error: 'ADMIN_TOKEN_REQUIRED',
          message: 'Send ADMIN_TOKEN as "Authorization: Bearer <token>".',
        });
      }
      return;
    }
    if (!loopbackAddresses.has(request.ip)) {
      await reply.status(403).send({
        error: 'ADMIN_LOOPBACK_ONLY',
        message: 'Admin routes answer loopback callers only; set ADMIN_TOKEN to allow remote administration.',
      });
    }
  };
}

function presentedToken(request: FastifyRequest): string | undefined {
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('Bearer ')) return authorization.slice('Bearer '.length).trim();
  const header = request.headers['x-admin-token'];
  return typeof header === 'string' ? header : undefined;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
