import { createRequire } from 'node:module';
import type { Clock, Database, Logger, TaskQueue } from '@patchloop/core';
import { createTaskQueue, loadCoreMigrations, openDatabase } from '@patchloop/core';
import type { AutocodeConfig } from './config/autocode-config.js';

/** Everything the autocode daemon runs on, built once from its config. */
export interface AutocodeDependencies {
  readonly config: AutocodeConfig;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly version: string;
  readonly db: Database;
  readonly queue: TaskQueue;
  /** Releases what the dependencies hold (the database). */
  close(): void;
}

/**
 * The composition root of the autocode daemon: the only place that constructs its adapters.
 * Opening the database runs its migrations and refuses a newer or corrupt file.
 */
export function createAutocodeDependencies(options: {
  readonly config: AutocodeConfig;
  readonly logger: Logger;
  readonly clock: Clock;
}): AutocodeDependencies {
  const { config, logger, clock } = options;
  const version = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
  const db = openDatabase({ path: config.store.path, migrations: [loadCoreMigrations()], logger, clock });
  const queue = createTaskQueue({ db, clock, logger });
  return { config, logger, clock, version, db, queue, close: () => db.close() };
}
