import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadAutocodeConfig, startAutocode } from '@patchloop/autocode';
import { createSilentLogger } from '@patchloop/core';
import { loadOpenReviewConfig, startOpenReview } from '@patchloop/openreview';
import { startFakeGitHub } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';

// Both daemons serve the same operator surface over real HTTP: health, observability, metrics,
// tasks, dead letters, retry, snapshot and restore, with mutating routes behind ADMIN_TOKEN.
const daemons = [
  {
    name: 'review',
    retryPath: (id: number) => `/tasks/${id}/retry`,
    start: (env: Record<string, string>, baseDir: string) =>
      startOpenReview({
        config: loadOpenReviewConfig(env, { baseDir, homeDir: baseDir }),
        logger: createSilentLogger(),
      }),
  },
  {
    name: 'code',
    // The coding daemon keeps the original's per-queue task routes.
    retryPath: (id: number) => `/tasks/issue/${id}/retry`,
    start: (env: Record<string, string>, baseDir: string) =>
      startAutocode({
        config: loadAutocodeConfig(env, { baseDir, homeDir: baseDir }),
        logger: createSilentLogger(),
      }),
  },
];

async function startDaemon(daemon: (typeof daemons)[number], extraEnv: Record<string, string> = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'patchloop-surface-'));
  mkdirSync(path.join(dir, 'clone'));
  const github = await startFakeGitHub({ owner: 'acme', repo: 'widgets' });
  const running = await daemon.start(
    {
      GITHUB_REPO: 'acme/widgets',
      GITHUB_TOKEN: 'read-token',
      GITHUB_API_URL: github.url,
      LOCAL_REPO_PATH: './clone',
      SERVER_PORT: '0',
      ...extraEnv,
    },
    dir,
  );
  onTestFinished(async () => {
    await running.stop();
    await github.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return running.url;
}

describe.each(daemons)('the $name daemon HTTP surface', (daemon) => {
  it('serves observability JSON and Prometheus metrics with the queue gauges', async () => {
    const url = await startDaemon(daemon);

    const observability = await fetch(`${url}/observability`);
    const metrics = await fetch(`${url}/metrics`);
    const text = await metrics.text();

    expect(observability.status).toBe(200);
    expect(await observability.json()).toMatchObject({ version: expect.any(String) });
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    expect(text).toContain('# TYPE patchloop_queue_tasks gauge');
    expect(text).toMatch(/^patchloop_up\{?.*\}? 1$/m);
  });

  it('lists tasks and dead letters, and exports a snapshot to a loopback caller', async () => {
    const url = await startDaemon(daemon);

    const tasks = await fetch(`${url}/tasks`);
    const deadLetters = await fetch(`${url}/tasks/dead-letter`);
    const snapshot = await fetch(`${url}/state/snapshot`);

    expect([tasks.status, deadLetters.status, snapshot.status]).toEqual([200, 200, 200]);
    expect(await snapshot.json()).toMatchObject({ status: 'ok', snapshot: { snapshotVersion: 1 } });
  });

  it('refuses admin routes without the token when ADMIN_TOKEN is set', async () => {
    const url = await startDaemon(daemon, { ADMIN_TOKEN: 'a-long-enough-admin-token' });

    const retry = await fetch(`${url}${daemon.retryPath(1)}`, { method: 'POST' });
    const snapshot = await fetch(`${url}/state/snapshot`);
    const withToken = await fetch(`${url}/state/snapshot`, {
      headers: { authorization: 'Bearer a-long-enough-admin-token' },
    });

    expect(retry.status).toBe(401);
    expect(snapshot.status).toBe(401);
    expect(withToken.status).toBe(200);
  });

  it('answers retry of an unknown task with 404', async () => {
    const url = await startDaemon(daemon);

    const response = await fetch(`${url}${daemon.retryPath(999)}`, { method: 'POST' });

    expect(response.status).toBe(404);
  });
});
