// Measures signed webhook deliveries verified and durably enqueued per second, with latency percentiles.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Webhooks } from '@octokit/webhooks';
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
import { examplePayload } from '@patchloop/sandbox';

const total = Number(process.argv[2] ?? 4000);
const concurrency = Number(process.argv[3] ?? 32);
const secret = 'bench-secret';
const dir = mkdtempSync(path.join(tmpdir(), 'patchloop-bench-webhook-'));
const clock = createSystemClock();
const db = openDatabase({ path: path.join(dir, 'bench.db'), migrations: [loadCoreMigrations()], clock });
const queue = createTaskQueue({ db, clock });
const server = buildBaseServer({ logger: createSilentLogger(), service: 'bench', version: '0' });
await server.register(webhookRoutes, {
  verifySignature: (rawBody, signatureHeader) => verifyWebhookSignature({ secret, rawBody, signatureHeader }),
  onDelivery: (delivery) => ({
    accepted: queue.enqueue({ type: 'delivery', dedupeKey: delivery.id, payload: { name: delivery.name } })
      .created,
  }),
});
const url = `${await listen(server, { host: '127.0.0.1', port: 0 })}/webhook`;

const body = JSON.stringify(examplePayload('issues', 'opened'));
const signature = await new Webhooks({ secret }).sign(body);
const latencies: number[] = [];
let next = 0;
const send = async (): Promise<void> => {
  while (next < total) {
    const id = next;
    next += 1;
    const started = performance.now();
    const response = await fetch(url, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'issues',
        'x-github-delivery': `bench-${id}`,
        'x-hub-signature-256': signature,
      },
    });
    await response.arrayBuffer();
    if (response.status !== 202) throw new Error(`delivery ${id} answered ${response.status}`);
    latencies.push(performance.now() - started);
  }
};

const started = performance.now();
await Promise.all(Array.from({ length: concurrency }, send));
const seconds = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const percentile = (p: number): number =>
  latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
console.log(
  `webhook: ${total} deliveries, concurrency ${concurrency}, ${(total / seconds).toFixed(0)} per second (target >= 2000)`,
);
console.log(
  `webhook: latency p50 ${percentile(0.5).toFixed(1)} ms, p99 ${percentile(0.99).toFixed(1)} ms (target p99 < 20 ms)`,
);
console.log(`webhook: tasks on disk ${queue.summary().total.queued}`);
await server.close();
db.close();
rmSync(dir, { recursive: true, force: true });
