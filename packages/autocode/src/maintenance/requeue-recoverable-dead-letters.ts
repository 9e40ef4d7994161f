import type { EventLogRepository, Logger, TaskQueue } from '@patchloop/core';
import { autocodeTaskTypes } from '../tasks/autocode-tasks.js';

/**
 * At startup, gives issue runs that died of something transient another chance (spec autocode-service
 * §5.6): dead letters that are not permanent and whose error names one of the configured markers
 * (e.g. `node_modules`, `transient`), at most `limit` of them, newest first. Permanent failures
 * (policy refusals, a missing CLI) are never revived.
 */
export function requeueRecoverableDeadLetters(deps: {
  readonly queue: Pick<TaskQueue, 'listDeadLetters' | 'requeue'>;
  readonly eventLog: Pick<EventLogRepository, 'append'>;
  readonly markers: readonly string[];
  readonly limit: number;
  readonly logger: Logger;
}): number {
  const markers = deps.markers.map((marker) => marker.toLowerCase()).filter((marker) => marker !== '');
  if (deps.limit <= 0 || markers.length === 0) return 0;
  const candidates = deps.queue.listDeadLetters({ type: autocodeTaskTypes.issue, limit: deps.limit * 4 });
  let requeued = 0;
  for (const task of candidates) {
    if (requeued >= deps.limit) break;
    if (task.permanentFailure) continue;
    const error = (task.lastError ?? '').toLowerCase();
    if (!markers.some((marker) => error.includes(marker))) continue;
    deps.queue.requeue(task.id);
    requeued += 1;
    deps.eventLog.append({
      category: 'issue_task_queue_recovery',
      level: 'warn',
      message: `Requeued dead-lettered task ${task.id} after a transient failure`,
      data: { source: 'startup', taskId: task.id, reason: 'recoverable_dead_letter' },
    });
  }
  if (requeued > 0) deps.logger.warn({ requeued }, 'Requeued recoverable dead letters');
  return requeued;
}
