import { toIsoSeconds } from '@patchloop/core';

/** Start order among cycles that are due together (spec §5.7). */
export type CyclePriority = 'urgent' | 'normal' | 'background';

/**
 * Where a cycle stands. `queued` is the state an operator's retry leaves (spec §3.11): due now,
 * failure streak cleared, not yet started.
 */
export type CycleStatus =
  | 'idle'
  | 'queued'
  | 'running'
  | 'succeeded'
  | 'retry_waiting'
  | 'dead_letter'
  | 'cancelled';

/** What a cycle's run resolved with, kept when it is a plain object (`{claimed, processed, failed}`...). */
export type CycleStats = Readonly<Record<string, unknown>>;

/** The in-memory record of one cycle; the scheduler is its only writer. Times are epoch ms. */
export interface CycleRecord {
  readonly name: string;
  readonly priority: CyclePriority;
  readonly intervalMs: number;
  readonly maxRetries: number;
  status: CycleStatus;
  runCount: number;
  failureCount: number;
  consecutiveFailures: number;
  /** Null while dead-lettered: the cycle waits for an operator's retry. */
  nextRunAt: number | null;
  leaseOwner: string | null;
  leaseAcquiredAt: number | null;
  lastStartedAt: number | null;
  lastFinishedAt: number | null;
  lastError: string | null;
  lastSuccessAt: number | null;
  lastStats: CycleStats | null;
}

/** A cycle record as `/health`, `/observability` and the scheduler retry route show it (spec §5.7). */
export interface CycleRecordView {
  readonly name: string;
  readonly status: CycleStatus;
  readonly priority: CyclePriority;
  readonly interval_seconds: number;
  readonly run_count: number;
  readonly failure_count: number;
  readonly consecutive_failures: number;
  readonly max_retries: number;
  readonly next_run_at: string | null;
  readonly lease_owner: string | null;
  readonly lease_acquired_at: string | null;
  readonly last_started_at: string | null;
  readonly last_finished_at: string | null;
  readonly last_error: string | null;
  readonly last_success_at: string | null;
  readonly last_stats: CycleStats | null;
}

/** Serializes a cycle record: snake_case names, ISO-8601 UTC times, null for "never". */
export function toCycleRecordView(record: CycleRecord): CycleRecordView {
  return {
    name: record.name,
    status: record.status,
    priority: record.priority,
    interval_seconds: record.intervalMs / 1000,
    run_count: record.runCount,
    failure_count: record.failureCount,
    consecutive_failures: record.consecutiveFailures,
    max_retries: record.maxRetries,
    next_run_at: isoOrNull(record.nextRunAt),
    lease_owner: record.leaseOwner,
    lease_acquired_at: isoOrNull(record.leaseAcquiredAt),
    last_started_at: isoOrNull(record.lastStartedAt),
    last_finished_at: isoOrNull(record.lastFinishedAt),
    last_error: record.lastError,
    last_success_at: isoOrNull(record.lastSuccessAt),
    last_stats: record.lastStats === null ? null : { ...record.lastStats },
  };
}

/** The run's resolved value when it is a plain object, else null (a count or string is no stats). */
export function toCycleStats(value: unknown): CycleStats | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null ? (value as CycleStats) : null;
}

function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : toIsoSeconds(ms);
}
