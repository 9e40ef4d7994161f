import { capText, singleLine } from '../../publish/markdown-text.js';
import type { FeedbackItem, FeedbackItemState, FeedbackKind } from '../feedback-item.js';

/** A pull request's record of one feedback item, keyed by its fingerprint. */
export interface LedgerEntry {
  readonly fingerprint: string;
  readonly itemId: string;
  readonly kind: FeedbackKind;
  readonly author: string;
  /** First line of the item (with `path:line` for inline comments), at most 120 characters. */
  readonly summary: string;
  readonly state: FeedbackItemState;
  /** The round that addressed the item. */
  readonly round: number | null;
  /** Why the item was declined. */
  readonly reason: string | null;
}

const summaryLimit = 120;

/**
 * Adds the fingerprints of `current` that the ledger does not know as `open` entries; known
 * entries keep their state (an addressed item is not reopened because GitHub still lists it).
 * Entries no longer listed stay: the ledger is the pull request's history.
 */
export function mergeLedger(
  existing: readonly LedgerEntry[],
  current: readonly FeedbackItem[],
): LedgerEntry[] {
  const known = new Set(existing.map((entry) => entry.fingerprint));
  const merged = [...existing];
  for (const item of current) {
    if (known.has(item.fingerprint)) continue;
    known.add(item.fingerprint);
    merged.push({
      fingerprint: item.fingerprint,
      itemId: item.id,
      kind: item.kind,
      author: item.author,
      summary: summarizeItem(item),
      state: 'open',
      round: null,
      reason: null,
    });
  }
  return merged;
}

/** The entries still waiting for a repair. */
export function openEntries(entries: readonly LedgerEntry[]): LedgerEntry[] {
  return entries.filter((entry) => entry.state === 'open');
}

/** Marks the open entries among `fingerprints` as addressed by `round`; others are unchanged. */
export function markAddressed(
  entries: readonly LedgerEntry[],
  fingerprints: readonly string[],
  round: number,
): LedgerEntry[] {
  const targets = new Set(fingerprints);
  return entries.map((entry) =>
    entry.state === 'open' && targets.has(entry.fingerprint)
      ? { ...entry, state: 'addressed', round }
      : entry,
  );
}

/** Declines an open entry with a reason; an entry in any other state is returned unchanged. */
export function markDeclined(entry: LedgerEntry, reason: string): LedgerEntry {
  return entry.state === 'open' ? { ...entry, state: 'declined', reason } : entry;
}

/** Hands every open entry back to people when the loop stops on the pull request. */
export function markHandedBack(entries: readonly LedgerEntry[]): LedgerEntry[] {
  return entries.map((entry) => (entry.state === 'open' ? { ...entry, state: 'handed_back' } : entry));
}

/** Reopens handed-back entries when someone with write access re-invites PatchLoop. */
export function reopenHandedBack(entries: readonly LedgerEntry[]): LedgerEntry[] {
  return entries.map((entry) => (entry.state === 'handed_back' ? { ...entry, state: 'open' } : entry));
}

/** One line saying what the item asks, prefixed with `path:line` when it is anchored to code. */
function summarizeItem(item: FeedbackItem): string {
  const withoutComments = item.body.replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  const firstLine =
    withoutComments
      .split(/\r?\n/)
      .map((line) => singleLine(line.replace(/^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+)+/, '')))
      .find((line) => line !== '') ?? '(no text)';
  const location = item.path === null ? '' : `${item.path}${item.line === null ? '' : `:${item.line}`}: `;
  return capText(singleLine(`${location}${firstLine}`), summaryLimit);
}
