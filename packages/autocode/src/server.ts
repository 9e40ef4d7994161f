import type { HttpServer } from '@patchloop/core';
import { buildRuntimeServer } from '@patchloop/core';
import type { AutocodeDependencies } from './dependencies.js';
import { autocodeTaskTypes } from './dependencies.js';

/** Builds the autocode HTTP server (never listens): health, observability, metrics and the admin routes. */
export function buildAutocodeServer(deps: AutocodeDependencies): Promise<HttpServer> {
  return buildRuntimeServer(deps.runtime, {
    logger: deps.logger,
    clock: deps.clock,
    adminToken: deps.config.server.adminToken,
    taskTypes: autocodeTaskTypes,
    health: () => ({ dryRun: deps.config.dryRun, queue: deps.runtime.queue.summary() }),
  });
}
