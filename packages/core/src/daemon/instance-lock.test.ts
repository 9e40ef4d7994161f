import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { acquireInstanceLock } from './instance-lock.js';

function databasePath(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'patchloop-lock-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, 'state.db');
}

const alive = (pids: number[]) => (pid: number) => pids.includes(pid);

describe('acquireInstanceLock', () => {
  it('refuses a second live owner of the same database with a message naming it', () => {
    const db = databasePath();
    acquireInstanceLock({ databasePath: db, pid: 100, isProcessAlive: alive([100, 200]) });

    expect(() =>
      acquireInstanceLock({ databasePath: db, pid: 200, isProcessAlive: alive([100, 200]) }),
    ).toThrow(/Another PatchLoop process \(pid 100\) is using .*state\.db/);
  });

  it('takes over a lock left by a process that died', () => {
    const db = databasePath();
    writeFileSync(`${db}.lock`, '{"pid": 100}\n');

    const lock = acquireInstanceLock({ databasePath: db, pid: 200, isProcessAlive: alive([200]) });

    expect(lock.path).toBe(`${db}.lock`);
  });

  it('takes over an unreadable lock file', () => {
    const db = databasePath();
    writeFileSync(`${db}.lock`, 'garbage');

    expect(() =>
      acquireInstanceLock({ databasePath: db, pid: 200, isProcessAlive: alive([200]) }),
    ).not.toThrow();
  });

  it('frees the database for the next owner when released', () => {
    const db = databasePath();
    const lock = acquireInstanceLock({ databasePath: db, pid: 100, isProcessAlive: alive([100, 200]) });

    lock.release();
    lock.release();

    expect(existsSync(`${db}.lock`)).toBe(false);
    expect(() =>
      acquireInstanceLock({ databasePath: db, pid: 200, isProcessAlive: alive([100, 200]) }),
    ).not.toThrow();
  });
});
