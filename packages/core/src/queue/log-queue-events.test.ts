import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logging/create-logger.js';
import type { Task } from '../store/task.js';
import { logQueueEvents } from './log-queue-events.js';
import { createQueueEvents } from './queue-events.js';

const task: Task = {
  id: 3,
  type: 'review_pull_request',
  dedupeKey: 'pr:5:1',
  targetKey: 'pr:5',
  status: 'retry_waiting',
  priority: 'normal',
  payload: {},
  source: 'webhook',
  attemptCount: 2,
  maxAttempts: 5,
  availableAt: 60_000,
  leaseOwner: null,
  lockedUntil: null,
  createdAt: 0,
  updatedAt: 0,
  lastStartedAt: 0,
  lastFinishedAt: 0,
  lastError: 'GitHub answered 502',
  result: null,
  permanentFailure: false,
};

function capture(): { lines: Record<string, unknown>[]; destination: Writable } {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      callback();
    },
  });
  return { lines, destination };
}

describe('logQueueEvents', () => {
  it('logs a retry as a warning with a static message and the details in bindings', () => {
    const { lines, destination } = capture();
    const events = createQueueEvents();
    logQueueEvents({ events, logger: createLogger({ destination }) });

    events.emit('task:retrying', { task, reason: 'GitHub answered 502', durationMs: 120 });

    expect(lines).toEqual([
      expect.objectContaining({
        level: 40,
        msg: 'Task failed, will retry',
        component: 'worker',
        taskId: 3,
        taskType: 'review_pull_request',
        targetKey: 'pr:5',
        attempt: 2,
        reason: 'GitHub answered 502',
        availableAt: 60_000,
      }),
    ]);
  });

  it('stops logging once unsubscribed', () => {
    const { lines, destination } = capture();
    const events = createQueueEvents();
    const unsubscribe = logQueueEvents({ events, logger: createLogger({ destination }) });

    unsubscribe();
    events.emit('task:dead_lettered', { task, reason: 'bug' });

    expect(lines).toEqual([]);
  });
});
