import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RestoreReport } from '@patchloop/core';
import { AppError, createStateSnapshot, createSystemClock } from '@patchloop/core';
import type { Output } from '../../output.js';
import { describeRefusal, isRecord } from './admin-http.js';
import type { DaemonAccess, DaemonAccessOptions } from './daemon-access.js';
import { resolveDaemonAccess } from './daemon-access.js';

/** Options of `patchloop state export|restore --file PATH [--yes] [--daemon review|code]`. */
export interface StateCommandOptions extends DaemonAccessOptions {
  readonly action: 'export' | 'restore';
  /** Where the snapshot JSON is written (export) or read (restore); relative to `cwd`. */
  readonly file: string;
  /** A restore replaces the whole state, so it must be confirmed. */
  readonly yes: boolean;
  readonly output: Output;
}

/**
 * `patchloop state`: exports the daemon's state snapshot to a file, or restores one, through the
 * running daemon's admin API or straight in its database file when it is stopped.
 * Returns the exit code: 0 done, 1 refused or failed, 2 misuse (restore without `--yes`).
 */
export async function runStateCommand(options: StateCommandOptions): Promise<number> {
  const { output } = options;
  if (options.action === 'restore' && !options.yes) {
    output.err('patchloop state restore replaces the whole state of the daemon; add --yes to confirm.');
    return 2;
  }
  const file = path.resolve(options.cwd, options.file);
  try {
    const access = await resolveDaemonAccess(options);
    if (options.action === 'export') {
      const snapshot = await exportSnapshot(access);
      // The snapshot holds task payloads and cursors: readable by the operator only.
      writeFileSync(file, `${JSON.stringify(snapshot, null, 2)}\n`, { mode: 0o600 });
      output.out(`Wrote the ${options.daemon} daemon's state (${describeTables(snapshot)}) to ${file}.`);
      return 0;
    }
    const report = await restoreSnapshot(access, readSnapshotFile(file));
    const rows = Object.values(report.restoredRows).reduce((sum, count) => sum + count, 0);
    output.out(
      `Restored ${rows} rows into the ${options.daemon} daemon's state from ${file}` +
        (report.recoveredRunningTasks > 0
          ? `; ${report.recoveredRunningTasks} running task(s) queued again.`
          : '.'),
    );
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      output.err(error.message);
      return 1;
    }
    throw error;
  }
}

async function exportSnapshot(access: DaemonAccess): Promise<unknown> {
  if (access.kind === 'http') {
    const response = await access.http.request('GET', '/state/snapshot');
    const snapshot = isRecord(response.body) ? response.body['snapshot'] : undefined;
    if (response.status !== 200 || !isRecord(snapshot)) {
      throw new AppError('ADMIN_CALL_FAILED', describeRefusal(response));
    }
    return snapshot;
  }
  const state = access.open({ create: false });
  try {
    return createStateSnapshot({
      db: state.db,
      clock: createSystemClock(),
      sections: state.sections,
    }).export();
  } finally {
    state.close();
  }
}

async function restoreSnapshot(access: DaemonAccess, snapshot: unknown): Promise<RestoreReport> {
  if (access.kind === 'http') {
    const response = await access.http.request('POST', '/state/restore', { confirm_restore: true, snapshot });
    const body = isRecord(response.body) ? response.body : {};
    if (response.status !== 200) throw new AppError('ADMIN_CALL_FAILED', describeRefusal(response));
    return {
      restoredRows: isRecord(body['restored_rows']) ? countsOf(body['restored_rows']) : {},
      recoveredRunningTasks: Number(body['recovered_running_tasks'] ?? 0),
    };
  }
  // Restoring into a fresh path is how a database is rebuilt from a snapshot.
  const state = access.open({ create: true });
  try {
    return createStateSnapshot({
      db: state.db,
      clock: createSystemClock(),
      sections: state.sections,
    }).restore(snapshot);
  } finally {
    state.close();
  }
}

function readSnapshotFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new AppError('SNAPSHOT_INVALID', `Cannot read the snapshot file ${file}: ${messageOf(error)}`, {
      cause: error,
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new AppError('SNAPSHOT_INVALID', `${file} is not JSON: ${messageOf(error)}`, { cause: error });
  }
  // A saved `GET /state/snapshot` answer wraps the document; accept it as well.
  if (isRecord(parsed) && !('tables' in parsed) && isRecord(parsed['snapshot'])) return parsed['snapshot'];
  return parsed;
}

function describeTables(snapshot: unknown): string {
  const tables = isRecord(snapshot) && isRecord(snapshot['tables']) ? snapshot['tables'] : {};
  const rows = Object.values(tables).reduce<number>(
    (sum, list) => sum + (Array.isArray(list) ? list.length : 0),
    0,
  );
  return `${rows} rows in ${Object.keys(tables).length} tables`;
}

function countsOf(value: Record<string, unknown>): Record<string, number> {
  return Object.fromEntries(Object.entries(value).map(([name, count]) => [name, Number(count)]));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
