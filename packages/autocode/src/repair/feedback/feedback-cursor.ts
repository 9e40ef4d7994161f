import type { FeedbackItem } from '../feedback-item.js';
import { compareIds, compareInstants } from './compare-instants.js';

/**
 * How far a pull request's feedback has been consumed: the newest item time handled and the ids
 * of the items at exactly that time (GitHub times have one-second precision, so several items
 * can share the newest time and only the listed ones are done).
 */
export interface FeedbackCursor {
  readonly at: string;
  readonly ids: readonly string[];
}

/**
 * Whether an item is still to be handled (spec §3.2 pending test): no cursor, a later time, or
 * the cursor's time and an id the cursor does not list. Times compare as instants (weakness 28).
 */
export function isPending(item: Pick<FeedbackItem, 'at' | 'id'>, cursor: FeedbackCursor | null): boolean {
  if (cursor === null) return true;
  const order = compareInstants(item.at, cursor.at);
  if (order !== 0) return order > 0;
  return item.id !== '' && !cursor.ids.includes(item.id);
}

/**
 * The cursor that marks a batch as handled: its newest time (as an instant) and the sorted ids
 * of the items at that instant; `null` for an empty batch.
 */
export function cursorOf(items: readonly Pick<FeedbackItem, 'at' | 'id'>[]): FeedbackCursor | null {
  const [first, ...rest] = items;
  if (first === undefined) return null;
  const newest = rest.reduce((max, item) => (compareInstants(item.at, max.at) > 0 ? item : max), first);
  const ids = items
    .filter((item) => compareInstants(item.at, newest.at) === 0 && item.id !== '')
    .map((item) => item.id);
  return { at: newest.at, ids: [...new Set(ids)].sort(compareIds) };
}
