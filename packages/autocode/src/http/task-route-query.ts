import type { TaskStatus } from '@patchloop/core';
import { z } from 'zod';
import type { AutocodeQueueName } from './task-views.js';
import { autocodeQueueNames } from './task-views.js';

/** A validated query, or the `detail` of the 400 answer (spec §3: `{ detail }`). */
export type ParsedQuery<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly detail: string };

/** The filters of the task routes after validation; an empty list in the query means "all". */
export interface TaskRouteQuery {
  /** Canonical order issue, pr, source. */
  readonly queues: readonly AutocodeQueueName[];
  readonly statuses: readonly TaskStatus[];
  readonly limit: number;
  readonly includeSuperseded: boolean;
}

/** What one route accepts; parameters a route does not take are ignored, never refused. */
export interface TaskRouteQueryRules {
  /** The statuses `status` may name; also what an absent `status` means. */
  readonly statuses: readonly TaskStatus[];
  readonly defaultLimit: number;
  /** Whether `queue` filters (cross-queue routes); otherwise all three queues are selected. */
  readonly queueFilter?: boolean | undefined;
  /** Whether `include_superseded` is read (default true when read or not). */
  readonly supersededFilter?: boolean | undefined;
}

/** Largest `limit` the task routes accept (spec §3.8). */
export const maxTaskLimit = 200;

const booleans: Readonly<Record<string, boolean>> = {
  true: true,
  '1': true,
  yes: true,
  false: false,
  '0': false,
  no: false,
};

// A repeated parameter (`?queue=issue&queue=pr`) arrives as an array; both spellings mean the same list.
const csv = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => [
    ...new Set(
      [value ?? []]
        .flat()
        .flatMap((part) => part.split(','))
        .map((part) => part.trim().toLowerCase())
        .filter((part) => part.length > 0),
    ),
  ]);

const single = z.union([z.string(), z.array(z.string())]).optional();

/**
 * Parses `queue`, `status`, `limit` and `include_superseded` with the original's messages
 * (`Unsupported task queue filter: foo`); unknown parameters are ignored, as there.
 */
export function parseTaskRouteQuery(query: unknown, rules: TaskRouteQueryRules): ParsedQuery<TaskRouteQuery> {
  const parsed = z
    .object({ queue: csv, status: csv, limit: single, include_superseded: single })
    .safeParse(query ?? {});
  if (!parsed.success) return { ok: false, detail: 'Query parameters must be plain strings' };
  const { status, limit } = parsed.data;
  const queue = rules.queueFilter === true ? parsed.data.queue : [];
  const includeSuperseded = rules.supersededFilter === true ? parsed.data.include_superseded : undefined;

  const unknownQueues = queue.filter((name) => !(autocodeQueueNames as readonly string[]).includes(name));
  if (unknownQueues.length > 0) {
    return { ok: false, detail: `Unsupported task queue filter: ${unknownQueues.join(', ')}` };
  }
  const badStatuses = status.filter((name) => !(rules.statuses as readonly string[]).includes(name));
  if (badStatuses.length > 0) {
    return { ok: false, detail: `Unsupported task status filter: ${badStatuses.join(', ')}` };
  }
  const parsedLimit = parseLimit(lastOf(limit)?.trim(), rules.defaultLimit);
  if (parsedLimit === undefined) {
    return { ok: false, detail: `Task limit must be between 1 and ${maxTaskLimit}` };
  }
  const includeValue = lastOf(includeSuperseded)?.trim().toLowerCase();
  const include = includeValue === undefined || includeValue === '' ? true : booleans[includeValue];
  if (include === undefined) return { ok: false, detail: 'include_superseded must be true or false' };

  return {
    ok: true,
    value: {
      queues: autocodeQueueNames.filter((name) => queue.length === 0 || queue.includes(name)),
      statuses: status.length === 0 ? rules.statuses : (status as TaskStatus[]),
      limit: parsedLimit,
      includeSuperseded: include,
    },
  };
}

/** Parses only `limit` (`GET /tasks` ignores every other parameter, as the original did). */
export function parseListLimit(query: unknown, defaultLimit: number): ParsedQuery<number> {
  const parsed = z.object({ limit: single }).safeParse(query ?? {});
  const limit = parsed.success ? parseLimit(lastOf(parsed.data.limit)?.trim(), defaultLimit) : undefined;
  return limit === undefined
    ? { ok: false, detail: `Task limit must be between 1 and ${maxTaskLimit}` }
    : { ok: true, value: limit };
}

/**
 * Parses a positive whole number from a path segment (`/issues/:n/implement`, `/tasks/issue/:id/retry`);
 * undefined for anything else, which the routes answer with 400.
 */
export function parsePositiveInteger(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d+$/.test(value)) return undefined;
  const number = Number(value);
  return Number.isSafeInteger(number) && number > 0 ? number : undefined;
}

function parseLimit(value: string | undefined, fallback: number): number | undefined {
  const limit = value === undefined ? fallback : /^\d+$/.test(value) ? Number(value) : Number.NaN;
  return limit >= 1 && limit <= maxTaskLimit ? limit : undefined;
}

function lastOf(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : value?.at(-1);
}
