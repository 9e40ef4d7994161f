import type { Task } from '@patchloop/core';
import { describe, expect, it } from 'vitest';
import {
  compareAcrossQueues,
  createSupersededLookup,
  queueOfTaskType,
  queueSummaryView,
  toAutocodeTaskView,
  toTriagedTaskView,
} from './task-views.js';

const T0 = Date.UTC(2026, 2, 1, 12);
const MINUTE = 60_000;

function aTask(overrides: Partial<Task> = {}): Task {
  return {
    id: 1,
    type: 'issue_execution',
    dedupeKey: 'issue-task:12:a',
    targetKey: 'issue:12',
    status: 'queued',
    priority: 'normal',
    payload: {},
    source: 'polling',
    attemptCount: 0,
    maxAttempts: 3,
    availableAt: T0,
    leaseOwner: null,
    lockedUntil: null,
    createdAt: T0,
    updatedAt: T0,
    lastStartedAt: null,
    lastFinishedAt: null,
    lastError: null,
    result: null,
    permanentFailure: false,
    ...overrides,
  };
}

describe('queueOfTaskType', () => {
  it.each([
    ['issue_execution', 'issue'],
    ['pr_feedback_repair', 'pr'],
    ['source_issue_create', 'source'],
    ['review_issue', undefined],
  ])('maps %s to the %s queue', (type, queue) => {
    expect(queueOfTaskType(type)).toBe(queue);
  });
});

describe('toAutocodeTaskView', () => {
  it('adds the target number, command, result summary and queue to the core view', () => {
    const task = aTask({
      targetKey: 'pr:5',
      type: 'pr_feedback_repair',
      payload: { command: 'review_feedback' },
    });

    const view = toAutocodeTaskView({ ...task, result: { summary: 'pushed 2 fixes', pushed: true } });

    expect(view).toMatchObject({
      task_id: 1,
      task_type: 'pr_feedback_repair',
      target_number: 5,
      command: 'review_feedback',
      result_summary: 'pushed 2 fixes',
      queue: 'pr',
      created_at: '2026-03-01T12:00:00Z',
    });
  });

  it.each([
    ['a string result', 'opened PR #9', 'opened PR #9'],
    ['an object without a summary', { pr: 9 }, null],
    ['no result', null, null],
    ['a number', 3, null],
  ])('reads the result summary from %s', (_label, result, expected) => {
    expect(toAutocodeTaskView(aTask({ result })).result_summary).toBe(expected);
  });

  it('answers target 0, an empty command and no queue when the task has no number, command or known type', () => {
    const view = toAutocodeTaskView(
      aTask({ type: 'other', targetKey: 'source:3fa9c0', payload: { command: 7 } }),
    );

    expect(view).toMatchObject({ target_number: 0, command: '', queue: null });
  });
});

describe('createSupersededLookup', () => {
  const deadLetter = aTask({ id: 1, status: 'dead_letter', lastFinishedAt: T0, updatedAt: T0 });

  it('reports the newest done task of the same type and target that finished later', () => {
    const early = aTask({ id: 2, status: 'done', lastFinishedAt: T0 + MINUTE, updatedAt: T0 + MINUTE });
    const late = aTask({
      id: 3,
      status: 'done',
      lastFinishedAt: T0 + 2 * MINUTE,
      updatedAt: T0 + 2 * MINUTE,
    });

    const lookup = createSupersededLookup([deadLetter, late, early]);

    expect(lookup(deadLetter)?.id).toBe(3);
  });

  it.each([
    ['finished earlier', aTask({ id: 2, status: 'done', lastFinishedAt: T0 - MINUTE })],
    ['finished at the same time', aTask({ id: 2, status: 'done', lastFinishedAt: T0 })],
    ['not done', aTask({ id: 2, status: 'retry_waiting', lastFinishedAt: T0 + MINUTE })],
    [
      'for another target',
      aTask({ id: 2, status: 'done', targetKey: 'issue:13', lastFinishedAt: T0 + MINUTE }),
    ],
    [
      'of another type',
      aTask({
        id: 2,
        status: 'done',
        type: 'pr_feedback_repair',
        targetKey: 'issue:12',
        lastFinishedAt: T0 + MINUTE,
      }),
    ],
  ])('does not supersede a dead letter with a task %s', (_label, other) => {
    expect(createSupersededLookup([deadLetter, other])(deadLetter)).toBeUndefined();
  });

  it('never supersedes a source task, which has no target number', () => {
    const source = { type: 'source_issue_create', targetKey: 'source:ab12' } as const;
    const dead = aTask({ ...source, id: 1, status: 'dead_letter', lastFinishedAt: T0 });
    const done = aTask({ ...source, id: 2, status: 'done', lastFinishedAt: T0 + MINUTE });

    expect(createSupersededLookup([dead, done])(dead)).toBeUndefined();
  });
});

