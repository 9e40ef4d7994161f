import type { RateLimitTracker } from '../github/rate-limit-budget.js';
import { createRateLimitTracker } from '../github/rate-limit-budget.js';
import type { HealthReporter, HttpServer } from '../http/build-base-server.js';
import { buildDaemonServer } from '../http/build-daemon-server.js';
import type { DashboardRoutesOptions } from '../http/dashboard/dashboard-routes.js';
import type { WebhookRouteOptions } from '../http/webhook-route.js';
import type { Logger } from '../logging/create-logger.js';
import type { MetricsRegistry } from '../observability/metrics-registry.js';
import { createMetricsRegistry } from '../observability/metrics-registry.js';
import type { StandardMetrics } from '../observability/standard-metrics.js';
import { createStandardMetrics } from '../observability/standard-metrics.js';
import type { TaskQueue } from '../queue/task-queue.js';
import { createTaskQueue } from '../queue/task-queue.js';
import type { Database } from '../store/database.js';
import type { EventLogRepository } from '../store/event-log-repository.js';
import { createEventLogRepository } from '../store/event-log-repository.js';
import { loadCoreMigrations } from '../store/load-migrations.js';
import type { MigrationSource } from '../store/migrate.js';
import { openDatabase } from '../store/open-database.js';
import type { SnapshotSection } from '../store/snapshot-section.js';
import type { StateSnapshot } from '../store/state-snapshot.js';
import { createStateSnapshot } from '../store/state-snapshot.js';
import type { Clock } from '../time/clock.js';
import type { InstanceLockOptions } from './instance-lock.js';
import { acquireInstanceLock, currentProcessIdentity } from './instance-lock.js';

/** What every daemon runs on: its state database, queue, snapshot, event log and metrics. */
export interface DaemonRuntime {
  readonly service: string;
  readonly version: string;
  readonly startedAt: number;
  readonly db: Database;
  readonly queue: TaskQueue;
  readonly snapshot: StateSnapshot;
  readonly eventLog: EventLogRepository;
  readonly registry: MetricsRegistry;
  readonly metrics: StandardMetrics;
  /** The last GitHub rate-limit budget the daemon's clients saw (fed through `onRateLimit`). */
  readonly rateLimit: RateLimitTracker;
  /** Closes the database; call after the server and worker have stopped. */
  close(): void;
}

/** Options of `createDaemonRuntime`. */
export interface CreateDaemonRuntimeOptions {
  readonly service: string;
  readonly version: string;
  /** STATE_DB_PATH. */
  readonly statePath: string;
  /** The daemon's own migrations, applied after core's. */
  readonly migrations?: readonly MigrationSource[];
  /** The daemon's own tables in `/state/snapshot`. */
  readonly snapshotSections?: readonly SnapshotSection[];
  readonly clock: Clock;
  readonly logger: Logger;
  /** Who owns the database; defaults to this process. Tests pass their own. */
  readonly instance?: Pick<InstanceLockOptions, 'pid' | 'isProcessAlive'>;
}

/**
 * Takes the single-instance lock, opens the daemon's state database (running and checking migrations,
 * so a newer or corrupt file stops startup here), recovers tasks a dead process left running, and
 * builds the queue, snapshot, event log and metrics over it.
 */
export function createDaemonRuntime(options: CreateDaemonRuntimeOptions): DaemonRuntime {
  const { clock, logger } = options;
  const lock =
    options.statePath === ':memory:'
      ? undefined
      : acquireInstanceLock({
          databasePath: options.statePath,
          ...(options.instance ?? currentProcessIdentity()),
        });
  let db: Database;
  try {
    db = openDatabase({
      path: options.statePath,
      migrations: [loadCoreMigrations(), ...(options.migrations ?? [])],
      logger,
      clock,
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const queue = createTaskQueue({ db, clock, logger });
  // We own the database, so whatever is still running was left by a process that died.
  const abandoned = queue.recoverAbandonedTasks();
  if (abandoned.length > 0) {
    logger.warn(
      { tasks: abandoned.map((task) => task.id) },
      'Recovered tasks left running by a stopped daemon',
    );
  }
  const registry = createMetricsRegistry();
  const startedAt = clock.now();
  return {
    service: options.service,
    version: options.version,
    startedAt,
    db,
    queue,
    snapshot: createStateSnapshot({ db, clock, sections: options.snapshotSections ?? [] }),
    eventLog: createEventLogRepository({ db, clock }),
    registry,
    rateLimit: createRateLimitTracker(),
    metrics: createStandardMetrics({
      registry,
      clock,
      service: options.service,
      version: options.version,
      processStartMs: startedAt,
      queueSummary: () => queue.summary(),
    }),
    close: () => {
      db.close();
      lock?.release();
    },
  };
}

/** Options of `buildRuntimeServer`. */
export interface RuntimeServerOptions {
  readonly logger: Logger;
  readonly clock: Clock;
  readonly adminToken: string | undefined;
  readonly taskTypes: readonly string[];
  /** False drops the generic task routes so the daemon can register its own (see `AdminRoutesOptions`). */
  readonly includeTaskRoutes?: boolean | undefined;
  readonly health?: HealthReporter;
  readonly webhook?: WebhookRouteOptions | undefined;
  readonly bodyLimitBytes?: number;
  /** GitHub's budget for the dashboard; core keeps no limit/reset reading, so it shows "unknown" when unset. */
  readonly rateLimit?: DashboardRoutesOptions['rateLimit'];
}

/** The daemon's HTTP surface over its runtime: health, observability, metrics, dashboard, admin routes, webhook. */
export function buildRuntimeServer(
  runtime: DaemonRuntime,
  options: RuntimeServerOptions,
): Promise<HttpServer> {
  const { queue, snapshot, eventLog, metrics, registry } = runtime;
  return buildDaemonServer({
    logger: options.logger,
    service: runtime.service,
    version: runtime.version,
    ...(options.health ? { health: options.health } : {}),
    ...(options.bodyLimitBytes === undefined ? {} : { bodyLimitBytes: options.bodyLimitBytes }),
    admin: {
      admin: { adminToken: options.adminToken },
      taskTypes: options.taskTypes,
      includeTaskRoutes: options.includeTaskRoutes,
      listTasks: (filter) => queue.list(filter),
      getSummary: () => queue.summary(),
      requeueTask: (id) => queue.requeue(id),
      exportSnapshot: () => snapshot.export(),
      restoreSnapshot: (document) => snapshot.restore(document),
      listEvents: (filter) => eventLog.list(filter),
    },
    observability: {
      clock: options.clock,
      startedAt: runtime.startedAt,
      pollStatus: () => metrics.pollStatus(),
      counters: () => metrics.counters(),
      renderMetrics: () => registry.render(),
    },
    dashboard: { rateLimit: options.rateLimit ?? (() => runtime.rateLimit.latest()) },
    webhook: options.webhook,
  });
}
