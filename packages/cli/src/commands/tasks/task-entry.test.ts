import { describe, expect, it } from 'vitest';
import type { TaskEntry } from './task-entry.js';
import { formatTaskLine, newestFirst, toTaskEntries } from './task-entry.js';

const entry = (overrides: Partial<TaskEntry> = {}): TaskEntry => ({
  task_id: 7,
  task_type: 'review_issue',
  status: 'dead_letter',
  attempt_count: 1,
  max_attempts: 1,
  target_key: 'issue:7',
  last_error: null,
  ...overrides,
});

describe('formatTaskLine', () => {
  it('prints id, type, status, attempts and target in columns', () => {
    const line = formatTaskLine(entry());

    expect(line.split(/\s+/)).toEqual(['#7', 'review_issue', 'dead_letter', '1/1', 'issue:7']);
  });

  it('puts a multi-line error on one line, cut to 80 characters', () => {
    const line = formatTaskLine(entry({ last_error: `first\n  ${'y'.repeat(200)}` }));

    const error = line.slice(line.indexOf('first'));
    expect(error).toHaveLength(80);
    expect(error).toMatch(/^first y+…$/);
  });

  it('shows a dash for a task without a target', () => {
    const line = formatTaskLine(entry({ target_key: null, last_error: 'short' }));

    expect(line).toMatch(/1\/1 +- +short$/);
  });
});

describe('toTaskEntries', () => {
  it('keeps every field the daemon sent', () => {
    const entries = toTaskEntries([{ ...entry(), payload: { n: 7 } }], 'test');

    expect(entries[0]?.['payload']).toEqual({ n: 7 });
  });

  it('refuses an answer that is not a list of tasks', () => {
    expect(() => toTaskEntries({ tasks: [] }, 'GET /tasks')).toThrow('did not answer with a task list');
    expect(() => toTaskEntries([{ task_id: '1' }], 'GET /tasks')).toThrow('task 0 lacks');
  });
});

describe('newestFirst', () => {
  it('orders by descending id and keeps at most the limit', () => {
    const sorted = newestFirst([entry({ task_id: 1 }), entry({ task_id: 3 }), entry({ task_id: 2 })], 2);

    expect(sorted.map((task) => task.task_id)).toEqual([3, 2]);
  });
});
