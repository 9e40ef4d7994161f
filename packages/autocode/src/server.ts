import type { HttpServer } from '@patchloop/core';
import { buildBaseServer } from '@patchloop/core';
import type { AutocodeDependencies } from './dependencies.js';

/** Builds the autocode HTTP server (never listens): `GET /health` with the queue's counts. */
export function buildAutocodeServer(deps: AutocodeDependencies): HttpServer {
  return buildBaseServer({
    logger: deps.logger,
    service: 'autocode',
    version: deps.version,
    health: () => ({ dryRun: deps.config.dryRun, queue: deps.queue.summary() }),
  });
}
