import type { QueueEvents } from '../queue/queue-events.js';
import type { QueueSummary } from '../queue/task-queue.js';
import type { TaskStatus } from '../store/task.js';
import { taskStatuses } from '../store/task.js';
import type { Clock } from '../time/clock.js';
import { toIsoSeconds } from '../time/clock.js';
import type { MetricLabels, MetricsRegistry } from './metrics-registry.js';

/** How a task run ended, as counted by `patchloop_task_outcomes_total`. */
export type TaskOutcomeLabel =
  | 'succeeded'
  | 'retried'
  | 'deferred'
  | 'dead_lettered'
  | 'recovered'
  | 'lease_lost';

/** How one poll cycle ended. */
export type PollCycleResult = 'succeeded' | 'failed' | 'skipped';

/** What `/observability` shows for one poller. */
export interface PollStatus {
  readonly cycles: number;
  readonly failures: number;
  readonly lastResult: PollCycleResult;
  readonly lastCycleAt: string;
  readonly lastSuccessAt: string | null;
}

/** One counter sample, for the JSON view of `/observability`. */
export interface CounterReading {
  readonly name: string;
  readonly labels: MetricLabels;
  readonly value: number;
}

/** Dependencies of the standard metrics. */
export interface StandardMetricsOptions {
  readonly registry: MetricsRegistry;
  readonly clock: Clock;
  readonly service: string;
  readonly version: string;
  /** When the process started (epoch ms); main.ts passes the value it read at boot. */
  readonly processStartMs: number;
  /** Read at scrape time, so queue gauges are never stale. */
  readonly queueSummary: () => QueueSummary;
}

/** The samples every PatchLoop daemon exposes, plus the recording calls its loops make. */
export interface StandardMetrics {
  recordTaskOutcome(taskType: string, outcome: TaskOutcomeLabel): void;
  recordPollCycle(poller: string, result: PollCycleResult): void;
  /** `outcome` is the HTTP status (`200`, `304`...) or `error` when no response came. */
  recordGitHubRequest(client: string, outcome: string): void;
  /** Fed from GitHub's `x-ratelimit-remaining` header by the GitHub client's caller. */
  setRateLimitRemaining(client: string, remaining: number): void;
  /** Counts task outcomes from the worker's events; returns the unsubscribe function. */
  observeQueueEvents(events: QueueEvents): () => void;
  pollStatus(): Readonly<Record<string, PollStatus>>;
  counters(): readonly CounterReading[];
}

/** Registers PatchLoop's standard metric families on `registry`; call once per daemon. */
export function createStandardMetrics(options: StandardMetricsOptions): StandardMetrics {
  const { registry, clock } = options;
  const polls = new Map<string, PollStatus>();

  registry.gauge({ name: 'patchloop_up', help: 'Always 1 while the daemon answers.' }).set({}, 1);
  registry
    .gauge({
      name: 'patchloop_build_info',
      help: 'The daemon and its version; the value is always 1.',
      labelNames: ['service', 'version'],
    })
    .set({ service: options.service, version: options.version }, 1);
  registry
    .gauge({
      name: 'patchloop_process_start_time_seconds',
      help: 'Start time of the process since the Unix epoch, in seconds.',
    })
    .set({}, Math.floor(options.processStartMs / 1000));
  registry.collectedGauge({
    name: 'patchloop_queue_tasks',
    help: 'Tasks in the queue by task type and status.',
    labelNames: ['type', 'status'],
    collect: () => queueSamples(options.queueSummary()),
  });
  const taskOutcomes = registry.counter({
    name: 'patchloop_task_outcomes_total',
    help: 'Task runs by task type and outcome.',
    labelNames: ['type', 'outcome'],
  });
  const pollCycles = registry.counter({
    name: 'patchloop_poll_cycles_total',
    help: 'Poll cycles by poller and result.',
    labelNames: ['poller', 'result'],
  });
  const lastPollSuccess = registry.gauge({
    name: 'patchloop_poll_last_success_timestamp_seconds',
    help: 'When each poller last completed a cycle successfully, in Unix seconds.',
    labelNames: ['poller'],
  });
  const githubRequests = registry.counter({
    name: 'patchloop_github_requests_total',
    help: 'GitHub API requests by client and outcome (HTTP status, or error).',
    labelNames: ['client', 'outcome'],
  });
  const rateLimitRemaining = registry.gauge({
    name: 'patchloop_github_rate_limit_remaining',
    help: 'Requests left in the current GitHub rate-limit window, as last reported by GitHub.',
    labelNames: ['client'],
  });
  const counterFamilies = new Set([
    'patchloop_task_outcomes_total',
    'patchloop_poll_cycles_total',
    'patchloop_github_requests_total',
  ]);

  const recordTaskOutcome = (type: string, outcome: TaskOutcomeLabel): void => {
    taskOutcomes.inc({ type, outcome });
  };

  return {
    recordTaskOutcome,
    recordPollCycle: (poller, result) => {
      const now = clock.now();
      const previous = polls.get(poller);
      pollCycles.inc({ poller, result });
      if (result === 'succeeded') lastPollSuccess.set({ poller }, Math.floor(now / 1000));
      polls.set(poller, {
        cycles: (previous?.cycles ?? 0) + 1,
        failures: (previous?.failures ?? 0) + (result === 'failed' ? 1 : 0),
        lastResult: result,
        lastCycleAt: toIsoSeconds(now),
        lastSuccessAt: result === 'succeeded' ? toIsoSeconds(now) : (previous?.lastSuccessAt ?? null),
      });
    },
    recordGitHubRequest: (client, outcome) => githubRequests.inc({ client, outcome }),
    setRateLimitRemaining: (client, remaining) => rateLimitRemaining.set({ client }, remaining),
    observeQueueEvents: (events) => {
      const unsubscribers = [
        events.on('task:succeeded', ({ task }) => recordTaskOutcome(task.type, 'succeeded')),
        events.on('task:retrying', ({ task }) => recordTaskOutcome(task.type, 'retried')),
        events.on('task:deferred', ({ task }) => recordTaskOutcome(task.type, 'deferred')),
        events.on('task:dead_lettered', ({ task }) => recordTaskOutcome(task.type, 'dead_lettered')),
        events.on('task:recovered', ({ task }) => recordTaskOutcome(task.type, 'recovered')),
        events.on('task:lease_lost', ({ taskType }) => recordTaskOutcome(taskType, 'lease_lost')),
      ];
      return () => {
        for (const unsubscribe of unsubscribers) unsubscribe();
      };
    },
    pollStatus: () => Object.fromEntries(polls),
    counters: () =>
      registry
        .collect()
        .filter((family) => counterFamilies.has(family.name))
        .flatMap((family) => family.samples.map((sample) => ({ name: family.name, ...sample }))),
  };
}

// Every status is listed for every known type, so a drained queue shows 0 instead of vanishing.
function queueSamples(summary: QueueSummary) {
  return Object.entries(summary.byType).flatMap(([type, counts]) =>
    taskStatuses.map((status: TaskStatus) => ({ labels: { type, status }, value: counts[status] })),
  );
}
