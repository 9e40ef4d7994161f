import { createFakeClock } from '@patchloop/sandbox';
import { describe, expect, it } from 'vitest';
import { createQueueEvents } from '../queue/queue-events.js';
import type { QueueSummary } from '../queue/task-queue.js';
import type { Task } from '../store/task.js';
import { createMetricsRegistry } from './metrics-registry.js';
import { createStandardMetrics } from './standard-metrics.js';

const counts = { queued: 2, running: 1, retry_waiting: 0, done: 5, dead_letter: 1 };
const summary: QueueSummary = { total: counts, byType: { review_issue: counts } };

function setup() {
  const registry = createMetricsRegistry();
  const clock = createFakeClock(Date.UTC(2026, 0, 1));
  const metrics = createStandardMetrics({
    registry,
    clock,
    service: 'openreview',
    version: '0.1.0',
    processStartMs: Date.UTC(2026, 0, 1) - 1500,
    queueSummary: () => summary,
  });
  return { registry, clock, metrics };
}

describe('createStandardMetrics', () => {
  it('exposes queue depth per type and status, build info and the process start time', () => {
    const { registry } = setup();

    const text = registry.render();

    expect(text).toContain('patchloop_queue_tasks{status="queued",type="review_issue"} 2\n');
    expect(text).toContain('patchloop_queue_tasks{status="dead_letter",type="review_issue"} 1\n');
    expect(text).toContain('patchloop_build_info{service="openreview",version="0.1.0"} 1\n');
    expect(text).toContain(`patchloop_process_start_time_seconds ${Date.UTC(2026, 0, 1) / 1000 - 2}\n`);
  });

  it('counts task outcomes from the worker events until unsubscribed', () => {
    const { metrics, registry } = setup();
    const events = createQueueEvents();
    const task = { type: 'review_issue' } as Task;
    const stop = metrics.observeQueueEvents(events);

    events.emit('task:succeeded', { task, durationMs: 5 });
    events.emit('task:dead_lettered', { task, reason: 'x' });
    events.emit('task:lease_lost', { taskId: 1, taskType: 'review_pull' });
    stop();
    events.emit('task:succeeded', { task, durationMs: 5 });

    const text = registry.render();
    expect(text).toContain('patchloop_task_outcomes_total{outcome="succeeded",type="review_issue"} 1\n');
    expect(text).toContain('patchloop_task_outcomes_total{outcome="dead_lettered",type="review_issue"} 1\n');
    expect(text).toContain('patchloop_task_outcomes_total{outcome="lease_lost",type="review_pull"} 1\n');
  });

  it('records poll cycles and keeps the last success time across a failure', async () => {
    const { metrics, registry, clock } = setup();

    metrics.recordPollCycle('issues', 'succeeded');
    await clock.advance(60_000);
    metrics.recordPollCycle('issues', 'failed');

    expect(metrics.pollStatus()['issues']).toEqual({
      cycles: 2,
      failures: 1,
      lastResult: 'failed',
      lastCycleAt: '2026-01-01T00:01:00Z',
      lastSuccessAt: '2026-01-01T00:00:00Z',
    });
    expect(registry.render()).toContain(
      `patchloop_poll_last_success_timestamp_seconds{poller="issues"} ${Date.UTC(2026, 0, 1) / 1000}\n`,
    );
    expect(registry.render()).toContain('patchloop_poll_cycles_total{poller="issues",result="failed"} 1\n');
  });

  it('exposes GitHub request counts and rate-limit remaining as fed by callers, and lists counters', () => {
    const { metrics, registry } = setup();

    metrics.recordGitHubRequest('read', '304');
    metrics.recordGitHubRequest('read', '304');
    metrics.setRateLimitRemaining('read', 4321);

    expect(registry.render()).toContain('patchloop_github_rate_limit_remaining{client="read"} 4321\n');
    expect(metrics.counters()).toEqual([
      { name: 'patchloop_github_requests_total', labels: { client: 'read', outcome: '304' }, value: 2 },
    ]);
  });
});
