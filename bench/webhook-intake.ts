// Measures signed webhook deliveries verified and durably enqueued per second, with latency percentiles.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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

// The load runs in another process, as GitHub would be: the server keeps its own event loop.
const loadOutput = await new Promise<string>((resolve, reject) => {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      fileURLToPath(new URL('./webhook-load.ts', import.meta.url)),
      url,
      String(total),
      String(concurrency),
      secret,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.on('close', (code) =>
    code === 0 ? resolve(stdout) : reject(new Error(`load generator exited ${code}`)),
  );
});
const { seconds, latencies, failures } = JSON.parse(loadOutput) as {
  seconds: number;
  latencies: number[];
  failures: number;
};
latencies.sort((a, b) => a - b);
const percentile = (p: number): number =>
  latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
console.log(
  `webhook: ${total} deliveries, concurrency ${concurrency}, ${(total / seconds).toFixed(0)} per second (target >= 2000)`,
);
console.log(
  `webhook: latency p50 ${percentile(0.5).toFixed(1)} ms, p99 ${percentile(0.99).toFixed(1)} ms (target p99 < 20 ms)`,
);
console.log(`webhook: tasks on disk ${queue.summary().total.queued}, non-202 answers ${failures}`);
await server.close();
db.close();
rmSync(dir, { recursive: true, force: true });
