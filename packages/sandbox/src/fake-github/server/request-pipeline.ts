import { STATUS_CODES } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { GitHubModel } from '../model/github-model.js';
import type { ModelState } from '../model/model-state.js';
import type { OpenApiChecker } from '../openapi/openapi-checker.js';
import { findBestTemplate, type PathTemplate } from '../openapi/path-template.js';
import { resolveToken, type TokenGrant } from './auth.js';
import { etagOf, matchesEtag } from './etag.js';
import type { FaultInjector, FaultSpec } from './fault-injector.js';
import type { RateLimiter } from './rate-limiter.js';
import type { OpenApiViolation, RequestRecord } from './request-log.js';
import { errorBody, GitHubHttpError, type RouteDefinition, type RouteResult } from './route-types.js';

/** A route ready to match: its definition, compiled template and documented operation id. */
export interface CompiledRoute {
  readonly definition: RouteDefinition;
  readonly path: PathTemplate;
  readonly operationId: string;
}

/** A request as the HTTP layer hands it over. */
export interface IncomingRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly rawBody: string | undefined;
}

/** What the HTTP layer should send back. */
export interface OutgoingResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
}

/** Everything the pipeline reads or records. */
export interface RequestPipelineDeps {
  readonly routes: readonly CompiledRoute[];
  readonly checker: OpenApiChecker;
  readonly tokens: Readonly<Record<string, TokenGrant>>;
  readonly rateLimiter: RateLimiter;
  readonly faults: FaultInjector;
  readonly requests: RequestRecord[];
  readonly violations: OpenApiViolation[];
  readonly state: ModelState;
  readonly model: GitHubModel;
  readonly baseUrl: () => string;
}

const secondaryRateLimitMessage =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. ' +
  'If you reach out to GitHub Support for help, please include the request ID.';

/**
 * The fake's request path, in GitHub's order: authenticate, scripted faults, route lookup
 * (unknown → 404 + violation), token scope, primary rate limit, OpenAPI validation (422 +
 * violation), handler, then ETag/304. Conditional hits and GET /rate_limit cost nothing.
 */
