import type { HttpServer } from '@patchloop/core';
import { buildBaseServer } from '@patchloop/core';
import type { OpenReviewDependencies } from './dependencies.js';

/** Builds the openreview HTTP server (never listens): `GET /health` with the queue's counts. */
export function buildOpenReviewServer(deps: OpenReviewDependencies): HttpServer {
  return buildBaseServer({
    logger: deps.logger,
    service: 'openreview',
    version: deps.version,
    health: () => ({ dryRun: deps.config.dryRun, queue: deps.queue.summary() }),
  });
}
