import { existsSync } from 'node:fs';
import {
  createAutocodeSnapshotSections,
  loadAutocodeConfig,
  loadAutocodeMigrations,
} from '@patchloop/autocode';
import type {
  Database,
  EnvRecord,
  InstanceLockOptions,
  MigrationSource,
  ServerSettings,
  SnapshotSection,
} from '@patchloop/core';
import {
  AppError,
  acquireInstanceLock,
  currentProcessIdentity,
  loadCoreMigrations,
  mergeEnv,
  openDatabase,
  readEnvFile,
} from '@patchloop/core';
import {
  createReviewSnapshotSections,
  loadOpenReviewConfig,
  loadOpenReviewMigrations,
} from '@patchloop/openreview';
import type { AdminHttp } from './admin-http.js';
import { createAdminHttp } from './admin-http.js';

/** Which daemon an admin command works on. */
export type AdminDaemon = 'review' | 'code';

/** What locating a daemon needs from the process; the commands pass their own options through. */
export interface DaemonAccessOptions {
  readonly daemon: AdminDaemon;
  /** `--env FILE`; undefined means the optional default `./.env`. */
  readonly envFile: string | undefined;
  readonly processEnv: EnvRecord;
  readonly cwd: string;
  readonly homeDir: string;
  readonly fetch?: typeof fetch | undefined;
  /** Who this process is for the instance lock; tests simulate other owners. */
  readonly instance?: Pick<InstanceLockOptions, 'pid' | 'isProcessAlive'> | undefined;
}

/** The state database of a stopped daemon, opened under its instance lock. */
export interface OpenedState {
  readonly db: Database;
  /** The daemon's own snapshot tables, after core's. */
  readonly sections: readonly SnapshotSection[];
  close(): void;
}

/** How to reach the daemon: its running HTTP API, or its database file while it is stopped. */
export type DaemonAccess =
  | { readonly kind: 'http'; readonly http: AdminHttp }
  | {
      readonly kind: 'file';
      readonly databasePath: string;
      /** `create` false refuses a missing file instead of creating an empty database. */
      open(options: { readonly create: boolean }): OpenedState;
    };

interface DaemonProfile {
  /** The `service` the daemon's `/health` reports. */
  readonly service: string;
  load(
    env: EnvRecord,
    context: { baseDir: string; homeDir: string },
  ): {
    readonly server: ServerSettings;
    readonly storePath: string;
  };
  readonly migrations: () => MigrationSource;
  /** The daemon's own tables in a snapshot, besides core's. */
  readonly snapshotSections: () => readonly SnapshotSection[];
}

const profiles: Readonly<Record<AdminDaemon, DaemonProfile>> = {
  review: {
    service: 'openreview',
    load: (env, context) => {
      const config = loadOpenReviewConfig(env, context);
      return { server: config.server, storePath: config.store.path };
    },
    migrations: loadOpenReviewMigrations,
    snapshotSections: createReviewSnapshotSections,
  },
  code: {
    service: 'autocode',
    load: (env, context) => {
      const config = loadAutocodeConfig(env, context);
      return { server: config.server, storePath: config.store.path };
    },
    migrations: loadAutocodeMigrations,
    snapshotSections: createAutocodeSnapshotSections,
  },
};

/**
 * Loads the daemon's config like `patchloop review|code` would, asks `/health` whether it is running,
 * and answers with its HTTP API when it is. Otherwise the database file is used, but only once the
 * instance lock proves no live process owns it.
 */
export async function resolveDaemonAccess(options: DaemonAccessOptions): Promise<DaemonAccess> {
  const profile = profiles[options.daemon];
  const file = readEnvFile({
    path: options.envFile ?? '.env',
    cwd: options.cwd,
    required: options.envFile !== undefined,
  });
  const env = mergeEnv({ fileEnv: file.values, processEnv: options.processEnv });
  const config = profile.load(env, { baseDir: file.baseDir, homeDir: options.homeDir });
  const http = createAdminHttp({
    baseUrl: baseUrlOf(config.server),
    adminToken: config.server.adminToken,
    fetch: options.fetch ?? fetch,
  });
  // Port 0 means "any free port": nothing can be found there.
  const service = config.server.port === 0 ? undefined : await http.probeService();
  if (service !== undefined) {
    if (service !== profile.service) {
      throw new AppError(
        'ADMIN_CALL_FAILED',
        `${http.baseUrl} is served by ${service}, not ${profile.service}; check SERVER_PORT in the env file.`,
      );
    }
    return { kind: 'http', http };
  }
  return {
    kind: 'file',
    databasePath: config.storePath,
    open: ({ create }) => openState(profile, config.storePath, http.baseUrl, create, options),
  };
}

function openState(
  profile: DaemonProfile,
  databasePath: string,
  baseUrl: string,
  create: boolean,
  options: DaemonAccessOptions,
): OpenedState {
  if (!create && !existsSync(databasePath)) {
    throw new AppError(
      'STORE_MISSING',
      `No daemon answered at ${baseUrl} and there is no state database at ${databasePath}; check STATE_DB_PATH and SERVER_PORT.`,
    );
  }
  const lock = takeLock(databasePath, baseUrl, options);
  try {
    const db = openDatabase({
      path: databasePath,
      migrations: [loadCoreMigrations(), profile.migrations()],
    });
    return {
      db,
      sections: profile.snapshotSections(),
      close: () => {
        db.close();
        lock.release();
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

// Holding the lock while we write keeps a daemon from starting on the file halfway through.
function takeLock(databasePath: string, baseUrl: string, options: DaemonAccessOptions) {
  try {
    return acquireInstanceLock({ databasePath, ...(options.instance ?? currentProcessIdentity()) });
  } catch (error) {
    if (error instanceof AppError && error.code === 'STORE_IN_USE') {
      throw new AppError(
        'STORE_IN_USE',
        `No daemon answered at ${baseUrl}, yet a live process owns the state database. ${error.message} ` +
          'If that is the daemon, check SERVER_HOST/SERVER_PORT in the env file so its HTTP API is used.',
        { cause: error },
      );
    }
    throw error;
  }
}

function baseUrlOf(server: ServerSettings): string {
  // A wildcard bind is reachable on loopback; the admin command always runs on the daemon's host.
  const host = server.host === '0.0.0.0' ? '127.0.0.1' : server.host === '::' ? '::1' : server.host;
  return `http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${server.port}`;
}
