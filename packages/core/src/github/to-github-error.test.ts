import { describe, expect, it } from 'vitest';
import { AppError, GitHubError } from '../errors/app-error.js';
import { type GitHubRequestContext, toGitHubError } from './to-github-error.js';

const nowMs = Date.UTC(2026, 0, 1, 12, 0, 0);

const context: GitHubRequestContext = {
  operation: 'write issue and pull request comments',
  permission: 'issues: write',
  tokenName: 'GITHUB_WRITE_TOKEN',
  repository: 'acme/widgets',
  nowMs,
};

// The shape of Octokit's RequestError, built by hand so the test needs no Octokit.
function requestError(
  status: number,
  message: string,
  headers: Record<string, string> = {},
  data: unknown = { message },
): Error {
  return Object.assign(new Error(message), {
    name: 'HttpError',
    status,
    request: {
      method: 'POST',
      url: 'https://api.github.com/repos/acme/widgets/issues/1/comments?x=1',
      headers: {},
    },
    response: { status, url: '', headers, data },
  });
}

describe('toGitHubError', () => {
  it('names the token and the missing permission on a 403', () => {
    const error = toGitHubError(
      requestError(403, 'Resource not accessible by personal access token'),
      context,
    );

    expect(error).toBeInstanceOf(GitHubError);
    expect(error.code).toBe('GITHUB_FORBIDDEN');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('GITHUB_WRITE_TOKEN lacks `issues: write` on acme/widgets');
    expect(error.message).toContain('POST /repos/acme/widgets/issues/1/comments?x=1');
    expect(error.message).toContain('Resource not accessible by personal access token');
  });

  it('classifies a 403 with an exhausted quota as rate limited until the reset', () => {
    const reset = String(nowMs / 1000 + 90);

    const error = toGitHubError(
      requestError(403, 'API rate limit exceeded', {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': reset,
      }),
      context,
    );

    expect(error).toMatchObject({ code: 'GITHUB_RATE_LIMITED', retryable: true, retryAfterMs: 90_000 });
  });

  it('classifies a secondary rate limit using its Retry-After', () => {
    const error = toGitHubError(
      requestError(403, 'You have exceeded a secondary rate limit', { 'retry-after': '30' }),
      context,
    );

    expect(error).toMatchObject({ code: 'GITHUB_RATE_LIMITED', retryable: true, retryAfterMs: 30_000 });
  });

  it('waits a minute after a 429 that names no time', () => {
    const error = toGitHubError(requestError(429, 'Too Many Requests'), context);

    expect(error).toMatchObject({ code: 'GITHUB_RATE_LIMITED', retryAfterMs: 60_000, status: 429 });
  });

  it('maps 404 to GITHUB_NOT_FOUND, which is not retryable', () => {
    const error = toGitHubError(requestError(404, 'Not Found'), context);

    expect(error).toMatchObject({ code: 'GITHUB_NOT_FOUND', retryable: false, status: 404 });
    expect(error.message).toContain('GITHUB_WRITE_TOKEN cannot see acme/widgets');
  });

  it('maps 401 to GITHUB_UNAUTHORIZED telling which setting to renew', () => {
    const error = toGitHubError(requestError(401, 'Bad credentials'), context);

    expect(error.code).toBe('GITHUB_UNAUTHORIZED');
    expect(error.message).toContain('update GITHUB_WRITE_TOKEN');
  });

  it.each([500, 502, 503])('treats %i as a retryable request failure', (status) => {
    const error = toGitHubError(requestError(status, 'Bad Gateway'), context);

    expect(error).toMatchObject({ code: 'GITHUB_REQUEST_FAILED', retryable: true, status });
  });

  it('reports validation errors of a 422 and does not retry them', () => {
    const data = {
      message: 'Validation Failed',
      errors: [{ resource: 'Issue', code: 'custom', message: 'body is too long' }],
    };

    const error = toGitHubError(requestError(422, 'Validation Failed', {}, data), context);

    expect(error).toMatchObject({ code: 'GITHUB_REQUEST_FAILED', retryable: false });
    expect(error.message).toContain('body is too long');
  });

  it('returns PatchLoop errors unchanged', () => {
    const original = new AppError('GITHUB_RESPONSE_INVALID', 'bad shape');

    expect(toGitHubError(original, context)).toBe(original);
  });

  it('keeps the original error as the cause', () => {
    const original = requestError(502, 'Bad Gateway');

    expect(toGitHubError(original, context).cause).toBe(original);
  });
});
