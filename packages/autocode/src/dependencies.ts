import { createRequire } from 'node:module';
import type { Clock, DaemonRuntime, Logger } from '@patchloop/core';
import { createDaemonRuntime } from '@patchloop/core';
import type { AutocodeConfig } from './config/autocode-config.js';

/** Everything the autocode daemon runs on, built once from its config. */
export interface AutocodeDependencies {
  readonly config: AutocodeConfig;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly runtime: DaemonRuntime;
  /** Releases what the dependencies hold (the database). */
  close(): void;
}

/** The task types this daemon queues (admin routes refuse unknown type filters). */
export const autocodeTaskTypes: readonly string[] = [
  'issue_execution',
  'pr_feedback_repair',
  'source_issue_create',
];

/**
 * The composition root of the autocode daemon: the only place that constructs its adapters.
 * Opening the runtime runs the migrations and refuses a newer or corrupt state database.
 */
export function createAutocodeDependencies(options: {
  readonly config: AutocodeConfig;
  readonly logger: Logger;
  readonly clock: Clock;
}): AutocodeDependencies {
  const { config, logger, clock } = options;
  const version = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
  const runtime = createDaemonRuntime({
    service: 'autocode',
    version,
    statePath: config.store.path,
    clock,
    logger,
  });
  return { config, logger, clock, runtime, close: () => runtime.close() };
}
