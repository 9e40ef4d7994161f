import { startFakeGitHub } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createSilentLogger } from '../logging/create-logger.js';
import { createSystemClock } from '../time/clock.js';
import { createCodeGitHubClients } from './create-github-clients.js';
import type { RateLimitBudget } from './rate-limit-budget.js';
import { createRateLimitTracker, readRateLimitBudget } from './rate-limit-budget.js';

describe('readRateLimitBudget', () => {
  it('reads remaining, limit and the reset time from the headers', () => {
    expect(
      readRateLimitBudget({
        'x-ratelimit-remaining': '4990',
        'x-ratelimit-limit': '5000',
        'x-ratelimit-reset': '1800000000',
      }),
    ).toEqual({ remaining: 4990, limit: 5000, resetAt: '2027-01-15T08:00:00Z' });
  });

  it('is undefined when the headers are missing or not numbers', () => {
    expect(readRateLimitBudget(undefined)).toBeUndefined();
    expect(readRateLimitBudget({ 'x-ratelimit-remaining': '10' })).toBeUndefined();
    expect(
      readRateLimitBudget({
        'x-ratelimit-remaining': 'x',
        'x-ratelimit-limit': '5000',
        'x-ratelimit-reset': '1',
      }),
    ).toBeUndefined();
  });
});

describe('the rate-limit budget of real answers', () => {
  it('reaches onRateLimit for every answer, a 304 included, and the tracker keeps the latest', async () => {
    const github = await startFakeGitHub({ owner: 'acme', repo: 'widgets' });
    onTestFinished(() => github.close());
    const tracker = createRateLimitTracker();
    const seen: RateLimitBudget[] = [];
    const { reader } = createCodeGitHubClients({
      owner: 'acme',
      repo: 'widgets',
      apiUrl: github.url,
      token: 'read-token',
      logger: createSilentLogger(),
      clock: createSystemClock(),
      onRateLimit: (budget) => {
        seen.push(budget);
        tracker.record(budget);
      },
    });

    await reader.getRepository();
    await reader.getRepository();

    expect(github.requests.map((request) => request.status)).toEqual([200, 304]);
    expect(seen).toHaveLength(2);
    expect(seen[0]?.limit).toBe(github.rateLimit().limit);
    expect(tracker.latest()?.remaining).toBe(github.rateLimit().remaining);
  });
});
