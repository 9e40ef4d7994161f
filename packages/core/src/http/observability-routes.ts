import type { FastifyPluginAsync } from 'fastify';
import { prometheusContentType } from '../observability/render-prometheus.js';
import type { QueueSummary } from '../queue/task-queue.js';
import type { EventLogEntry } from '../store/event-log-repository.js';
import type { Clock } from '../time/clock.js';
import { toIsoSeconds } from '../time/clock.js';
import { toQueueSummaryView } from './queue-summary-view.js';

/** Everything `/observability` and `/metrics` read, injected by the daemon's composition root. */
export interface ObservabilityRoutesOptions {
  readonly service: string;
  readonly version: string;
  readonly clock: Clock;
  /** When the daemon started (epoch ms), for `uptime_seconds`. */
  readonly startedAt: number;
  readonly getSummary: () => QueueSummary;
  /** Newest first, at most `limit`. */
  readonly listEvents: (filter: { readonly limit: number }) => readonly EventLogEntry[];
  /** Per-poller status (e.g. `StandardMetrics.pollStatus`); JSON-safe. */
  readonly pollStatus: () => Readonly<Record<string, unknown>>;
  /** Counter readings (e.g. `StandardMetrics.counters`); JSON-safe. */
  readonly counters: () => readonly unknown[];
  /** The Prometheus text exposition (e.g. `MetricsRegistry.render`). */
  readonly renderMetrics: () => string;
  /** Recent events shown by `/observability` (default 30, as in the original). */
  readonly recentEventCount?: number;
}

/**
 * `GET /observability` (one JSON page for an operator: queues, recent events, polls, counters) and
 * `GET /metrics` (Prometheus text). Both are read-only and unguarded, like `/health`.
 */
export const observabilityRoutes: FastifyPluginAsync<ObservabilityRoutesOptions> = async (app, options) => {
  const { clock } = options;
  const recentEventCount = options.recentEventCount ?? 30;

  app.get('/observability', async () => {
    const now = clock.now();
    const events = options.listEvents({ limit: recentEventCount });
    return {
      status: 'ok',
      service: options.service,
      version: options.version,
      now: toIsoSeconds(now),
      started_at: toIsoSeconds(options.startedAt),
      uptime_seconds: Math.max(0, Math.floor((now - options.startedAt) / 1000)),
      queue: toQueueSummaryView(options.getSummary()),
      polls: options.pollStatus(),
      counters: options.counters(),
      recent_events: events.map((event) => ({
        id: event.id,
        timestamp: toIsoSeconds(event.at),
        category: event.category,
        level: event.level,
        message: event.message,
      })),
      last_event_at: events[0] === undefined ? null : toIsoSeconds(events[0].at),
    };
  });

  app.get('/metrics', async (_request, reply) =>
    reply.header('content-type', prometheusContentType).send(options.renderMetrics()),
  );
};
