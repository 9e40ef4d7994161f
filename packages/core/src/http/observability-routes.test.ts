import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFakeClock } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createSilentLogger } from '../logging/create-logger.js';
import { createMetricsRegistry } from '../observability/metrics-registry.js';
import { createStandardMetrics } from '../observability/standard-metrics.js';
import { createTaskQueue } from '../queue/task-queue.js';
import { createEventLogRepository } from '../store/event-log-repository.js';
import { loadCoreMigrations } from '../store/load-migrations.js';
import { openDatabase } from '../store/open-database.js';
import { buildBaseServer } from './build-base-server.js';
import { observabilityRoutes } from './observability-routes.js';

const START = Date.UTC(2026, 2, 1, 12);

async function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'patchloop-'));
  const clock = createFakeClock(START);
  const db = openDatabase({ path: join(dir, 'state.db'), migrations: [loadCoreMigrations()], clock });
  const queue = createTaskQueue({ db, clock });
  const events = createEventLogRepository({ db, clock });
  const registry = createMetricsRegistry();
  const metrics = createStandardMetrics({
    registry,
    clock,
    service: 'openreview',
    version: '0.1.0',
    processStartMs: START,
    queueSummary: () => queue.summary(),
  });
  const app = buildBaseServer({ logger: createSilentLogger(), service: 'openreview', version: '0.1.0' });
  await app.register(observabilityRoutes, {
    service: 'openreview',
    version: '0.1.0',
    clock,
    startedAt: START,
    getSummary: () => queue.summary(),
    listEvents: (filter) => events.list(filter),
    pollStatus: () => metrics.pollStatus(),
    counters: () => metrics.counters(),
    renderMetrics: () => registry.render(),
  });
  onTestFinished(async () => {
    await app.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { app, queue, events, metrics, clock };
}

const helpLine = /^# HELP (patchloop_[a-z0-9_]+) .*$/;
const typeLine = /^# TYPE (patchloop_[a-z0-9_]+) (counter|gauge)$/;
const sampleLine =
  /^(patchloop_[a-z0-9_]+)(\{[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*"(?:,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*")*\})? (-?[0-9.e+]+|NaN|[+-]Inf)$/;

/** A strict reading of the text format: every line is HELP, TYPE or a sample of the family just typed. */
function parseExposition(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  let family: string | undefined;
  for (const line of text.trimEnd().split('\n')) {
    const help = helpLine.exec(line);
    const type = typeLine.exec(line);
    const sample = sampleLine.exec(line);
    if (help) family = help[1];
    else if (type) expect(type[1]).toBe(family);
    else if (sample) {
      expect(sample[1]).toBe(family);
      samples.set(`${sample[1]}${sample[2] ?? ''}`, Number(sample[3]));
    } else throw new Error(`Not a Prometheus text line: ${line}`);
  }
  return samples;
}

describe('observabilityRoutes', () => {
  it('serves Prometheus text that parses line by line and carries the live queue gauges', async () => {
    const { app, queue } = await setup();
    queue.enqueue({ type: 'review_issue', dedupeKey: 'issue:1', payload: {} });
    queue.enqueue({ type: 'review_issue', dedupeKey: 'issue:2', payload: {} });

    const response = await app.inject({ method: 'GET', url: '/metrics' });

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const samples = parseExposition(response.body);
    expect(samples.get('patchloop_queue_tasks{status="queued",type="review_issue"}')).toBe(2);
    expect(samples.get('patchloop_queue_tasks{status="running",type="review_issue"}')).toBe(0);
    expect(samples.get('patchloop_up')).toBe(1);
  });

  it('reports service, uptime, queue summary, polls, counters and recent events newest first', async () => {
    const { app, queue, events, metrics, clock } = await setup();
    queue.enqueue({ type: 'review_pull', dedupeKey: 'pr:7', payload: {} });
    events.append({ category: 'webhook', level: 'info', message: 'delivery accepted' });
    metrics.recordPollCycle('issues', 'succeeded');
    metrics.recordGitHubRequest('read', '200');
    await clock.advance(90_500);
    events.append({ category: 'poll_step', level: 'warn', message: 'GitHub answered 502' });

    const response = await app.inject({ method: 'GET', url: '/observability' });

    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      status: 'ok',
      service: 'openreview',
      version: '0.1.0',
      started_at: '2026-03-01T12:00:00Z',
      uptime_seconds: 90,
      queue: { total: 1, queued: 1, by_type: { review_pull: { queued: 1 } } },
      polls: { issues: { cycles: 1, lastResult: 'succeeded' } },
      counters: [
        { name: 'patchloop_poll_cycles_total', labels: { poller: 'issues', result: 'succeeded' }, value: 1 },
        { name: 'patchloop_github_requests_total', labels: { client: 'read', outcome: '200' }, value: 1 },
      ],
      last_event_at: '2026-03-01T12:01:30Z',
    });
    expect(body.recent_events.map((event: { message: string }) => event.message)).toEqual([
      'GitHub answered 502',
      'delivery accepted',
    ]);
  });
});
