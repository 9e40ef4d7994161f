import { AppError, GitHubError } from '../errors/app-error.js';

/** What was being attempted, so an error message can say what to fix. */
export interface GitHubRequestContext {
  /** Verb phrase completing "needed to ...", e.g. `create issue comments`. */
  readonly operation: string;
  /** Fine-grained token permission the operation needs, e.g. `issues: write`. */
  readonly permission: string;
  /** Which setting holds the token, e.g. `GITHUB_WRITE_TOKEN`. */
  readonly tokenName: string;
  /** `owner/name`. */
  readonly repository: string;
  /** Current time (epoch ms), to turn a rate-limit reset time into a wait. */
  readonly nowMs: number;
}

// GitHub asks clients to wait at least a minute after a secondary limit that names no time.
const secondaryLimitFallbackMs = 60_000;

/**
 * Translates a failed Octokit request into a GitHubError with a stable code, a `retryable`
 * flag for the retry policy and a message that says what to fix. AppErrors pass unchanged.
 */
export function toGitHubError(error: unknown, context: GitHubRequestContext): AppError {
  if (error instanceof AppError) return error;
  const failure = describeFailure(error);
  const { operation, tokenName, repository } = context;
  const where = failure.request ? ` (${failure.request})` : '';
  const said = failure.message ? `: ${failure.message}` : '';
  const options = { cause: error, ...(failure.status === undefined ? {} : { status: failure.status }) };

  if (failure.status !== undefined && isRateLimited(failure)) {
    const retryAfterMs = rateLimitWaitMs(failure.headers, context.nowMs);
    return new GitHubError(
      'GITHUB_RATE_LIMITED',
      `GitHub rate limit reached while trying to ${operation}${where}; retry in ${Math.ceil(retryAfterMs / 1000)} s.`,
      { ...options, retryable: true, retryAfterMs },
    );
  }
  switch (failure.status) {
    case 401:
      return new GitHubError(
        'GITHUB_UNAUTHORIZED',
        `GitHub rejected ${tokenName} (401${said}) while trying to ${operation}: ` +
          `the token is missing, expired or revoked. Create a new token and update ${tokenName}.`,
        options,
      );
    case 403:
      return new GitHubError(
        'GITHUB_FORBIDDEN',
        `${tokenName} lacks \`${context.permission}\` on ${repository}, needed to ${operation}${where}. ` +
          `GitHub answered 403${said}`,
        options,
      );
    case 404:
      return new GitHubError(
        'GITHUB_NOT_FOUND',
        `GitHub answered 404 while trying to ${operation}${where}: it does not exist, ` +
          `or ${tokenName} cannot see ${repository}.`,
        options,
      );
    default:
      break;
  }
  if (failure.status === undefined) {
    // Not an HTTP failure at all (Octokit reports network failures as status 500): a bug.
    return new GitHubError(
      'GITHUB_REQUEST_FAILED',
      `GitHub request to ${operation} failed${where}${said}.`,
      options,
    );
  }
  if (failure.status >= 500) {
    return new GitHubError(
      'GITHUB_REQUEST_FAILED',
      `GitHub request to ${operation} failed${where} (${failure.status}${said}); it can be retried.`,
      { ...options, retryable: true },
    );
  }
  return new GitHubError(
    'GITHUB_REQUEST_FAILED',
    `GitHub refused the request to ${operation}${where} (${failure.status}${said}${failure.details}).`,
    options,
  );
}

interface FailureDescription {
  readonly status: number | undefined;
  readonly message: string;
  readonly details: string;
  readonly request: string;
  readonly headers: Readonly<Record<string, unknown>>;
}

// Reads an Octokit RequestError structurally (status, response headers/data, request method/url)
// so this module stays free of Octokit imports.
function describeFailure(error: unknown): FailureDescription {
  const record = isRecord(error) ? error : {};
  const status = typeof record['status'] === 'number' ? record['status'] : undefined;
  const response = isRecord(record['response']) ? record['response'] : {};
  const headers = isRecord(response['headers']) ? response['headers'] : {};
  const request = isRecord(record['request']) ? record['request'] : {};
  const message = error instanceof Error ? error.message.slice(0, 300) : '';
  return {
    status,
    message,
    details: validationDetails(response['data']),
    request: describeRequest(request['method'], request['url']),
    headers,
  };
}

function isRateLimited(failure: FailureDescription): boolean {
  if (failure.status === 429) return true;
  if (failure.status !== 403) return false;
  return (
    failure.headers['x-ratelimit-remaining'] === '0' ||
    failure.headers['retry-after'] !== undefined ||
    /secondary rate limit/i.test(failure.message)
  );
}

function rateLimitWaitMs(headers: Readonly<Record<string, unknown>>, nowMs: number): number {
  const retryAfter = Number(headers['retry-after']);
  if (Number.isFinite(retryAfter) && retryAfter >= 0 && headers['retry-after'] !== undefined) {
    return retryAfter * 1000;
  }
  const reset = Number(headers['x-ratelimit-reset']);
  if (headers['x-ratelimit-remaining'] === '0' && Number.isFinite(reset) && reset > 0) {
    return Math.max(0, reset * 1000 - nowMs);
  }
  return secondaryLimitFallbackMs;
}

function validationDetails(data: unknown): string {
  if (!isRecord(data) || !Array.isArray(data['errors'])) return '';
  const parts = data['errors']
    .slice(0, 3)
    .map((entry) => (isRecord(entry) ? String(entry['message'] ?? entry['code'] ?? '') : String(entry)))
    .filter((part) => part.length > 0);
  return parts.length > 0 ? `; ${parts.join('; ')}` : '';
}

function describeRequest(method: unknown, url: unknown): string {
  if (typeof method !== 'string' || typeof url !== 'string') return '';
  if (!URL.canParse(url)) return `${method} ${url}`;
  const parsed = new URL(url);
  return `${method} ${parsed.pathname}${parsed.search}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
