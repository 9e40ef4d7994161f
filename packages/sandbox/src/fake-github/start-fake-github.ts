import { existsSync } from 'node:fs';
import { type Clock, createSystemClock } from '@patchloop/core';
import fastify from 'fastify';
import { openBareRepository } from './model/bare-repository.js';
import { createGitHubModel, type GitHubModel } from './model/github-model.js';
import { createModelState } from './model/model-state.js';
import { compilePathTemplate } from './openapi/path-template.js';
import { sharedOpenApiChecker } from './openapi/shared-openapi-checker.js';
import { fakeGitHubRoutes } from './routes/route-table.js';
import { defaultTokens, type TokenGrant } from './server/auth.js';
import { createFaultInjector, type FaultInjector } from './server/fault-injector.js';
import { createRateLimiter, type RateLimitSnapshot } from './server/rate-limiter.js';
import type { OpenApiViolation, RequestRecord } from './server/request-log.js';
import { type CompiledRoute, createRequestPipeline } from './server/request-pipeline.js';

/** Options of {@link startFakeGitHub}. */
export interface StartFakeGitHubOptions {
  readonly owner: string;
  readonly repo: string;
  readonly defaultBranch?: string;
  /** A real bare git repository: PR head/base SHAs, files, commits and compare are read from it. */
  readonly bareRepositoryPath?: string;
  /** Accepted tokens; default `read-token` (patchloop-reader, read) and `write-token` (patchloop-bot, write). */
  readonly tokens?: Readonly<Record<string, TokenGrant>>;
  /** Requests per one-hour window (default 5000). */
  readonly rateLimit?: number;
  /** Source of timestamps and of the rate-limit window (default: the system clock). */
  readonly clock?: Clock;
}

/** A running fake GitHub: pass `url` as Octokit's `baseUrl`. */
export interface FakeGitHub {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  readonly model: GitHubModel;
  /** Every request answered, in order (live array). */
  readonly requests: readonly RequestRecord[];
  /** The requests that were not GETs: "no write reached GitHub" is `writes()` being empty. */
  writes(): RequestRecord[];
  rateLimit(): RateLimitSnapshot;
  readonly faults: FaultInjector;
  /** Requests that broke GitHub's REST description (live array). */
  readonly violations: readonly OpenApiViolation[];
  /** Throws an error listing every recorded violation. */
  assertNoViolations(): void;
  close(): Promise<void>;
}

/**
 * Starts a stateful fake GitHub for one repository on 127.0.0.1 (ephemeral port). Every request
 * is checked against GitHub's REST description from `@octokit/openapi` (loaded once per process).
 */
export async function startFakeGitHub(options: StartFakeGitHubOptions): Promise<FakeGitHub> {
  if (options.bareRepositoryPath !== undefined && !existsSync(options.bareRepositoryPath)) {
    throw new Error(`The fake GitHub's bare repository ${options.bareRepositoryPath} does not exist.`);
  }
  const checker = await sharedOpenApiChecker();
  const routes: CompiledRoute[] = fakeGitHubRoutes.map((definition) => {
    const operation = checker.operation(definition.method, definition.path);
    if (operation === undefined)
      throw new Error(`${definition.method} ${definition.path} is not a GitHub operation.`);
    return { definition, path: compilePathTemplate(definition.path), operationId: operation.operationId };
  });
  const clock = options.clock ?? createSystemClock();
  let url = '';
  const state = createModelState({
    owner: options.owner,
    repo: options.repo,
    defaultBranch: options.defaultBranch ?? 'main',
    clock,
    urls: { api: () => url, web: 'https://github.com' },
    git:
      options.bareRepositoryPath === undefined ? undefined : openBareRepository(options.bareRepositoryPath),
  });
  const tokens = options.tokens ?? defaultTokens;
  for (const grant of Object.values(tokens)) state.ensureUser(grant.login);
  const model = createGitHubModel(state);
  const rateLimiter = createRateLimiter({ limit: options.rateLimit ?? 5000, clock });
  const faults = createFaultInjector();
  const requests: RequestRecord[] = [];
  const violations: OpenApiViolation[] = [];
  const handle = createRequestPipeline({
    routes,
    checker,
    tokens,
    rateLimiter,
    faults,
    requests,
    violations,
    state,
    model,
    baseUrl: () => url,
  });

  const app = fastify({ logger: false, bodyLimit: 10 * 1024 * 1024 });
  // Keep the raw body: the pipeline parses JSON itself so it can answer as GitHub does.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    done(null, body);
  });
  app.route({
    method: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
    url: '/*',
    // GitHub's description has no HEAD operations; an automatic HEAD route would only mislead.
    exposeHeadRoute: false,
    handler: async (request, reply) => {
      const headers: Record<string, string | undefined> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      const response = await handle({
        method: request.method,
        url: request.url,
        headers,
        rawBody: typeof request.body === 'string' ? request.body : undefined,
      });
      reply.code(response.status).headers(response.headers);
      return reply.send(response.body ?? '');
    },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('The fake GitHub has no TCP address.');
  url = `http://127.0.0.1:${address.port}`;

  return {
    url,
    model,
    requests,
    writes: () => requests.filter((request) => request.method !== 'GET'),
    rateLimit: rateLimiter.snapshot,
    faults,
    violations,
    assertNoViolations: () => {
      if (violations.length === 0) return;
      const lines = violations.map((v) => `- ${v.method} ${v.path}: ${v.reason}`);
      throw new Error(
        `The fake GitHub saw ${violations.length} request(s) GitHub would reject:\n${lines.join('\n')}`,
      );
    },
    close: () => app.close(),
  };
}
