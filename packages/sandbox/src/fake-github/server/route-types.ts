import type { GitHubModel } from '../model/github-model.js';
import type { ModelState } from '../model/model-state.js';
import type { RateLimitSnapshot } from './rate-limiter.js';

/** Methods the fake serves (GitHub's REST API uses no others for our routes). */
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** What a route handler gets: decoded params, query, parsed body and the caller. */
export interface RouteContext {
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  readonly body: unknown;
  /** The authenticated caller. */
  readonly login: string;
  readonly state: ModelState;
  readonly model: GitHubModel;
  /** The fake's own origin, for absolute `Link` URLs. */
  readonly baseUrl: string;
  readonly pathname: string;
  /** The primary rate limit right now (for `GET /rate_limit`). */
  readonly rateLimit: () => RateLimitSnapshot;
}

/** A handler's answer; the pipeline adds ETag, rate-limit headers and logging. */
export interface RouteResult {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** One served operation, keyed by the exact path template of GitHub's REST description. */
export interface RouteDefinition {
  readonly method: HttpMethod;
  readonly path: string;
  handle(context: RouteContext): RouteResult | Promise<RouteResult>;
}

/** Thrown by handlers to answer with a GitHub error body (404, 422...). */
export class GitHubHttpError extends Error {
  readonly status: number;
  readonly body: Readonly<Record<string, unknown>>;

  constructor(status: number, body: Readonly<Record<string, unknown>>) {
    super(typeof body['message'] === 'string' ? body['message'] : `HTTP ${status}`);
    this.name = 'GitHubHttpError';
    this.status = status;
    this.body = body;
  }
}

const documentationUrl = 'https://docs.github.com/rest';

/** GitHub's 404 body. */
export function notFound(): GitHubHttpError {
  return new GitHubHttpError(404, {
    message: 'Not Found',
    documentation_url: documentationUrl,
    status: '404',
  });
}

/** GitHub's 422 body; `errors` follow its `{ resource, field, code }` convention. */
export function validationFailed(
  errors: readonly (Readonly<Record<string, unknown>> | string)[],
  message = 'Validation Failed',
): GitHubHttpError {
  return new GitHubHttpError(422, { message, errors, documentation_url: documentationUrl, status: '422' });
}

/** An error body with GitHub's documentation link. */
export function errorBody(status: number, message: string): Record<string, unknown> {
  return { message, documentation_url: documentationUrl, status: String(status) };
}
