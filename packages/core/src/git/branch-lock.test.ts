import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createFakeClock } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createSilentLogger } from '../logging/create-logger.js';
import type { BranchLockInfo, CreateBranchLockOptions } from './branch-lock.js';
import { createBranchLock, lockFileName } from './branch-lock.js';

const leaseMs = 60_000;

function setup(overrides: Partial<CreateBranchLockOptions> = {}) {
  const lockDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'patchloop-')), '.locks');
  onTestFinished(() => fs.rmSync(path.dirname(lockDir), { recursive: true, force: true }));
  const clock = createFakeClock();
  const lock = createBranchLock({ lockDir, clock, logger: createSilentLogger(), leaseMs, ...overrides });
  const lockFile = (branch: string) => path.join(lockDir, lockFileName(branch));
  const writeLock = (info: Partial<BranchLockInfo> & { branch: string }) =>
    fs.writeFileSync(
      lockFile(info.branch),
      JSON.stringify({
        pid: process.pid,
        hostname: os.hostname(),
        token: 'someone-else',
        acquiredAt: clock.now(),
        expiresAt: clock.now() + leaseMs,
        ...info,
      }),
    );
  const readLock = (branch: string) =>
    JSON.parse(fs.readFileSync(lockFile(branch), 'utf8')) as BranchLockInfo;
  return { lockDir, clock, lock, lockFile, writeLock, readLock };
}

function deadPid(): number {
  const pid = spawnSync('true').pid;
  if (pid === undefined) throw new Error('could not start a short-lived process');
  return pid;
}

