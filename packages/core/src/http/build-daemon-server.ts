import type { QueueSummary } from '../queue/task-queue.js';
import type { AdminRoutesOptions } from './admin-routes.js';
import { adminRoutes } from './admin-routes.js';
import type { BaseServerOptions, HttpServer } from './build-base-server.js';
import { buildBaseServer } from './build-base-server.js';
import type { DashboardRoutesOptions } from './dashboard/dashboard-routes.js';
import { dashboardRoutes } from './dashboard/dashboard-routes.js';
import type { ObservabilityRoutesOptions } from './observability-routes.js';
import { observabilityRoutes } from './observability-routes.js';
import type { WebhookRouteOptions } from './webhook-route.js';
import { webhookRoutes } from './webhook-route.js';

/** Everything the HTTP surface shared by both daemons needs; each daemon's composition root fills it. */
export interface DaemonServerOptions extends BaseServerOptions {
  readonly admin: AdminRoutesOptions;
  readonly observability: Omit<
    ObservabilityRoutesOptions,
    'service' | 'version' | 'getSummary' | 'listEvents'
  >;
  /** What the dashboard at `/` needs beyond the admin and observability sources (a GitHub budget). */
  readonly dashboard?: Pick<DashboardRoutesOptions, 'rateLimit'> | undefined;
  /** `POST /webhook`; omitted when the webhook is disabled (the route then answers 404). */
  readonly webhook?: WebhookRouteOptions | undefined;
}

/**
 * The HTTP surface both daemons serve: `/health`, `/observability`, `/metrics`, the dashboard at `/`,
 * the task, dead-letter, snapshot and event-log admin routes, and `POST /webhook` when enabled. Never listens.
 */
export async function buildDaemonServer(options: DaemonServerOptions): Promise<HttpServer> {
  const app = buildBaseServer(options);
  const getSummary = (): QueueSummary => options.admin.getSummary();
  await app.register(observabilityRoutes, {
    ...options.observability,
    service: options.service,
    version: options.version,
    getSummary,
    listEvents: options.admin.listEvents,
  });
  await app.register(adminRoutes, options.admin);
  await app.register(dashboardRoutes, {
    admin: options.admin.admin,
    service: options.service,
    version: options.version,
    clock: options.observability.clock,
    startedAt: options.observability.startedAt,
    listTasks: options.admin.listTasks,
    getSummary,
    requeueTask: options.admin.requeueTask,
    listEvents: options.admin.listEvents,
    pollStatus: options.observability.pollStatus,
    rateLimit: options.dashboard?.rateLimit,
  });
  if (options.webhook) await app.register(webhookRoutes, options.webhook);
  return app;
}
