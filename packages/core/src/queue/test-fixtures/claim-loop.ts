// Test fixture, run as its own OS process by task-queue.processes.test.ts:
//   node --import tsx claim-loop.ts <db path> <worker id>
// It prints "ready", waits for "go" on stdin (so both processes start claiming together), then
// claims and completes tasks until none are left and prints the ids it claimed as JSON.
import { createInterface } from 'node:readline';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { loadCoreMigrations } from '../../store/load-migrations.js';
import { openDatabase } from '../../store/open-database.js';
import { createSystemClock } from '../../time/clock.js';
import { createTaskQueue } from '../task-queue.js';

const [dbPath, workerId] = process.argv.slice(2);
if (dbPath === undefined || workerId === undefined)
  throw new Error('usage: claim-loop.ts <db path> <worker id>');

const db = openDatabase({ path: dbPath, migrations: [loadCoreMigrations()] });
const queue = createTaskQueue({ db, clock: createSystemClock() });
const lines = createInterface({ input: process.stdin });
const go = new Promise<void>((resolve) => lines.once('line', () => resolve()));
process.stdout.write('ready\n');
await go;
lines.close();

const claimed: number[] = [];
let lostCompletions = 0;
for (;;) {
  const task = queue.claimNext({ workerId, leaseMs: 60_000 });
  if (task === undefined) break;
  claimed.push(task.id);
  if (queue.complete(task.id, workerId, { pid: process.pid, workerId }) === undefined) lostCompletions += 1;
  // Give the other process a chance to take the write lock between tasks.
  await yieldToEventLoop();
}
db.close();
process.stdout.write(`${JSON.stringify({ pid: process.pid, workerId, claimed, lostCompletions })}\n`);
