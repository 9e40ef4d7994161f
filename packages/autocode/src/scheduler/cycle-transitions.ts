import type { CyclePriority, CycleRecord, CycleStats } from './cycle-record.js';

/** Retry delays after failures: base × 2^(consecutive failures − 1), never above the cap. */
export interface CycleBackoff {
  readonly baseMs: number;
  readonly capMs: number;
}

/** A fresh record: `idle`, first due at `nextRunAt`. */
export function newCycleRecord(spec: {
  readonly name: string;
  readonly priority: CyclePriority;
  readonly intervalMs: number;
  readonly maxRetries: number;
  readonly nextRunAt: number;
}): CycleRecord {
  return {
    ...spec,
    status: 'idle',
    runCount: 0,
    failureCount: 0,
    consecutiveFailures: 0,
    leaseOwner: null,
    leaseAcquiredAt: null,
    lastStartedAt: null,
    lastFinishedAt: null,
    lastError: null,
    lastSuccessAt: null,
    lastStats: null,
  };
}

/** A run starts: the lease is taken and the previous error cleared. */
export function markCycleStarted(record: CycleRecord, now: number, leaseOwner: string): void {
  record.status = 'running';
  record.runCount += 1;
  record.leaseOwner = leaseOwner;
  record.leaseAcquiredAt = now;
  record.lastStartedAt = now;
  record.lastError = null;
}

/** A run resolved: the failure streak ends and the next run is one interval after this finish. */
export function markCycleSucceeded(record: CycleRecord, now: number, stats: CycleStats | null): void {
  releaseLease(record, now);
  record.status = 'succeeded';
  record.consecutiveFailures = 0;
  record.lastSuccessAt = now;
  record.lastStats = stats;
  // Fixed delay after the finish: a run that overran its interval is never followed by a catch-up burst.
  record.nextRunAt = now + record.intervalMs;
}

/**
 * A run threw: retry after the backoff while the streak is within `maxRetries`, else dead-letter
 * the cycle until an operator retries it. Returns the delay, or null when dead-lettered.
 */
export function markCycleFailed(
  record: CycleRecord,
  now: number,
  error: string,
  backoff: CycleBackoff,
): number | null {
  releaseLease(record, now);
  record.failureCount += 1;
  record.consecutiveFailures += 1;
  record.lastError = error;
  if (record.consecutiveFailures > record.maxRetries) {
    record.status = 'dead_letter';
    record.nextRunAt = null;
    return null;
  }
  const delayMs = Math.min(backoff.baseMs * 2 ** (record.consecutiveFailures - 1), backoff.capMs);
  record.status = 'retry_waiting';
  record.nextRunAt = now + delayMs;
  return delayMs;
}

/** The scheduler stopped before the run finished: next run one interval after its start. */
export function markCycleCancelled(record: CycleRecord, now: number, startedAt: number): void {
  releaseLease(record, now);
  record.status = 'cancelled';
  record.nextRunAt = startedAt + record.intervalMs;
}

/** An operator's retry (spec §3.11): streak and error cleared, due now, dead letter revived. */
export function markCycleRetried(record: CycleRecord, now: number): void {
  record.status = 'queued';
  record.consecutiveFailures = 0;
  record.lastError = null;
  record.nextRunAt = now;
}

function releaseLease(record: CycleRecord, now: number): void {
  record.leaseOwner = null;
  record.leaseAcquiredAt = null;
  record.lastFinishedAt = now;
}
