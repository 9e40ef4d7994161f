import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadCoreMigrations } from '../store/load-migrations.js';
import { openDatabase } from '../store/open-database.js';
import { createSystemClock } from '../time/clock.js';
import { createTaskQueue } from './task-queue.js';

const TASKS = 300;
const workspaceRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const fixture = fileURLToPath(new URL('./test-fixtures/claim-loop.ts', import.meta.url));

interface ClaimReport {
  readonly pid: number;
  readonly workerId: string;
  readonly claimed: readonly number[];
  readonly lostCompletions: number;
}

interface ClaimProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly ready: Promise<void>;
  readonly report: Promise<ClaimReport>;
}

function startClaimProcess(dbPath: string, workerId: string): ClaimProcess {
  // tsx is installed at the workspace root, so the child runs from there.
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, dbPath, workerId], {
    cwd: workspaceRoot,
  });
  onTestFinished(() => {
    if (child.exitCode === null) child.kill();
  });
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const lines = createInterface({ input: child.stdout });
  const received: string[] = [];
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    onReady = resolve;
  });
  lines.on('line', (line) => {
    if (line === 'ready') onReady();
    else received.push(line);
  });
  const report = new Promise<ClaimReport>((resolve, reject) => {
    child.once('close', (code) => {
      if (code !== 0) reject(new Error(`claim process exited with ${code}: ${stderr.join('')}`));
      else resolve(JSON.parse(received.join('')) as ClaimReport);
    });
  });
  return { child, ready, report };
}

describe('taskQueue across processes', () => {
  it('never hands one task to two processes claiming from the same database file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'patchloop-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const dbPath = join(dir, 'state.db');
    const db = openDatabase({ path: dbPath, migrations: [loadCoreMigrations()] });
    onTestFinished(() => {
      db.close();
    });
    const queue = createTaskQueue({ db, clock: createSystemClock() });
    for (let n = 0; n < TASKS; n += 1) {
      queue.enqueue({ type: 'work', dedupeKey: `item-${n}`, payload: { n } });
    }
    const processes = [startClaimProcess(dbPath, 'worker-1'), startClaimProcess(dbPath, 'worker-2')];
    await Promise.all(processes.map((p) => p.ready));

    for (const p of processes) p.child.stdin.end('go\n');
    const reports = await Promise.all(processes.map((p) => p.report));

    const [first, second] = reports as [ClaimReport, ClaimReport];
    const claimedByBoth = first.claimed.filter((id) => second.claimed.includes(id));
    const allClaims = [...first.claimed, ...second.claimed];
    const tasks = queue.list({ limit: TASKS + 1 });
    expect(claimedByBoth).toEqual([]);
    expect(allClaims).toHaveLength(TASKS);
    expect(new Set(allClaims).size).toBe(TASKS);
    expect(first.lostCompletions + second.lostCompletions).toBe(0);
    expect(first.claimed.length).toBeGreaterThan(0);
    expect(second.claimed.length).toBeGreaterThan(0);
    expect(tasks.every((task) => task.status === 'done' && task.attemptCount === 1)).toBe(true);
    for (const task of tasks) {
      const owner = first.claimed.includes(task.id) ? first : second;
      expect(task.result).toEqual({ pid: owner.pid, workerId: owner.workerId });
    }
  });
});
