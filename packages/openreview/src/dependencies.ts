import { createRequire } from 'node:module';
import type { Clock, Database, Logger, TaskQueue } from '@patchloop/core';
import { createTaskQueue, loadCoreMigrations, openDatabase } from '@patchloop/core';
import type { OpenReviewConfig } from './config.js';

/** Everything the openreview daemon runs on, built once from its config. */
export interface OpenReviewDependencies {
  readonly config: OpenReviewConfig;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly version: string;
  readonly db: Database;
  readonly queue: TaskQueue;
  /** Releases what the dependencies hold (the database). */
  close(): void;
}

/**
 * The composition root of the openreview daemon: the only place that constructs its adapters.
 * Opening the database runs its migrations and refuses a newer or corrupt file.
 */
export function createOpenReviewDependencies(options: {
  readonly config: OpenReviewConfig;
  readonly logger: Logger;
  readonly clock: Clock;
}): OpenReviewDependencies {
  const { config, logger, clock } = options;
  const version = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
  const db = openDatabase({ path: config.store.path, migrations: [loadCoreMigrations()], logger, clock });
  const queue = createTaskQueue({ db, clock, logger });
  return { config, logger, clock, version, db, queue, close: () => db.close() };
}
