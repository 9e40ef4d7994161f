import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TaskQueue } from '@patchloop/core';
import {
  buildBaseServer,
  createSilentLogger,
  createSystemClock,
  createTaskQueue,
  listen,
  loadCoreMigrations,
  openDatabase,
  verifyWebhookSignature,
  webhookRoutes,
} from '@patchloop/core';
import { createWebhookSender, examplePayload } from '@patchloop/sandbox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const secret = 'an-honest-webhook-secret';

// The whole intake over real HTTP: GitHub-style signed deliveries, @octokit/webhooks verification,
// and a durable enqueue into a real SQLite file before the 202.
describe('webhook intake', () => {
  let dir: string;
  let dbPath: string;
  let stop: () => Promise<void>;
  let url: string;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'patchloop-webhook-'));
    dbPath = path.join(dir, 'state.db');
    const clock = createSystemClock();
    const db = openDatabase({ path: dbPath, migrations: [loadCoreMigrations()], clock });
    const queue = createTaskQueue({ db, clock });
    const server = buildBaseServer({
      logger: createSilentLogger(),
      service: 'test',
      version: '0.0.0',
      bodyLimitBytes: 64 * 1024,
    });
    await server.register(webhookRoutes, {
      verifySignature: (rawBody, signatureHeader) =>
        verifyWebhookSignature({ secret, rawBody, signatureHeader }),
      onDelivery: (delivery) => {
        const { created } = queue.enqueue({
          type: 'github_delivery',
          dedupeKey: delivery.id,
          payload: { event: delivery.name, action: delivery.action ?? null },
        });
        return { accepted: created };
      },
    });
    url = await listen(server, { host: '127.0.0.1', port: 0 });
    stop = async () => {
      await server.close();
      db.close();
    };
  });

  afterEach(async () => {
    await stop();
    rmSync(dir, { recursive: true, force: true });
  });

  // A second connection to the file proves the task was committed, not just held in memory.
  const tasksOnDisk = (): ReturnType<TaskQueue['list']> => {
    const db = openDatabase({ path: dbPath, migrations: [loadCoreMigrations()] });
    try {
      return createTaskQueue({ db, clock: createSystemClock() }).list({});
    } finally {
      db.close();
    }
  };

  it('answers 202 to a real signed delivery and has the task on disk', async () => {
    const sender = createWebhookSender({ url: `${url}/webhook`, secret });

    const response = await sender.send('issues', examplePayload('issues', 'opened'), { deliveryId: 'd-1' });

    expect(response.status).toBe(202);
    expect(tasksOnDisk().map((task) => [task.type, task.payload])).toEqual([
      ['github_delivery', { event: 'issues', action: 'opened' }],
    ]);
  });

  it('turns a redelivery of the same delivery into no second task', async () => {
    const sender = createWebhookSender({ url: `${url}/webhook`, secret });
    const payload = examplePayload('issue_comment', 'created');

    const first = await sender.send('issue_comment', payload, { deliveryId: 'd-2' });
    const again = await sender.send('issue_comment', payload, { deliveryId: 'd-2' });

    expect([first.status, again.status]).toEqual([202, 202]);
    expect(again.body).toMatchObject({ accepted: false });
    expect(tasksOnDisk()).toHaveLength(1);
  });

  it.each(['wrong', 'missing'] as const)(
    'refuses a %s signature with 401 and enqueues nothing',
    async (signature) => {
      const sender = createWebhookSender({ url: `${url}/webhook`, secret });

      const response = await sender.send('issues', examplePayload('issues', 'opened'), { signature });

      expect(response.status).toBe(401);
      expect(tasksOnDisk()).toEqual([]);
    },
  );

  it('refuses an oversized delivery with 413 and malformed JSON with 400, enqueuing nothing', async () => {
    const sender = createWebhookSender({ url: `${url}/webhook`, secret });
    const huge = { action: 'opened', padding: 'x'.repeat(128 * 1024) };

    const oversized = await sender.send('issues', huge);
    const malformed = await sender.send('issues', {}, { rawBody: '{"action": "opened"' });

    expect(oversized.status).toBe(413);
    expect(malformed.status).toBe(400);
    expect(tasksOnDisk()).toEqual([]);
  });
});
