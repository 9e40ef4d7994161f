// Measures durable enqueue -> claim -> complete throughput on a real SQLite file (WAL, synchronous=NORMAL).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSystemClock, createTaskQueue, loadCoreMigrations, openDatabase } from '@patchloop/core';

const taskCount = Number(process.argv[2] ?? 5000);
const dir = mkdtempSync(path.join(tmpdir(), 'patchloop-bench-queue-'));
const clock = createSystemClock();
const db = openDatabase({ path: path.join(dir, 'bench.db'), migrations: [loadCoreMigrations()], clock });
const queue = createTaskQueue({ db, clock });

const started = performance.now();
for (let index = 0; index < taskCount; index += 1) {
  queue.enqueue({ type: 'bench', dedupeKey: `task-${index}`, payload: { index } });
}
const enqueued = performance.now();
let completed = 0;
for (;;) {
  const task = queue.claimNext({ workerId: 'bench-worker', leaseMs: 60_000 });
  if (task === undefined) break;
  queue.complete(task.id, 'bench-worker', { ok: true });
  completed += 1;
}
const finished = performance.now();

const seconds = (finished - started) / 1000;
console.log(`queue: ${taskCount} tasks enqueued in ${(enqueued - started).toFixed(0)} ms`);
console.log(`queue: ${completed} tasks claimed and completed in ${(finished - enqueued).toFixed(0)} ms`);
console.log(`queue: ${(completed / seconds).toFixed(0)} tasks/s end to end (target >= 5000)`);
db.close();
rmSync(dir, { recursive: true, force: true });
