import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.js';
import { createSilentLogger } from '../logging/create-logger.js';
import { createAdminGuard } from './admin-guard.js';
import { buildBaseServer } from './build-base-server.js';

const baseServer = (health?: () => Record<string, unknown>) =>
  buildBaseServer({
    logger: createSilentLogger(),
    service: 'openreview',
    version: '1.2.3',
    ...(health ? { health } : {}),
  });

describe('buildBaseServer', () => {
  it('reports health with the service name, version and the daemon-supplied details', async () => {
    const app = baseServer(() => ({ queue: { queued: 2 } }));

    const response = await app.inject({ method: 'GET', url: '/health' });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: 'ok',
      service: 'openreview',
      version: '1.2.3',
      queue: { queued: 2 },
    });
  });

  it('answers unknown routes with a JSON 404 naming the route', async () => {
    const app = baseServer();

    const response = await app.inject({ method: 'GET', url: '/nope' });

    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: 'NOT_FOUND', message: 'No route GET /nope' });
  });

  it('maps a missing task to 404 and hides internal error details behind 500', async () => {
    const app = baseServer();
    app.get('/missing', async () => {
      throw new AppError('TASK_NOT_FOUND', 'No task 9.');
    });
    app.get('/broken', async () => {
      throw new Error('secret internals');
    });

    const missing = await app.inject({ method: 'GET', url: '/missing' });
    const broken = await app.inject({ method: 'GET', url: '/broken' });

    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: 'TASK_NOT_FOUND', message: 'No task 9.' });
    expect(broken.statusCode).toBe(500);
    expect(broken.body).not.toContain('secret internals');
  });
});

describe('createAdminGuard', () => {
  const guarded = (adminToken: string | undefined) => {
    const app = baseServer();
    app.post('/tasks/1/retry', { preHandler: createAdminGuard({ adminToken }) }, async () => ({ ok: true }));
    return app;
  };

  it('refuses an admin call without the token when ADMIN_TOKEN is set', async () => {
    const response = await guarded('s3cret').inject({ method: 'POST', url: '/tasks/1/retry' });

    expect(response.statusCode).toBe(401);
  });

  it('refuses a wrong token and accepts the right one as a bearer or X-Admin-Token', async () => {
    const app = guarded('s3cret');

    const wrong = await app.inject({
      method: 'POST',
      url: '/tasks/1/retry',
      headers: { authorization: 'Bearer nope' },
    });
    const bearer = await app.inject({
      method: 'POST',
      url: '/tasks/1/retry',
      headers: { authorization: 'Bearer s3cret' },
    });
    const header = await app.inject({
      method: 'POST',
      url: '/tasks/1/retry',
      headers: { 'x-admin-token': 's3cret' },
    });

    expect(wrong.statusCode).toBe(401);
    expect(bearer.statusCode).toBe(200);
    expect(header.statusCode).toBe(200);
  });

  it('allows loopback callers and refuses others when no ADMIN_TOKEN is set', async () => {
    const app = guarded(undefined);

    const local = await app.inject({ method: 'POST', url: '/tasks/1/retry', remoteAddress: '127.0.0.1' });
    const remote = await app.inject({ method: 'POST', url: '/tasks/1/retry', remoteAddress: '203.0.113.9' });

    expect(local.statusCode).toBe(200);
    expect(remote.statusCode).toBe(403);
  });
});
