import type { Logger } from '../logging/create-logger.js';
import type { Task } from '../store/task.js';
import type { QueueEvents } from './queue-events.js';

function bindingsOf(task: Task): Record<string, unknown> {
  return { taskId: task.id, taskType: task.type, targetKey: task.targetKey, attempt: task.attemptCount };
}

/**
 * Logs the queue lifecycle by subscribing to worker events, so worker.ts carries no log calls.
 * Messages are static; the details go in bindings. Returns the function that unsubscribes.
 */
export function logQueueEvents({
  events,
  logger,
}: {
  readonly events: QueueEvents;
  readonly logger: Logger;
}): () => void {
  const log = logger.child({ component: 'worker' });
  const unsubscribers = [
    events.on('task:started', ({ task }) => log.info(bindingsOf(task), 'Task started')),
    events.on('task:succeeded', ({ task, durationMs }) =>
      log.info({ ...bindingsOf(task), durationMs }, 'Task succeeded'),
    ),
    events.on('task:retrying', ({ task, reason, durationMs }) =>
      log.warn(
        { ...bindingsOf(task), reason, durationMs, availableAt: task.availableAt },
        'Task failed, will retry',
      ),
    ),
    events.on('task:deferred', ({ task, reason }) =>
      log.info({ ...bindingsOf(task), reason, availableAt: task.availableAt }, 'Task deferred'),
    ),
    events.on('task:dead_lettered', ({ task, reason }) =>
      log.error({ ...bindingsOf(task), reason }, 'Task moved to the dead letters'),
    ),
    events.on('task:recovered', ({ task }) =>
      log.warn({ ...bindingsOf(task), status: task.status }, 'Task lease expired, task recovered'),
    ),
    events.on('task:lease_lost', ({ taskId, taskType }) =>
      log.warn({ taskId, taskType }, 'Task lease lost before its outcome was recorded'),
    ),
    events.on('worker:error', ({ error }) => log.error({ err: error }, 'Worker iteration failed')),
  ];
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
