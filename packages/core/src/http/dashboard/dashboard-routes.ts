import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { QueueSummary } from '../../queue/task-queue.js';
import type { EventLogEntry } from '../../store/event-log-repository.js';
import type { Task } from '../../store/task.js';
import type { TaskListFilter } from '../../store/task-repository.js';
import type { Clock } from '../../time/clock.js';
import type { AdminGuardOptions } from '../admin-guard.js';
import { createAdminGuard } from '../admin-guard.js';
import { requeueReply } from '../requeue-reply.js';
import type { RateLimitBudget } from './dashboard-page.js';
import { renderDashboard } from './dashboard-page.js';

/** What the dashboard reads and the one thing it changes, injected by the daemon's composition root. */
export interface DashboardRoutesOptions {
  /** ADMIN_TOKEN handling for the retry route, the same as the admin API's. */
  readonly admin: AdminGuardOptions;
  readonly service: string;
  readonly version: string;
  readonly clock: Clock;
  /** When the daemon started (epoch ms), for the uptime line. */
  readonly startedAt: number;
  /** Newest first, at most `limit`; one status at a time, like `TaskQueue.list`. */
  readonly listTasks: (filter: TaskListFilter) => readonly Task[];
  readonly getSummary: () => QueueSummary;
  /** Back to queued with a fresh attempt budget; throws TASK_NOT_FOUND or IllegalTransitionError. */
  readonly requeueTask: (id: number) => Task;
  /** Newest first, at most `limit`. */
  readonly listEvents: (filter: { readonly limit: number }) => readonly EventLogEntry[];
  /** Per-poller status (e.g. `StandardMetrics.pollStatus`). */
  readonly pollStatus: () => Readonly<Record<string, unknown>>;
  /** GitHub's budget when the daemon knows it; absent or null shows "unknown". */
  readonly rateLimit?: (() => RateLimitBudget | null) | undefined;
}

const RECENT_LIMIT = 20;
// More would not fit a page an operator reads at a glance; the admin API lists everything.
const LIST_LIMIT = 50;
const TaskIdParams = z.object({ id: z.string().regex(/^[1-9]\d*$/, 'must be a positive whole number') });

/**
 * `GET /` (the operator dashboard, server-rendered HTML) and `POST /dashboard/tasks/:id/retry`, which
 * requeues a dead letter behind the same admin guard as `POST /tasks/:id/retry`.
 */
export const dashboardRoutes: FastifyPluginAsync<DashboardRoutesOptions> = async (app, options) => {
  const guard = createAdminGuard(options.admin);

  app.get('/', async (_request, reply) => {
    // A fresh nonce per page lets only our own inline script run, should escaping ever miss something.
    const nonce = randomBytes(16).toString('base64');
    const html = renderDashboard({
      service: options.service,
      version: options.version,
      now: options.clock.now(),
      startedAt: options.startedAt,
      summary: options.getSummary(),
      running: options.listTasks({ status: 'running', limit: LIST_LIMIT }),
      recent: options.listTasks({ limit: RECENT_LIMIT }),
      deadLetters: options.listTasks({ status: 'dead_letter', limit: LIST_LIMIT }),
      polls: options.pollStatus(),
      rateLimit: options.rateLimit?.() ?? null,
      events: options.listEvents({ limit: RECENT_LIMIT }),
      scriptNonce: nonce,
    });
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header(
        'content-security-policy',
        `default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}'; connect-src 'self'; ` +
          "form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
      )
      .send(html);
  });

  app.post('/dashboard/tasks/:id/retry', { preHandler: guard }, async (request, reply) => {
    const params = TaskIdParams.safeParse(request.params);
    if (!params.success) {
      return reply
        .status(400)
        .send({ error: 'ADMIN_REQUEST_INVALID', message: 'The task id must be a positive whole number.' });
    }
    const id = Number(params.data.id);
    return requeueReply(reply, id, options.requeueTask, {
      log: request.log,
      message: 'Task retried from the dashboard',
    });
  });
};
