import { createRequire } from 'node:module';
import type { Clock, DaemonRuntime, Logger } from '@patchloop/core';
import { createDaemonRuntime } from '@patchloop/core';
import type { OpenReviewConfig } from './config.js';

/** Everything the openreview daemon runs on, built once from its config. */
export interface OpenReviewDependencies {
  readonly config: OpenReviewConfig;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly runtime: DaemonRuntime;
  /** Releases what the dependencies hold (the database). */
  close(): void;
}

/** The task types this daemon queues (admin routes refuse unknown type filters). */
export const openreviewTaskTypes: readonly string[] = ['review_issue', 'review_pull_request'];

/**
 * The composition root of the openreview daemon: the only place that constructs its adapters.
 * Opening the runtime runs the migrations and refuses a newer or corrupt state database.
 */
export function createOpenReviewDependencies(options: {
  readonly config: OpenReviewConfig;
  readonly logger: Logger;
  readonly clock: Clock;
}): OpenReviewDependencies {
  const { config, logger, clock } = options;
  const version = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
  const runtime = createDaemonRuntime({
    service: 'openreview',
    version,
    statePath: config.store.path,
    clock,
    logger,
  });
  return { config, logger, clock, runtime, close: () => runtime.close() };
}
