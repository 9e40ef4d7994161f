import type { Clock, HttpServer, Logger } from '@patchloop/core';
import { createSystemClock, listen } from '@patchloop/core';
import type { AutocodeConfig } from './config/autocode-config.js';
import { createAutocodeDependencies } from './dependencies.js';
import { buildAutocodeServer } from './server.js';

/** A running autocode daemon. */
export interface RunningAutocode {
  /** Base URL the HTTP server listens on. */
  readonly url: string;
  /** Closes the server, then the database. Safe to call twice. */
  stop(): Promise<void>;
}

/** Starts the autocode daemon from a loaded config; used by `patchloop` and by in-process tests. */
export async function startAutocode(options: {
  readonly config: AutocodeConfig;
  readonly logger: Logger;
  readonly clock?: Clock;
}): Promise<RunningAutocode> {
  const deps = createAutocodeDependencies({ ...options, clock: options.clock ?? createSystemClock() });
  let server: HttpServer;
  let url: string;
  try {
    server = await buildAutocodeServer(deps);
    url = await listen(server, deps.config.server);
  } catch (error) {
    deps.close();
    throw error;
  }
  deps.logger.info({ url, dryRun: deps.config.dryRun }, 'autocode listening');

  let stopping: Promise<void> | undefined;
  return {
    url,
    stop: () => {
      stopping ??= server.close().finally(() => deps.close());
      return stopping;
    },
  };
}