export function createRequestPipeline(
  deps: RequestPipelineDeps,
): (request: IncomingRequest) => Promise<OutgoingResponse> {
  let requestCounter = 0;

  return async (request) => {
    const method = request.method.toUpperCase();
    const url = new URL(request.url, 'http://fake.invalid');
    const pathname = url.pathname;
    const query = Object.fromEntries(url.searchParams);
    const routed = findBestTemplate(
      deps.routes.filter((route) => route.definition.method === method),
      pathname,
    );
    const documented = routed === undefined ? deps.checker.matchPath(method, pathname) : undefined;
    const operationId = routed?.candidate.operationId ?? documented?.operationId;
    const conditional = request.headers['if-none-match'] !== undefined;
    let grant: TokenGrant | undefined;
    let body: unknown;
    let counted = false;
    requestCounter += 1;

    const violation = (reason: string): void => {
      deps.violations.push({ method, path: pathname, reason });
    };
    const respond = (
      status: number,
      payload: unknown,
      headers: Record<string, string> = {},
    ): OutgoingResponse => {
      if (counted) deps.rateLimiter.consume();
      const text = payload === undefined ? undefined : JSON.stringify(payload);
      deps.requests.push({
        method,
        path: pathname,
        query,
        status,
        conditional,
        ...(grant === undefined ? {} : { login: grant.login }),
        ...(body === undefined ? {} : { body }),
        ...(operationId === undefined ? {} : { operationId }),
      });
      return {
        status,
        headers: {
          ...(text === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
          'x-github-api-version-selected': '2022-11-28',
          'x-github-media-type': 'github.v3; format=json',
          'x-github-request-id': `FAKE:${requestCounter}`,
          ...deps.rateLimiter.headers(),
          ...headers,
        },
        body: text,
      };
    };

    grant = resolveToken(request.headers['authorization'], deps.tokens);
    if (grant === undefined) return respond(401, errorBody(401, 'Bad credentials'));

    const fault = deps.faults.take(method, pathname, routed?.candidate.path.template ?? documented?.template);
    if (fault?.delayMs !== undefined) await delay(fault.delayMs);
    if (fault !== undefined && (fault.status !== undefined || fault.secondaryRateLimit === true)) {
      return respond(...faultAnswer(fault));
    }

    if (request.rawBody !== undefined && request.rawBody.trim() !== '') {
      try {
        body = JSON.parse(request.rawBody);
      } catch {
        violation('the request body is not valid JSON');
        return respond(400, errorBody(400, 'Problems parsing JSON'));
      }
    }

    if (routed === undefined) {
      violation(
        documented === undefined
          ? 'no operation in GitHub’s REST description matches this method and path'
          : `${documented.operationId} exists on GitHub but the fake GitHub does not serve it`,
      );
      counted = true;
      return respond(404, errorBody(404, 'Not Found'));
    }
    const { params } = routed;
    const served = deps.state;
    if (
      (params['owner'] !== undefined && params['owner'].toLowerCase() !== served.owner.toLowerCase()) ||
      (params['repo'] !== undefined && params['repo'].toLowerCase() !== served.repo.toLowerCase())
    ) {
      counted = true;
      return respond(404, errorBody(404, 'Not Found'));
    }
    if (method !== 'GET' && grant.access === 'read') {
      counted = true;
      return respond(403, errorBody(403, 'Resource not accessible by personal access token'));
    }
    const free = routed.candidate.path.template === '/rate_limit';
    const rateLimited = (): OutgoingResponse => {
      const user = served.ensureUser(grant?.login ?? 'unknown');
      return respond(403, errorBody(403, `API rate limit exceeded for user ID ${user.id}.`));
    };
    if (method !== 'GET' && deps.rateLimiter.exhausted()) return rateLimited();

    const problems = deps.checker.validateRequest(method, routed.candidate.path.template, query, body);
    if (problems.length > 0) {
      violation(`invalid request: ${problems.map((problem) => problem.message).join('; ')}`);
      counted = true;
      const errors = problems.map((problem) => ({
        resource: operationId,
        field: problem.field,
        code: problem.code,
      }));
      return respond(422, { ...errorBody(422, 'Validation Failed'), errors });
    }

    let result: RouteResult;
    try {
      result = await routed.candidate.definition.handle({
        params,
        query,
        body,
        login: grant.login,
        state: served,
        model: deps.model,
        baseUrl: deps.baseUrl(),
        pathname,
        rateLimit: deps.rateLimiter.snapshot,
      });
    } catch (error) {
      if (!(error instanceof GitHubHttpError)) {
        violation(`the fake GitHub failed: ${error instanceof Error ? error.message : String(error)}`);
        return respond(500, errorBody(500, 'Server Error'));
      }
      result = { status: error.status, body: error.body };
    }

    const headers: Record<string, string> = { ...result.headers };
    if (method === 'GET' && result.status === 200) {
      const etag = etagOf(JSON.stringify(result.body ?? null) + (headers['link'] ?? ''));
      headers['etag'] = etag;
      headers['cache-control'] = 'private, max-age=60, s-maxage=60';
      // GitHub does not charge for a 304, even when the budget is spent.
      if (matchesEtag(request.headers['if-none-match'], etag)) return respond(304, undefined, headers);
      if (!free && deps.rateLimiter.exhausted()) return rateLimited();
    }
    counted = !free;
    return respond(result.status, result.body, headers);
  };
}

function faultAnswer(fault: FaultSpec): [number, unknown, Record<string, string>] {
  const headers: Record<string, string> = {};
  if (fault.secondaryRateLimit === true) {
    headers['retry-after'] = String(fault.retryAfterSeconds ?? 60);
    const body = fault.body ?? {
      message: secondaryRateLimitMessage,
      documentation_url:
        'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits',
    };
    return [fault.status ?? 403, body, headers];
  }
  const status = fault.status ?? 500;
  if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
  return [status, fault.body ?? errorBody(status, STATUS_CODES[status] ?? 'Error'), headers];
}