describe('branchLock.withBranchLock', () => {
  it('holds a lock file with this process while the work runs and removes it afterwards', async () => {
    const { lock, lockFile, readLock } = setup();

    const seen = await lock.withBranchLock('autocode/issue-1-x', async () => readLock('autocode/issue-1-x'));

    expect(seen).toMatchObject({ branch: 'autocode/issue-1-x', pid: process.pid, hostname: os.hostname() });
    expect(fs.existsSync(lockFile('autocode/issue-1-x'))).toBe(false);
  });

  it('refuses a second holder of the same branch in the same process with a retryable BRANCH_BUSY', async () => {
    const { lock } = setup();

    const inner = await lock.withBranchLock('feature/x', async () => {
      const second = lock.withBranchLock('feature/x', async () => 'never');
      await expect(second).rejects.toMatchObject({ code: 'BRANCH_BUSY', retryable: true });
      return 'outer finished';
    });

    expect(inner).toBe('outer finished');
  });

  it('lets different branches run at the same time', async () => {
    const { lock } = setup();

    const both = await lock.withBranchLock('a', () => lock.withBranchLock('b', async () => 'both held'));

    expect(both).toBe('both held');
  });

  it('releases the branch when the work throws', async () => {
    const { lock, lockFile } = setup();

    await expect(lock.withBranchLock('a', async () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );

    expect(fs.existsSync(lockFile('a'))).toBe(false);
    await expect(lock.withBranchLock('a', async () => 'again')).resolves.toBe('again');
  });

  it('takes over a stale lock file left by a dead process', async () => {
    const { lock, writeLock } = setup();
    writeLock({ branch: 'a', pid: deadPid() });

    const result = await lock.withBranchLock('a', async () => 'taken over');

    expect(result).toBe('taken over');
  });

  it('refuses a lock held by another live process on this host and names it', async () => {
    const { lock, writeLock } = setup();
    writeLock({ branch: 'a', pid: process.ppid });

    const attempt = lock.withBranchLock('a', async () => 'never');

    await expect(attempt).rejects.toMatchObject({ code: 'BRANCH_BUSY', retryable: true });
    await expect(attempt).rejects.toThrow(`pid ${process.ppid}`);
  });

  it('treats a live pid with an expired lease as stale, so a reused pid cannot block forever', async () => {
    const { lock, writeLock, clock } = setup();
    writeLock({ branch: 'a', pid: process.ppid, expiresAt: clock.now() - 1 });

    await expect(lock.withBranchLock('a', async () => 'taken over')).resolves.toBe('taken over');
  });

  it('respects an unexpired lease from another host even though its pid is unknown here', async () => {
    const { lock, writeLock } = setup();
    writeLock({ branch: 'a', pid: deadPid(), hostname: 'other-host.example' });

    await expect(lock.withBranchLock('a', async () => 'never')).rejects.toMatchObject({
      code: 'BRANCH_BUSY',
    });
  });

  it('takes over a lock file that is not valid JSON', async () => {
    const { lock, lockFile } = setup();
    fs.writeFileSync(lockFile('a'), '{not json');

    await expect(lock.withBranchLock('a', async () => 'taken over')).resolves.toBe('taken over');
  });

  it('blocks a second lock instance that stands for another process', async () => {
    const first = setup();
    const other = createBranchLock({
      lockDir: first.lockDir,
      clock: first.clock,
      logger: createSilentLogger(),
      owner: { pid: process.ppid, hostname: os.hostname() },
    });

    const attempt = first.lock.withBranchLock('a', () => other.withBranchLock('a', async () => 'never'));

    await expect(attempt).rejects.toMatchObject({ code: 'BRANCH_BUSY' });
  });

  it('renews the lease while the work runs', async () => {
    const { lock, clock, readLock } = setup();

    await lock.withBranchLock('a', async () => {
      const before = readLock('a').expiresAt;
      await clock.advance(leaseMs / 3);
      expect(readLock('a').expiresAt).toBe(before + leaseMs / 3);
    });
  });

  it('aborts the work signal when another process took the branch over', async () => {
    const { lock, clock, writeLock } = setup();

    const aborted = await lock.withBranchLock('a', async (signal) => {
      writeLock({ branch: 'a', token: 'intruder' });
      await clock.advance(leaseMs / 3);
      return signal.aborted;
    });

    expect(aborted).toBe(true);
  });

  it('leaves a lock that another process took over in place on release', async () => {
    const { lock, clock, writeLock, readLock } = setup();

    await lock.withBranchLock('a', async () => {
      writeLock({ branch: 'a', token: 'intruder' });
      await clock.advance(leaseMs / 3);
    });

    expect(readLock('a').token).toBe('intruder');
  });
});

describe('branchLock.activeLock', () => {
  it('reports the live holder of a branch', async () => {
    const { lock } = setup();

    const holder = await lock.withBranchLock('a', async () => lock.activeLock('a'));

    expect(holder).toMatchObject({ branch: 'a', pid: process.pid });
    expect(lock.activeLock('a')).toBeUndefined();
  });

  it('removes a stale lock file and reports the branch as free', () => {
    const { lock, writeLock, lockFile } = setup();
    writeLock({ branch: 'a', pid: deadPid() });

    expect(lock.activeLock('a')).toBeUndefined();
    expect(fs.existsSync(lockFile('a'))).toBe(false);
  });
});

describe('branchLock.sweepStale', () => {
  it('removes stale lock files and keeps live ones', () => {
    const { lock, writeLock, lockFile } = setup();
    writeLock({ branch: 'dead', pid: deadPid() });
    writeLock({ branch: 'live', pid: process.ppid });

    const freed = lock.sweepStale();

    expect(freed).toEqual(['dead']);
    expect(fs.existsSync(lockFile('dead'))).toBe(false);
    expect(fs.existsSync(lockFile('live'))).toBe(true);
  });
});

describe('lockFileName', () => {
  it('keeps branches that differ only in "/" versus "__" apart', () => {
    expect(lockFileName('a/b')).not.toBe(lockFileName('a__b'));
  });

  it('never contains a path separator', () => {
    expect(lockFileName('autocode/issue-7-fix')).toBe('autocode%2Fissue-7-fix.json');
  });

  it('hashes names too long for a file name', () => {
    expect(lockFileName(`a/${'x'.repeat(300)}`)).toMatch(/^[0-9a-f]{64}\.json$/);
  });
});
