import type { Clock, HttpServer, Logger } from '@patchloop/core';
import { createSystemClock, listen } from '@patchloop/core';
import type { OpenReviewConfig } from './config.js';
import { createOpenReviewDependencies } from './dependencies.js';
import { buildOpenReviewServer } from './server.js';

/** A running openreview daemon. */
export interface RunningOpenReview {
  /** Base URL the HTTP server listens on. */
  readonly url: string;
  /** Closes the server, then the database. Safe to call twice. */
  stop(): Promise<void>;
}

/** Starts the openreview daemon from a loaded config; used by `patchloop` and by in-process tests. */
export async function startOpenReview(options: {
  readonly config: OpenReviewConfig;
  readonly logger: Logger;
  readonly clock?: Clock;
}): Promise<RunningOpenReview> {
  const deps = createOpenReviewDependencies({ ...options, clock: options.clock ?? createSystemClock() });
  let server: HttpServer;
  let url: string;
  try {
    server = await buildOpenReviewServer(deps);
    url = await listen(server, deps.config.server);
  } catch (error) {
    deps.close();
    throw error;
  }
  deps.logger.info({ url, dryRun: deps.config.dryRun }, 'openreview listening');

  let stopping: Promise<void> | undefined;
  return {
    url,
    stop: () => {
      stopping ??= server.close().finally(() => deps.close());
      return stopping;
    },
  };
}
