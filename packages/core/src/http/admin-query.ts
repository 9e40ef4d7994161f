import { z } from 'zod';
import type { EventLevel } from '../store/event-log-repository.js';
import type { TaskStatus } from '../store/task.js';

/** Filters of the task listings, after validation; empty lists mean "all". */
export interface TaskQuery {
  readonly statuses: readonly TaskStatus[];
  readonly types: readonly string[];
  readonly limit: number;
}

/** Filters of `GET /logs/events`, lower-cased; empty lists mean "all". */
export interface EventQuery {
  readonly categories: readonly string[];
  readonly levels: readonly EventLevel[];
  readonly sources: readonly string[];
  readonly limit: number;
}

/** A validated query, or the problems to show the operator (one line per bad parameter). */
export type QueryResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly string[] };

// core/http may import only types from core/store; the Record type keeps this list complete.
const knownStatuses: Readonly<Record<TaskStatus, true>> = {
  queued: true,
  running: true,
  retry_waiting: true,
  dead_letter: true,
  done: true,
};
const taskStatuses = Object.keys(knownStatuses) as TaskStatus[];

/** Largest `limit` any admin listing accepts (spec §3.8, §3.16). */
export const maxListLimit = 200;

// Comma-separated values, trimmed, deduplicated, order kept; `?status=` (empty) means no filter.
const csv = z
  .string()
  .optional()
  .transform((value) => [
    ...new Set(
      (value ?? '')
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part.length > 0),
    ),
  ]);

const limit = (fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, `must be a whole number from 1 to ${maxListLimit}`)
    .transform(Number)
    .pipe(z.number().int().min(1).max(maxListLimit))
    .optional()
    .transform((value) => value ?? fallback);

const eventLevels: Readonly<Record<string, EventLevel>> = {
  debug: 'debug',
  info: 'info',
  warn: 'warn',
  // The original's levels were info|warning|error; its scripts keep working.
  warning: 'warn',
  error: 'error',
};

/** Parses `status`, `type` (alias `queue`) and `limit`; `allowedStatuses` narrows the status filter. */
export function parseTaskQuery(
  query: unknown,
  options: {
    readonly defaultLimit: number;
    readonly allowedStatuses?: readonly TaskStatus[];
    readonly knownTypes?: readonly string[] | undefined;
  },
): QueryResult<TaskQuery> {
  const allowed = options.allowedStatuses ?? taskStatuses;
  const known = options.knownTypes;
  const schema = z.object({
    status: csv.pipe(
      z.array(
        z.enum(allowed as readonly [TaskStatus, ...TaskStatus[]], `must be one of ${allowed.join(', ')}`),
      ),
    ),
    type: csv,
    queue: csv,
    limit: limit(options.defaultLimit),
  });
  const parsed = schema.safeParse(query ?? {});
  if (!parsed.success) return failure(parsed.error);
  const types = [...new Set([...parsed.data.type, ...parsed.data.queue])];
  const unknown = known === undefined ? [] : types.filter((type) => !known.includes(type));
  if (unknown.length > 0) {
    return {
      ok: false,
      problems: [`type: unknown task type ${unknown.join(', ')}; known: ${known?.join(', ')}`],
    };
  }
  return { ok: true, value: { statuses: parsed.data.status, types, limit: parsed.data.limit } };
}

/** Parses the `GET /logs/events` filters (spec §3.16), case-insensitively. */
export function parseEventQuery(query: unknown): QueryResult<EventQuery> {
  const lowerCsv = csv.transform((values) => [...new Set(values.map((value) => value.toLowerCase()))]);
  const schema = z.object({
    category: lowerCsv,
    level: lowerCsv.pipe(
      z.array(z.string().refine((level) => level in eventLevels, 'must be one of debug, info, warn, error')),
    ),
    source: lowerCsv,
    limit: limit(50),
  });
  const parsed = schema.safeParse(query ?? {});
  if (!parsed.success) return failure(parsed.error);
  const levels = parsed.data.level.flatMap((level) => eventLevels[level] ?? []);
  return {
    ok: true,
    value: {
      categories: parsed.data.category,
      levels: [...new Set(levels)],
      sources: parsed.data.source,
      limit: parsed.data.limit,
    },
  };
}

/** Turns zod issues into `param: problem` lines an operator can act on. */
export function describeIssues(error: z.ZodError): readonly string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return path.length === 0 ? issue.message : `${path}: ${issue.message}`;
  });
}

function failure(error: z.ZodError): { readonly ok: false; readonly problems: readonly string[] } {
  return { ok: false, problems: describeIssues(error) };
}
