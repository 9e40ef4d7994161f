import { AppError, GitHubError } from '../errors/app-error.js';

/** First retry delay; each further attempt doubles it. */
export const backoffBaseMs = 30_000;
/** Longest delay between two attempts (15 minutes). */
export const backoffCapMs = 900_000;

/** Error codes of transient infrastructure failures: network resets and SQLite lock contention. */
const transientCodes = new Set([
  'ECONNRESET',
  'ETIMEDOUT',
  'ECONNREFUSED',
  'EPIPE',
  'EAI_AGAIN',
  'SQLITE_BUSY',
  'SQLITE_BUSY_SNAPSHOT',
  'SQLITE_BUSY_TIMEOUT',
]);
const MAX_CAUSE_DEPTH = 8;

/** What to do with a task whose handler threw. */
export type RetryClassification = 'retry' | 'dead_letter';

/** The classification plus, for a retry, how long to wait. */
export type RetryDecision =
  | { readonly action: 'retry'; readonly delayMs: number }
  | { readonly action: 'dead_letter' };

/** Delay before the next try after `attempt` failed attempts: min(30 s × 2^(attempt−1), 900 s). */
export function backoffDelayMs(attempt: number): number {
  const exponent = Math.max(1, Math.floor(attempt)) - 1;
  return Math.min(backoffBaseMs * 2 ** exponent, backoffCapMs);
}

/**
 * The one place that decides whether a thrown error is worth retrying: AppError.retryable,
 * GitHub 429/5xx, network resets and SQLite lock contention anywhere in the cause chain.
 * Everything else is a bug or a refusal, which retrying would only repeat.
 */
export function classifyError(error: unknown): RetryClassification {
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && current !== undefined && current !== null; depth += 1) {
    if (current instanceof AppError && current.retryable) return 'retry';
    if (current instanceof GitHubError && isRetryableStatus(current.status)) return 'retry';
    if (hasTransientCode(current)) return 'retry';
    current = current instanceof Error ? current.cause : undefined;
  }
  return 'dead_letter';
}

/** Classifies `error` and picks the delay, honouring a GitHub rate-limit reset when it is longer. */
export function decideRetry(error: unknown, attempt: number): RetryDecision {
  if (classifyError(error) === 'dead_letter') return { action: 'dead_letter' };
  const retryAfterMs = error instanceof GitHubError ? (error.retryAfterMs ?? 0) : 0;
  return { action: 'retry', delayMs: Math.max(backoffDelayMs(attempt), retryAfterMs) };
}

function isRetryableStatus(status: number | undefined): boolean {
  return status === 429 || (status !== undefined && status >= 500 && status <= 599);
}

function hasTransientCode(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    transientCodes.has(error.code)
  );
}
