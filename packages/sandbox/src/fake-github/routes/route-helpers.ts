import { type IssueRecord, isPull, type PullIssue } from '../model/model-records.js';
import { notFound, type RouteContext } from '../server/route-types.js';

/** The JSON body as an object (the OpenAPI check has already vetted its shape). */
export function bodyOf(context: RouteContext): Readonly<Record<string, unknown>> {
  const { body } = context;
  return body !== null && typeof body === 'object' && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};
}

/** A string field of the body, if present. */
export function stringField(context: RouteContext, name: string): string | undefined {
  const value = bodyOf(context)[name];
  return typeof value === 'string' ? value : undefined;
}

/** An integer path parameter; GitHub answers 404 when it is not a number. */
export function intParam(context: RouteContext, name: string): number {
  const raw = context.params[name] ?? '';
  if (!/^\d+$/.test(raw)) throw notFound();
  return Number(raw);
}

/** The issue (or PR) named by `{issue_number}`, else 404. */
export function requireIssue(context: RouteContext): IssueRecord {
  const issue = context.state.issues.get(intParam(context, 'issue_number'));
  if (issue === undefined) throw notFound();
  return issue;
}

/** The pull request named by `{pull_number}`, else 404 (an issue number is not a PR). */
export function requirePull(context: RouteContext): PullIssue {
  const issue = context.state.issues.get(intParam(context, 'pull_number'));
  if (!isPull(issue)) throw notFound();
  return issue;
}

/** `since` as epoch ms, or undefined. */
export function sinceOf(context: RouteContext): number | undefined {
  const raw = context.query['since'];
  if (raw === undefined) return undefined;
  const parsed = Date.parse(raw);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** GitHub stores timestamps to the second, so `since` compares at second precision (inclusive). */
export function updatedSince(updatedAtMs: number, sinceMs: number | undefined): boolean {
  return sinceMs === undefined || Math.floor(updatedAtMs / 1000) * 1000 >= sinceMs;
}

/** Sorts by a numeric key then by id, in `direction` order. */
export function sortBy<T>(
  items: readonly T[],
  key: (item: T) => number,
  id: (item: T) => number,
  descending: boolean,
): T[] {
  const sign = descending ? -1 : 1;
  return [...items].sort((a, b) => sign * (key(a) - key(b) || id(a) - id(b)));
}

/** Whether `direction` asks for descending order, falling back to `fallback`. */
export function isDescending(context: RouteContext, fallback: 'asc' | 'desc'): boolean {
  return (context.query['direction'] ?? fallback) === 'desc';
}

/** Label names from a body list whose items are names or `{ name }` objects. */
export function labelNames(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    if (typeof item === 'string') return [item];
    if (item !== null && typeof item === 'object' && typeof (item as { name?: unknown }).name === 'string') {
      return [(item as { name: string }).name];
    }
    return [];
  });
}
