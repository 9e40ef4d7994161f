import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../logging/create-logger.js';
import type { Clock } from '../time/clock.js';
import { toIsoSeconds } from '../time/clock.js';

/** Who holds a lock: a process on a host. */
export interface BranchLockOwner {
  readonly pid: number;
  readonly hostname: string;
}

/** The content of a lock file. */
export interface BranchLockInfo extends BranchLockOwner {
  readonly branch: string;
  /** Unique per acquisition, so a holder never releases or renews someone else's lock. */
  readonly token: string;
  readonly acquiredAt: number;
  /** The lease end; the holder renews it while it works. */
  readonly expiresAt: number;
}

/** Options for {@link createBranchLock}. */
export interface CreateBranchLockOptions {
  /** Usually `<worktreeRoot>/.locks`; created when missing. */
  readonly lockDir: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Lease length (default 10 min); renewed every third of it while the holder runs. */
  readonly leaseMs?: number;
  /** Defaults to this process on this host. */
  readonly owner?: BranchLockOwner;
  /** Defaults to a signal-0 probe; EPERM counts as alive (the process exists). */
  readonly isProcessAlive?: (pid: number) => boolean;
}

/** Serialises all work on a branch (issue run, repair, rebase) within and across processes. */
export interface BranchLock {
  /**
   * Runs `fn` while holding the branch; a held branch throws a retryable BRANCH_BUSY at once.
   * `signal` aborts if the lease is lost (taken over after it expired).
   */
  withBranchLock<T>(branch: string, fn: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** The live holder of `branch`, if any; a stale lock file found on the way is removed. */
  activeLock(branch: string): BranchLockInfo | undefined;
  /** Removes every stale lock file and returns the branches it freed. */
  sweepStale(): string[];
}

const defaultLeaseMs = 10 * 60_000;

/**
 * Branch locks as lease files under `lockDir`, plus an in-process map. Fixes the original's
 * pid files: creation is atomic (write + hard link, so nobody reads half a file), a lock is
 * stale when its pid is dead on this host OR its lease expired (PID reuse, other hosts), and
 * a takeover re-checks the file it removes so two processes cannot both take over.
 */
export function createBranchLock(options: CreateBranchLockOptions): BranchLock {
  const leaseMs = options.leaseMs ?? defaultLeaseMs;
  const owner = options.owner ?? { pid: process.pid, hostname: os.hostname() };
  const isProcessAlive = options.isProcessAlive ?? probeProcess;
  const held = new Map<string, BranchLockInfo>();
  const log = options.logger.child({ component: 'branch-lock' });
  fs.mkdirSync(options.lockDir, { recursive: true });

  const lockPath = (branch: string): string => path.join(options.lockDir, lockFileName(branch));

  const isStale = (info: BranchLockInfo | undefined): boolean => {
    if (info === undefined) return true;
    if (info.expiresAt <= options.clock.now()) return true;
    return info.hostname === owner.hostname && !isProcessAlive(info.pid);
  };

  /** Removes `expected` from `file` only if the file still holds exactly that lock. */
  const removeIfUnchanged = (file: string, expected: BranchLockInfo | undefined): boolean => {
    const parked = `${file}.${randomUUID()}.stale`;
    if (!tryRename(file, parked)) return true;
    const parkedInfo = readLock(parked);
    if (parkedInfo?.token === expected?.token) {
      fs.rmSync(parked, { force: true });
      return true;
    }
    // We moved a lock someone created after our read: put it back and report busy.
    tryLink(parked, file);
    fs.rmSync(parked, { force: true });
    return false;
  };

  const acquire = (branch: string): BranchLockInfo => {
    const file = lockPath(branch);
    const now = options.clock.now();
    const info: BranchLockInfo = {
      ...owner,
      branch,
      token: randomUUID(),
      acquiredAt: now,
      expiresAt: now + leaseMs,
    };
    for (let attempt = 0; attempt < 3; attempt += 1) {
      if (createExclusive(file, info)) return info;
      const existing = readLock(file);
      if (existing !== undefined && !isStale(existing)) throw busyError(branch, existing);
      // Gone already (its holder released it between our two calls): just try again.
      if (!fs.existsSync(file)) continue;
      if (!removeIfUnchanged(file, existing)) break;
      log.warn(
        { branch, stalePid: existing?.pid, staleHost: existing?.hostname },
        'Took over a stale branch lock',
      );
    }
    throw new AppError('BRANCH_BUSY', `Branch "${branch}" lock is contended; retry later.`, {
      retryable: true,
    });
  };

  const release = (info: BranchLockInfo): void => {
    held.delete(info.branch);
    const file = lockPath(info.branch);
    if (readLock(file)?.token === info.token) fs.rmSync(file, { force: true });
  };

  /** Renews the lease until `stop` aborts; aborts `lost` if another process took the branch. */
  const renew = async (info: BranchLockInfo, stop: AbortSignal, lost: AbortController): Promise<void> => {
    const file = lockPath(info.branch);
    while (!stop.aborted) {
      try {
        await options.clock.sleep(Math.max(1, Math.floor(leaseMs / 3)), stop);
      } catch (error) {
        if (stop.aborted) return;
        throw error;
      }
      if (readLock(file)?.token !== info.token) {
        log.error({ branch: info.branch }, 'Branch lock lease was lost to another process');
        lost.abort(
          new AppError('BRANCH_BUSY', `Lost the lock on branch "${info.branch}".`, { retryable: true }),
        );
        return;
      }
      writeAtomically(file, { ...info, expiresAt: options.clock.now() + leaseMs });
    }
  };

  return {
    withBranchLock: async (branch, fn) => {
      const inProcess = held.get(branch);
      if (inProcess !== undefined) throw busyError(branch, inProcess);
      const info = acquire(branch);
      held.set(branch, info);
      const stop = new AbortController();
      const lost = new AbortController();
      const renewal = renew(info, stop.signal, lost).catch((error: unknown) => {
        log.error({ err: error, branch }, 'Branch lock renewal failed');
      });
      try {
        return await fn(lost.signal);
      } finally {
        stop.abort();
        await renewal;
        release(info);
      }
    },
    activeLock: (branch) => {
      const inProcess = held.get(branch);
      if (inProcess !== undefined) return inProcess;
      const file = lockPath(branch);
      const existing = readLock(file);
      if (existing !== undefined && !isStale(existing)) return existing;
      if (fs.existsSync(file)) removeIfUnchanged(file, existing);
      return undefined;
    },
    sweepStale: () => {
      const freed: string[] = [];
      for (const name of fs.readdirSync(options.lockDir)) {
        if (!name.endsWith('.json')) continue;
        const file = path.join(options.lockDir, name);
        const existing = readLock(file);
        if (existing !== undefined && held.get(existing.branch)?.token === existing.token) continue;
        if (isStale(existing) && removeIfUnchanged(file, existing)) freed.push(existing?.branch ?? name);
      }
      return freed;
    },
  };
}

/** Lock file name: URI-encoded (so `a/b` and `a__b` never collide), hashed when too long. */
export function lockFileName(branch: string): string {
  const encoded = encodeURIComponent(branch);
  if (encoded.length <= 200) return `${encoded}.json`;
  return `${createHash('sha256').update(branch).digest('hex')}.json`;
}

function busyError(branch: string, holder: BranchLockInfo): AppError {
  return new AppError(
    'BRANCH_BUSY',
    `Branch "${branch}" is in use by pid ${holder.pid} on ${holder.hostname} since ` +
      `${toIsoSeconds(holder.acquiredAt)} (an issue run, repair or rebase); it will be retried.`,
    { retryable: true },
  );
}

/** Writes to a temp file and hard-links it into place: fails (false) if the lock exists. */
function createExclusive(file: string, info: BranchLockInfo): boolean {
  const temp = `${file}.${info.token}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(info));
  try {
    fs.linkSync(temp, file);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

function writeAtomically(file: string, info: BranchLockInfo): void {
  const temp = `${file}.${info.token}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(info));
  fs.renameSync(temp, file);
}

/** Reads a lock file; a missing file and unreadable JSON both read as undefined (stale). */
function readLock(file: string): BranchLockInfo | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return isLockInfo(parsed) ? parsed : undefined;
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

function isLockInfo(value: unknown): value is BranchLockInfo {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record['branch'] === 'string' &&
    typeof record['token'] === 'string' &&
    typeof record['hostname'] === 'string' &&
    Number.isInteger(record['pid']) &&
    typeof record['acquiredAt'] === 'number' &&
    typeof record['expiresAt'] === 'number'
  );
}

function tryRename(from: string, to: string): boolean {
  try {
    fs.renameSync(from, to);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
}

function tryLink(from: string, to: string): void {
  try {
    fs.linkSync(from, to);
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw error;
  }
}

function probeProcess(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}
