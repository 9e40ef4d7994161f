import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors/app-error.js';

/** A held single-instance lock; `release` is safe to call twice. */
export interface InstanceLock {
  readonly path: string;
  release(): void;
}

/** Process facts the lock needs; injected so tests can simulate another live or dead process. */
export interface InstanceLockOptions {
  /** The state database the lock guards; the lock file is `<database>.lock`. */
  readonly databasePath: string;
  readonly pid: number;
  readonly isProcessAlive: (pid: number) => boolean;
}

/**
 * Makes sure one daemon process owns a state database. Another live owner is a clear startup error;
 * a lock left by a dead process (SIGKILL, crash) is taken over. Holding the lock is what makes it
 * safe to recover every `running` task at startup instead of waiting for its lease to end.
 */
export function acquireInstanceLock(options: InstanceLockOptions): InstanceLock {
  const lockPath = `${options.databasePath}.lock`;
  mkdirSync(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, `${JSON.stringify({ pid: options.pid })}\n`);
      closeSync(fd);
      let released = false;
      return {
        path: lockPath,
        release: () => {
          if (released) return;
          released = true;
          rmSync(lockPath, { force: true });
        },
      };
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
      const owner = readOwner(lockPath);
      if (owner !== undefined && owner !== options.pid && options.isProcessAlive(owner)) {
        throw new AppError(
          'STORE_IN_USE',
          `Another PatchLoop process (pid ${owner}) is using ${options.databasePath}. Stop it, or give this daemon its own STATE_DB_PATH.`,
        );
      }
      // Left behind by a process that is gone: take it over.
      rmSync(lockPath, { force: true });
    }
  }
  throw new AppError(
    'STORE_IN_USE',
    `Could not take the lock ${lockPath}; another process keeps creating it.`,
  );
}

function readOwner(lockPath: string): number | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(lockPath, 'utf8'));
    const pid = typeof parsed === 'object' && parsed !== null && 'pid' in parsed ? parsed.pid : undefined;
    return typeof pid === 'number' && Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * This process's identity for {@link acquireInstanceLock}. The one place outside an entry point that
 * reads the process: a daemon's runtime needs its own pid and a liveness probe for other pids.
 */
export function currentProcessIdentity(): Pick<InstanceLockOptions, 'pid' | 'isProcessAlive'> {
  return {
    pid: process.pid,
    isProcessAlive: (pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch (error) {
        // EPERM: the process exists but belongs to someone else.
        return error instanceof Error && 'code' in error && error.code === 'EPERM';
      }
    },
  };
}
