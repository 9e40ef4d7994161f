import type { Task } from '../store/task.js';

/** Payloads of the events a worker emits; the logger and metrics subscribe to these. */
export interface QueueEventMap {
  'task:started': { readonly task: Task };
  'task:succeeded': { readonly task: Task; readonly durationMs: number };
  'task:retrying': { readonly task: Task; readonly reason: string; readonly durationMs: number };
  'task:deferred': { readonly task: Task; readonly reason: string };
  'task:dead_lettered': { readonly task: Task; readonly reason: string };
  /** A running task's lease expired; it is queued again, or dead-lettered after its last attempt. */
  'task:recovered': { readonly task: Task };
  /** The worker no longer held the lease when it tried to record an outcome. */
  'task:lease_lost': { readonly taskId: number; readonly taskType: string };
  /** An iteration failed outside any handler (e.g. the database was busy); the loop continues. */
  'worker:error': { readonly error: unknown };
}

/** One queue event name. */
export type QueueEventName = keyof QueueEventMap;

/** A typed publish/subscribe channel for queue events. Listeners must not throw. */
export interface QueueEvents {
  /** Subscribes; returns the function that unsubscribes. */
  on<E extends QueueEventName>(event: E, listener: (payload: QueueEventMap[E]) => void): () => void;
  emit<E extends QueueEventName>(event: E, payload: QueueEventMap[E]): void;
}

/** Creates an empty event channel. */
export function createQueueEvents(): QueueEvents {
  const listeners = new Map<QueueEventName, Set<(payload: never) => void>>();
  return {
    on: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => {
        set.delete(listener);
      };
    },
    emit: (event, payload) => {
      for (const listener of listeners.get(event) ?? [])
        (listener as (value: typeof payload) => void)(payload);
    },
  };
}
