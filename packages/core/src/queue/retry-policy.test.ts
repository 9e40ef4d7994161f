import { describe, expect, it } from 'vitest';
import { AppError, GitHubError } from '../errors/app-error.js';
import { backoffDelayMs, classifyError, decideRetry } from './retry-policy.js';

function withCode(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

describe('backoffDelayMs', () => {
  it.each([
    [1, 30_000],
    [2, 60_000],
    [3, 120_000],
    [4, 240_000],
    [5, 480_000],
    [6, 900_000],
    [7, 900_000],
    [50, 900_000],
    [5000, 900_000],
  ])('waits min(30 s × 2^(attempt−1), 900 s) after attempt %i: %i ms', (attempt, delayMs) => {
    expect(backoffDelayMs(attempt)).toBe(delayMs);
  });

  it('treats attempt 0 like the first attempt', () => {
    expect(backoffDelayMs(0)).toBe(30_000);
  });
});

describe('classifyError', () => {
  it.each([
    ['a retryable AppError', new AppError('AGENT_FAILED', 'flaky', { retryable: true })],
    ['GitHub 429', new GitHubError('GITHUB_RATE_LIMITED', 'slow down', { status: 429 })],
    ['GitHub 500', new GitHubError('GITHUB_REQUEST_FAILED', 'boom', { status: 500 })],
    ['GitHub 502', new GitHubError('GITHUB_REQUEST_FAILED', 'bad gateway', { status: 502 })],
    ['GitHub 503', new GitHubError('GITHUB_REQUEST_FAILED', 'unavailable', { status: 503 })],
    ['ECONNRESET', withCode('ECONNRESET')],
    ['ETIMEDOUT', withCode('ETIMEDOUT')],
    ['ECONNREFUSED', withCode('ECONNREFUSED')],
    ['SQLITE_BUSY', withCode('SQLITE_BUSY', 'database is locked')],
    [
      'a network reset wrapped as the cause of fetch',
      new TypeError('fetch failed', { cause: withCode('ECONNRESET') }),
    ],
    [
      'a network reset under a non-retryable AppError',
      new AppError('GITHUB_REQUEST_FAILED', 'request failed', { cause: withCode('ECONNRESET') }),
    ],
  ])('retries %s', (_label, error) => {
    expect(classifyError(error)).toBe('retry');
  });

  it.each([
    ['a non-retryable AppError', new AppError('PUSH_REFUSED', 'blocked path')],
    ['GitHub 404', new GitHubError('GITHUB_NOT_FOUND', 'gone', { status: 404 })],
    ['GitHub 422', new GitHubError('GITHUB_REQUEST_FAILED', 'invalid', { status: 422 })],
    ['GitHub 403 without a retryable flag', new GitHubError('GITHUB_FORBIDDEN', 'no scope', { status: 403 })],
    ['a plain bug', new TypeError('undefined is not a function')],
    ['a thrown string', 'nope'],
    ['an unrelated error code', withCode('ENOENT')],
  ])('dead-letters %s', (_label, error) => {
    expect(classifyError(error)).toBe('dead_letter');
  });
});

describe('decideRetry', () => {
  it('uses the backoff for the attempt that failed', () => {
    const decision = decideRetry(withCode('ECONNRESET'), 3);

    expect(decision).toEqual({ action: 'retry', delayMs: 120_000 });
  });

  it('waits for a GitHub rate-limit reset when it is later than the backoff', () => {
    const error = new GitHubError('GITHUB_RATE_LIMITED', 'limited', { status: 429, retryAfterMs: 1_200_000 });

    expect(decideRetry(error, 1)).toEqual({ action: 'retry', delayMs: 1_200_000 });
  });

  it('gives no delay for an error that is not worth retrying', () => {
    expect(decideRetry(new Error('bug'), 1)).toEqual({ action: 'dead_letter' });
  });
});
