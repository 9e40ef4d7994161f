import { toIsoSeconds } from '../time/clock.js';

/** What GitHub said was left of a token's hourly budget on its last answer. */
export interface RateLimitBudget {
  readonly remaining: number;
  readonly limit: number;
  /** When the budget refills, ISO-8601. */
  readonly resetAt: string;
}

/** Reads `x-ratelimit-remaining`, `-limit` and `-reset` of a response; undefined when absent. */
export function readRateLimitBudget(
  headers: Readonly<Record<string, unknown>> | undefined,
): RateLimitBudget | undefined {
  if (headers === undefined) return undefined;
  const remaining = Number(headers['x-ratelimit-remaining']);
  const limit = Number(headers['x-ratelimit-limit']);
  const reset = Number(headers['x-ratelimit-reset']);
  if (
    ![remaining, limit, reset].every((value) => Number.isFinite(value)) ||
    headers['x-ratelimit-limit'] === undefined
  ) {
    return undefined;
  }
  return { remaining, limit, resetAt: toIsoSeconds(reset * 1000) };
}

/** Keeps the most recent budget a daemon's GitHub clients reported, for the dashboard. */
export interface RateLimitTracker {
  record(budget: RateLimitBudget): void;
  latest(): RateLimitBudget | null;
}

/** Creates an in-memory tracker (one per daemon). */
export function createRateLimitTracker(): RateLimitTracker {
  let latest: RateLimitBudget | null = null;
  return {
    record: (budget) => {
      latest = budget;
    },
    latest: () => latest,
  };
}
