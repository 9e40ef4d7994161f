import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../../fake-clock.js';
import { createRateLimiter } from './rate-limiter.js';

describe('createRateLimiter', () => {
  it('counts down within the hour and starts a fresh window once the reset time passes', async () => {
    const clock = createFakeClock(Date.UTC(2026, 0, 1));
    const limiter = createRateLimiter({ limit: 2, clock });
    limiter.consume();
    limiter.consume();

    const spent = limiter.exhausted();
    await clock.advance(60 * 60 * 1000);

    expect(spent).toBe(true);
    expect(limiter.exhausted()).toBe(false);
    expect(limiter.snapshot()).toEqual({
      limit: 2,
      remaining: 2,
      used: 0,
      reset: Date.UTC(2026, 0, 1, 2) / 1000,
    });
  });
});
