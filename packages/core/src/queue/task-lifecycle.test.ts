import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IllegalTransitionError } from '../errors/app-error.js';
import type { TaskStatus } from '../store/task.js';
import { taskStatuses } from '../store/task.js';
import type { TaskEvent } from './task-lifecycle.js';
import { nextStatus, taskEvents, transitions } from './task-lifecycle.js';

// Written out independently of `transitions` so that an accidental edit of the table fails here.
const expected: Record<TaskStatus, Record<TaskEvent, TaskStatus | 'forbidden'>> = {
  queued: {
    claim: 'running',
    succeed: 'forbidden',
    retry: 'forbidden',
    defer: 'forbidden',
    bury: 'forbidden',
    recover: 'forbidden',
    requeue: 'forbidden',
  },
  running: {
    claim: 'forbidden',
    succeed: 'done',
    retry: 'retry_waiting',
    defer: 'retry_waiting',
    bury: 'dead_letter',
    recover: 'queued',
    requeue: 'forbidden',
  },
  retry_waiting: {
    claim: 'running',
    succeed: 'forbidden',
    retry: 'forbidden',
    defer: 'forbidden',
    bury: 'forbidden',
    recover: 'forbidden',
    requeue: 'queued',
  },
  dead_letter: {
    claim: 'forbidden',
    succeed: 'forbidden',
    retry: 'forbidden',
    defer: 'forbidden',
    bury: 'forbidden',
    recover: 'forbidden',
    requeue: 'queued',
  },
  done: {
    claim: 'forbidden',
    succeed: 'forbidden',
    retry: 'forbidden',
    defer: 'forbidden',
    bury: 'forbidden',
    recover: 'forbidden',
    requeue: 'forbidden',
  },
};

const pairs = taskStatuses.flatMap((status) =>
  taskEvents.map((event) => ({ status, event, outcome: expected[status][event] })),
);

function renderMermaid(): string {
  const lines = ['stateDiagram-v2', '    [*] --> queued: enqueue'];
  for (const [from, row] of Object.entries(transitions)) {
    for (const [event, to] of Object.entries(row)) lines.push(`    ${from} --> ${to}: ${event}`);
  }
  lines.push('    done --> [*]');
  return lines.join('\n');
}

function readmeDiagram(): string | undefined {
  const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
  return /<!-- lifecycle-diagram:start[^>]*-->\s*```mermaid\n([\s\S]*?)\n```\s*<!-- lifecycle-diagram:end -->/.exec(
    readme,
  )?.[1];
}

describe('nextStatus', () => {
  it('covers all 35 (status, event) pairs', () => {
    expect(pairs).toHaveLength(taskStatuses.length * taskEvents.length);
    expect(pairs).toHaveLength(35);
  });

  it.each(pairs.filter((pair) => pair.outcome !== 'forbidden'))(
    'moves a $status task to $outcome on $event',
    ({ status, event, outcome }) => {
      const next = nextStatus(status, event);

      expect(next).toBe(outcome);
    },
  );

  it.each(pairs.filter((pair) => pair.outcome === 'forbidden'))(
    'refuses $event for a $status task',
    ({ status, event }) => {
      const attempt = () => nextStatus(status, event);

      expect(attempt).toThrow(IllegalTransitionError);
      expect(attempt).toThrow(`"${status}" cannot take event "${event}"`);
    },
  );
});

describe('task lifecycle diagram', () => {
  it('matches the transition table, so queue/README.md cannot drift from the code', () => {
    const rendered = renderMermaid();

    expect(readmeDiagram()).toBe(rendered);
  });
});
