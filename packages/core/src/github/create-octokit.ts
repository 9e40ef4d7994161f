import { createRequire } from 'node:module';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import type { Logger } from '../logging/create-logger.js';
import type { Clock } from '../time/clock.js';
import type { RateLimitBudget } from './rate-limit-budget.js';
import { readRateLimitBudget } from './rate-limit-budget.js';

/** Settings of one Octokit instance (one token). */
export interface CreateOctokitOptions {
  readonly token: string;
  /** GITHUB_API_URL; default `https://api.github.com`. */
  readonly baseUrl?: string;
  readonly logger: Logger;
  readonly clock: Clock;
  /** Default `patchloop/<version of @patchloop/core>`. */
  readonly userAgent?: string;
  /** Replaces the global fetch (tests, proxies). */
  readonly fetch?: typeof globalThis.fetch;
  /** Per-attempt timeout; default 30 s. A timeout counts as a network failure and is retried. */
  readonly requestTimeoutMs?: number;
  /** Retries of 5xx answers and network failures; default 3. */
  readonly retries?: number;
  /** Unit of plugin-retry's quadratic backoff (1, 4, 9 × base); default 1000 ms. */
  readonly retryBaseDelayMs?: number;
  /** Retries after a rate limit (429, secondary or primary limit); default 2. */
  readonly rateLimitRetries?: number;
  /** Longer advised waits are not slept through: the request fails GITHUB_RATE_LIMITED. Default 60 s. */
  readonly maxRetryAfterSeconds?: number;
  /** Called with the rate-limit budget every answer reports (304s included). */
  readonly onRateLimit?: (budget: RateLimitBudget) => void;
}

// Statuses that will not change on a retry; 429 is left to the rate-limit handling below.
const doNotRetry = [400, 401, 403, 404, 409, 410, 422, 429, 451];

/**
 * Creates an Octokit with retry (5xx, network), throttling (GitHub's pacing of writes and
 * searches, secondary and primary rate limits) and a guard that honours Retry-After on a
 * plain 429 and bounds every attempt with a timeout.
 */
export function createOctokit(options: CreateOctokitOptions): Octokit {
  const { logger, clock } = options;
  const rateLimitRetries = options.rateLimitRetries ?? 2;
  const maxRetryAfterSeconds = options.maxRetryAfterSeconds ?? 60;
  const guard = createRequestGuard({
    timeoutMs: options.requestTimeoutMs ?? 30_000,
    rateLimitRetries,
    maxRetryAfterSeconds,
    clock,
    logger,
  });
  const shouldRetryLimit =
    (kind: 'primary' | 'secondary') =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      const bindings = {
        kind,
        method: request.method,
        url: request.url,
        retryAfterSeconds: retryAfter,
        retryCount,
      };
      if (retryCount < rateLimitRetries && retryAfter <= maxRetryAfterSeconds) {
        logger.warn(bindings, 'GitHub rate limit hit, retrying after the advised wait');
        return true;
      }
      logger.warn(bindings, 'GitHub rate limit hit, giving up on this request');
      return false;
    };

  const PatchLoopOctokit: typeof Octokit = Octokit.plugin(guard, retry, throttling);
  const octokit = new PatchLoopOctokit({
    auth: options.token,
    baseUrl: (options.baseUrl ?? 'https://api.github.com').replace(/\/+$/, ''),
    userAgent: options.userAgent ?? `patchloop/${corePackageVersion()}`,
    log: toOctokitLog(logger),
    request: options.fetch ? { fetch: options.fetch } : {},
    retry: {
      retries: options.retries ?? 3,
      doNotRetry,
      retryAfterBaseValue: options.retryBaseDelayMs ?? 1000,
    },
    throttle: {
      onRateLimit: shouldRetryLimit('primary'),
      onSecondaryRateLimit: shouldRetryLimit('secondary'),
    },
  });
  const report = options.onRateLimit;
  if (report !== undefined) {
    // Every answer carries the budget; errors (a 304 is one for Octokit) carry it on their response.
    octokit.hook.wrap('request', async (request, requestOptions) => {
      try {
        const response = await request(requestOptions);
        const budget = readRateLimitBudget(response.headers);
        if (budget !== undefined) report(budget);
        return response;
      } catch (error) {
        const headers = (error as { response?: { headers?: Record<string, unknown> } }).response?.headers;
        const budget = readRateLimitBudget(headers);
        if (budget !== undefined) report(budget);
        throw error;
      }
    });
  }
  return octokit;
}

interface RequestGuardSettings {
  readonly timeoutMs: number;
  readonly rateLimitRetries: number;
  readonly maxRetryAfterSeconds: number;
  readonly clock: Clock;
  readonly logger: Logger;
}

// Registered first, so it sits innermost: each retry of the outer plugins gets a fresh timeout.
function createRequestGuard(settings: RequestGuardSettings) {
  return (octokit: Pick<Octokit, 'hook'>): void => {
    octokit.hook.wrap('request', async (request, options) => {
      for (let attempt = 0; ; attempt += 1) {
        // Assigned, not passed as a copy: the inner hooks are bound to this options object.
        // A new `request` object, because the default one is shared by every request. The
        // adapter passes no signal of its own, so each attempt simply gets a fresh timeout.
        options.request = { ...options.request, signal: AbortSignal.timeout(settings.timeoutMs) };
        try {
          return await request(options);
        } catch (error) {
          const waitMs = plainTooManyRequestsWaitMs(error);
          const tooLong = waitMs === undefined || waitMs > settings.maxRetryAfterSeconds * 1000;
          if (tooLong || attempt >= settings.rateLimitRetries) throw error;
          settings.logger.warn(
            { method: options.method, url: options.url, retryAfterMs: waitMs, attempt },
            'GitHub answered 429, waiting for Retry-After before retrying',
          );
          await settings.clock.sleep(waitMs);
        }
      }
    });
  };
}

// A 429 that plugin-throttling does not recognise (no "secondary rate limit" message, quota
// not exhausted) but that carries Retry-After, as proxies and GitHub Enterprise may send.
function plainTooManyRequestsWaitMs(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, message, response } = error as { status?: unknown; message?: unknown; response?: unknown };
  if (status !== 429 || (typeof message === 'string' && /secondary rate/i.test(message))) return undefined;
  const headers = (response as { headers?: Record<string, unknown> } | undefined)?.headers ?? {};
  if (headers['x-ratelimit-remaining'] === '0') return undefined;
  const seconds = Number(headers['retry-after']);
  return headers['retry-after'] !== undefined && Number.isFinite(seconds) && seconds >= 0
    ? seconds * 1000
    : undefined;
}

// Octokit's own log lines go to debug (failures reach callers as GitHubError, logged there with
// context); the extra object is dropped because it can hold request headers with the token.
function toOctokitLog(logger: Logger) {
  return {
    debug: (message: string) => logger.debug(message),
    info: (message: string) => logger.debug(message),
    warn: (message: string, info?: object) =>
      logger.warn(info instanceof Error ? { err: info } : {}, message),
    error: (message: string) => logger.debug(message),
  };
}

function corePackageVersion(): string {
  // src/github/ and dist/github/ both sit two levels below the package root.
  const manifest: unknown = createRequire(import.meta.url)('../../package.json');
  const version = (manifest as { version?: unknown }).version;
  return typeof version === 'string' ? version : '0.0.0';
}
