import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createFakeClock } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createSilentLogger } from '../logging/create-logger.js';
import { createDaemonRuntime } from './create-daemon-runtime.js';

function statePath(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'patchloop-runtime-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, 'state.db');
}

const runtimeAt = (file: string, pid: number, alivePids: number[]) =>
  createDaemonRuntime({
    service: 'test',
    version: '0.0.0',
    statePath: file,
    clock: createFakeClock(),
    logger: createSilentLogger(),
    instance: { pid, isProcessAlive: (candidate) => alivePids.includes(candidate) },
  });

describe('createDaemonRuntime', () => {
  it('recovers at once the tasks a killed daemon left running, without waiting for their lease', () => {
    const file = statePath();
    const crashed = runtimeAt(file, 100, [100]);
    crashed.queue.enqueue({ type: 'review_issue', dedupeKey: 'issue:1', payload: {} });
    crashed.queue.claimNext({ workerId: 'dead-worker', leaseMs: 3_600_000 });
    crashed.db.close(); // killed: the lock file stays behind

    const restarted = runtimeAt(file, 200, [200]);
    onTestFinished(() => restarted.close());

    expect(restarted.queue.list({}).map((task) => [task.status, task.lastError])).toEqual([
      ['queued', 'the daemon stopped while the task ran'],
    ]);
  });

  it('refuses to open a database another live daemon owns', () => {
    const file = statePath();
    const first = runtimeAt(file, 100, [100, 200]);
    onTestFinished(() => first.close());

    expect(() => runtimeAt(file, 200, [100, 200])).toThrow(/Another PatchLoop process \(pid 100\)/);
  });
});
