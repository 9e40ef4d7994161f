import type { HttpServer } from '@patchloop/core';
import { buildRuntimeServer } from '@patchloop/core';
import type { OpenReviewDependencies } from './dependencies.js';
import { openreviewTaskTypes } from './dependencies.js';

/** Builds the openreview HTTP server (never listens): health, observability, metrics and the admin routes. */
export function buildOpenReviewServer(deps: OpenReviewDependencies): Promise<HttpServer> {
  return buildRuntimeServer(deps.runtime, {
    logger: deps.logger,
    clock: deps.clock,
    adminToken: deps.config.server.adminToken,
    taskTypes: openreviewTaskTypes,
    health: () => ({ dryRun: deps.config.dryRun, queue: deps.runtime.queue.summary() }),
  });
}
