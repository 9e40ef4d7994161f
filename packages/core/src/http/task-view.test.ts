import { describe, expect, it } from 'vitest';
import type { Task } from '../store/task.js';
import { toTaskView } from './task-view.js';

const task: Task = {
  id: 12,
  type: 'pr_feedback_repair',
  dedupeKey: 'pr:88:4faa6e366d0e9ed7',
  targetKey: 'pr:88',
  status: 'retry_waiting',
  priority: 'urgent',
  payload: { pr: 88 },
  source: 'webhook',
  attemptCount: 2,
  maxAttempts: 3,
  availableAt: Date.UTC(2026, 2, 24, 12, 0, 0, 750),
  leaseOwner: null,
  lockedUntil: null,
  createdAt: Date.UTC(2026, 2, 24, 11),
  updatedAt: Date.UTC(2026, 2, 24, 11, 30),
  lastStartedAt: Date.UTC(2026, 2, 24, 11, 29),
  lastFinishedAt: null,
  lastError: 'GitHub answered 502',
  result: null,
  permanentFailure: false,
};

describe('toTaskView', () => {
  it('uses the spec field names and second-precision UTC times, keeping nulls as null', () => {
    const view = toTaskView(task);

    expect(view).toEqual({
      task_id: 12,
      task_type: 'pr_feedback_repair',
      status: 'retry_waiting',
      priority: 'urgent',
      source: 'webhook',
      dedupe_key: 'pr:88:4faa6e366d0e9ed7',
      target_key: 'pr:88',
      attempt_count: 2,
      max_attempts: 3,
      permanent_failure: false,
      available_at: '2026-03-24T12:00:00Z',
      created_at: '2026-03-24T11:00:00Z',
      updated_at: '2026-03-24T11:30:00Z',
      last_started_at: '2026-03-24T11:29:00Z',
      last_finished_at: null,
      lease_owner: null,
      locked_until: null,
      last_error: 'GitHub answered 502',
      result: null,
      payload: { pr: 88 },
    });
  });
});
