import type { FastifyBaseLogger, FastifyReply } from 'fastify';
import { AppError, IllegalTransitionError } from '../errors/app-error.js';
import type { Task } from '../store/task.js';
import { toTaskView } from './task-view.js';

/**
 * Requeues task `id`, logs `message` on success, and answers like every retry route does: the task view, 409 for a task that
 * cannot be retried from its status, 404 for an unknown id. Other errors propagate (500).
 */
export function requeueReply(
  reply: FastifyReply,
  id: number,
  requeue: (id: number) => Task,
  logged: { readonly log: FastifyBaseLogger; readonly message: string },
) {
  try {
    const task = requeue(id);
    logged.log.info({ taskId: id }, logged.message);
    return { status: 'ok', task: toTaskView(task) };
  } catch (error) {
    if (error instanceof IllegalTransitionError) {
      return reply.status(409).send({
        error: error.code,
        message: `Task ${id} is ${error.from}; only retry_waiting and dead_letter tasks can be retried.`,
      });
    }
    if (error instanceof AppError && error.code === 'TASK_NOT_FOUND') {
      return reply.status(404).send({ error: error.code, message: error.message });
    }
    throw error;
  }
}