describe('toTriagedTaskView', () => {
  it('marks a superseded dead letter and names the task that superseded it', () => {
    const dead = aTask({ id: 1, status: 'dead_letter', lastFinishedAt: T0 });
    const done = aTask({
      id: 2,
      status: 'done',
      lastFinishedAt: T0 + MINUTE,
      updatedAt: T0 + MINUTE,
      result: 'implemented',
    });

    const view = toTriagedTaskView(dead, createSupersededLookup([dead, done]));

    expect(view).toMatchObject({
      superseded: true,
      action_required: false,
      superseded_by_task_id: 2,
      superseded_by_result_summary: 'implemented',
      superseded_by_updated_at: '2026-03-01T12:01:00Z',
    });
  });

  it('adds triage fields to dead letters only', () => {
    const dead = aTask({ id: 1, status: 'dead_letter' });
    const lookup = createSupersededLookup([dead]);

    expect(toTriagedTaskView(dead, lookup)).toMatchObject({ superseded: false, action_required: true });
    expect(toTriagedTaskView(aTask({ id: 2 }), lookup)).not.toHaveProperty('superseded');
  });
});

describe('queueSummaryView', () => {
  it('counts statuses, splits dead letters into action-required and superseded, and sums the problems', () => {
    const tasks = [
      aTask({ id: 1, status: 'dead_letter', lastFinishedAt: T0 }),
      aTask({ id: 2, status: 'done', lastFinishedAt: T0 + MINUTE }),
      aTask({ id: 3, status: 'dead_letter', targetKey: 'issue:40', lastFinishedAt: T0 }),
      aTask({ id: 4, status: 'retry_waiting', targetKey: 'issue:41' }),
      aTask({ id: 5, status: 'running', targetKey: 'issue:42' }),
    ];

    const summary = queueSummaryView(tasks);

    expect({ ...summary, tasks: summary.tasks.length }).toEqual({
      total: 5,
      queued: 0,
      running: 1,
      retry_waiting: 1,
      dead_letter: 2,
      dead_letter_action_required: 1,
      dead_letter_superseded: 1,
      problem: 2,
      tasks: 5,
    });
  });

  it('takes exact counts from the queue summary when given', () => {
    const summary = queueSummaryView([aTask({ id: 1, status: 'dead_letter' })], {
      queued: 4,
      running: 1,
      retry_waiting: 0,
      dead_letter: 3,
      done: 1200,
    });

    expect(summary).toMatchObject({
      total: 1208,
      queued: 4,
      dead_letter: 3,
      dead_letter_action_required: 3,
      problem: 3,
    });
  });

  it('shows the last ten tasks in list order: priority, then due time', () => {
    const tasks = Array.from({ length: 12 }, (_, index) =>
      aTask({ id: index + 1, targetKey: `issue:${index + 1}`, availableAt: T0 + index * MINUTE }),
    );
    const urgent = aTask({ id: 13, priority: 'urgent', availableAt: T0 + 99 * MINUTE });

    const summary = queueSummaryView([urgent, ...tasks]);

    expect(summary.tasks.map((task) => task.task_id)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });
});

describe('compareAcrossQueues', () => {
  it('orders running, queued, retry_waiting, dead_letter, then by priority and due time', () => {
    const tasks = [
      aTask({ id: 1, status: 'dead_letter' }),
      aTask({ id: 2, status: 'queued', availableAt: T0 + MINUTE }),
      aTask({ id: 3, status: 'retry_waiting' }),
      aTask({ id: 4, status: 'queued', priority: 'urgent', availableAt: T0 + 2 * MINUTE }),
      aTask({ id: 5, status: 'running' }),
      aTask({ id: 6, status: 'queued' }),
    ];

    const ordered = [...tasks].sort(compareAcrossQueues).map((task) => task.id);

    expect(ordered).toEqual([5, 4, 6, 2, 3, 1]);
  });
});
