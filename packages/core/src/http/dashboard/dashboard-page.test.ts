import { describe, expect, it } from 'vitest';
import type { EventLogEntry } from '../../store/event-log-repository.js';
import type { Task } from '../../store/task.js';
import type { DashboardData } from './dashboard-page.js';
import { renderDashboard } from './dashboard-page.js';

const NOW = Date.UTC(2026, 2, 1, 12);
const emptyCounts = { queued: 0, running: 0, retry_waiting: 0, dead_letter: 0, done: 0 };

function task(overrides: Partial<Task> & Pick<Task, 'id' | 'status'>): Task {
  return {
    type: 'issue_execution',
    dedupeKey: `key-${overrides.id}`,
    targetKey: `issue:${overrides.id}`,
    priority: 'normal',
    payload: {},
    source: 'poll',
    attemptCount: 1,
    maxAttempts: 3,
    availableAt: NOW - 600_000,
    leaseOwner: null,
    lockedUntil: null,
    createdAt: NOW - 600_000,
    updatedAt: NOW - 60_000,
    lastStartedAt: null,
    lastFinishedAt: null,
    lastError: null,
    result: null,
    permanentFailure: false,
    ...overrides,
  };
}

function event(id: number, message: string): EventLogEntry {
  return { id, at: NOW - id * 1000, category: 'poll', level: 'warn', message, data: null };
}

function data(overrides: Partial<DashboardData> = {}): DashboardData {
  return {
    service: 'autocode',
    version: '0.1.0',
    now: NOW,
    startedAt: NOW - (2 * 3600 + 5 * 60) * 1000,
    summary: { total: emptyCounts, byType: {} },
    running: [],
    recent: [],
    deadLetters: [],
    polls: {},
    rateLimit: null,
    events: [],
    ...overrides,
  };
}

// The parts of the page between one section's opening tag and the next.
function sectionOf(html: string, id: string): string {
  const start = html.indexOf(`<section id="${id}">`);
  expect(start).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf('</section>', start));
}

describe('renderDashboard', () => {
  it('shows the service, version, uptime and a ten-second refresh', () => {
    const html = renderDashboard(data());

    expect(html).toContain('<meta http-equiv="refresh" content="10">');
    expect(html).toContain('autocode <span class="meta">0.1.0</span>');
    expect(html).toContain('Up 2h 5m');
  });

  it('counts every status overall and per task type', () => {
    const summary = {
      total: { ...emptyCounts, queued: 3, dead_letter: 1 },
      byType: { pr_review: { ...emptyCounts, queued: 3, dead_letter: 1 } },
    };

    const queues = sectionOf(renderDashboard(data({ summary })), 'queues');

    expect(queues).toContain('<td>pr_review</td><td class="num">3</td><td class="num">0</td>');
    expect(queues).toContain('<th>dead_letter</th>');
  });

  it('shows running tasks with their age since the claim', () => {
    const running = [task({ id: 7, status: 'running', lastStartedAt: NOW - 95_000, leaseOwner: 'w-1' })];

    const section = sectionOf(renderDashboard(data({ running })), 'running');

    expect(section).toContain('#7 issue_execution');
    expect(section).toContain('<td>1m 35s</td>');
    expect(section).toContain('<td>w-1</td>');
  });

  it('gives each dead letter its reason and a retry button', () => {
    const deadLetters = [task({ id: 9, status: 'dead_letter', lastError: 'agent exited 1' })];

    const section = sectionOf(renderDashboard(data({ deadLetters })), 'dead-letters');

    expect(section).toContain('agent exited 1');
    expect(section).toContain('<button type="button" data-retry-task="9">Retry</button>');
  });

  it('summarizes the outcome of recent tasks and lists at most twenty', () => {
    const recent = [
      task({ id: 30, status: 'done', result: { summary: 'opened PR #12', files: 3 } }),
      task({ id: 29, status: 'retry_waiting', lastError: 'rate limited' }),
      ...Array.from({ length: 25 }, (_, index) => task({ id: 28 - index, status: 'queued' })),
    ];

    const section = sectionOf(renderDashboard(data({ recent })), 'recent');

    expect(section).toContain('opened PR #12');
    expect(section).toContain('rate limited');
    expect(section.match(/<tr data-task-id=/g)).toHaveLength(20);
  });

  it('shows poll times and says the rate limit is unknown without a reading', () => {
    const polls = {
      issues: {
        cycles: 4,
        failures: 1,
        lastResult: 'ok',
        lastCycleAt: '2026-03-01T11:59:00Z',
        lastSuccessAt: null,
      },
    };

    const section = sectionOf(renderDashboard(data({ polls })), 'polls');

    expect(section).toContain(
      '<td>issues</td><td>2026-03-01T11:59:00Z</td><td>ok</td><td>never</td><td>1</td>',
    );
    expect(section).toContain('GitHub rate limit: unknown');
  });

  it('shows the rate-limit budget when the daemon has one', () => {
    const rateLimit = { remaining: 4200, limit: 5000, resetAt: '2026-03-01T13:00:00Z' };

    const section = sectionOf(renderDashboard(data({ rateLimit })), 'polls');

    expect(section).toContain('4200 of 5000 requests left, resets 2026-03-01T13:00:00Z');
  });

  it('escapes untrusted task errors, targets and event messages', () => {
    const hostile = '<script>alert("x")</script>&\'';
    const html = renderDashboard(
      data({
        deadLetters: [task({ id: 3, status: 'dead_letter', lastError: hostile, targetKey: '<b>t</b>' })],
        events: [event(1, hostile)],
        polls: { '<img src=x>': { lastCycleAt: hostile } },
      }),
    );

    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<b>t</b>');
    expect(html).not.toContain('<img src=x>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
    expect(html.match(/<script/g)).toHaveLength(1);
  });

  it('puts the nonce on its only script tag', () => {
    const html = renderDashboard(data({ scriptNonce: 'abc123' }));

    expect(html).toContain('<script nonce="abc123">');
  });

  it('lists the newest twenty events', () => {
    const events = Array.from({ length: 25 }, (_, index) => event(index + 1, `event number ${index + 1}`));

    const section = sectionOf(renderDashboard(data({ events })), 'events');

    expect(section).toContain('event number 20<');
    expect(section).not.toContain('event number 21<');
  });
});
