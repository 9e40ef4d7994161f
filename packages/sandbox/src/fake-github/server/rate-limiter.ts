import type { Clock } from '@patchloop/core';

/** The primary rate limit as GitHub reports it (`reset` in epoch seconds). */
export interface RateLimitSnapshot {
  readonly limit: number;
  readonly remaining: number;
  readonly used: number;
  readonly reset: number;
}

/** A one-hour request budget; a new window starts once the clock passes `reset`. */
export interface RateLimiter {
  snapshot(): RateLimitSnapshot;
  /** Spends one request; callers check `exhausted()` first. */
  consume(): void;
  exhausted(): boolean;
  /** The `x-ratelimit-*` headers GitHub sends on every response. */
  headers(): Record<string, string>;
}

const windowMs = 60 * 60 * 1000;

/**
 * One budget for the whole fake (as if all tokens belonged to one account), so a test can read
 * "what did this run cost" from a single number; per-login costs are in the request log.
 */
export function createRateLimiter(options: { readonly limit: number; readonly clock: Clock }): RateLimiter {
  let windowStart = options.clock.now();
  let used = 0;

  const roll = (): void => {
    const now = options.clock.now();
    if (now >= windowStart + windowMs) {
      windowStart = now;
      used = 0;
    }
  };
  const snapshot = (): RateLimitSnapshot => {
    roll();
    return {
      limit: options.limit,
      remaining: Math.max(0, options.limit - used),
      used,
      reset: Math.ceil((windowStart + windowMs) / 1000),
    };
  };

  return {
    snapshot,
    consume: () => {
      roll();
      used += 1;
    },
    exhausted: () => snapshot().remaining === 0,
    headers: () => {
      const current = snapshot();
      return {
        'x-ratelimit-limit': String(current.limit),
        'x-ratelimit-remaining': String(current.remaining),
        'x-ratelimit-used': String(current.used),
        'x-ratelimit-reset': String(current.reset),
        'x-ratelimit-resource': 'core',
      };
    },
  };
}
