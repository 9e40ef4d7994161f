// Hand-built fixtures for the stop-rule tests: complete, plausible values overridden per test.

import type { FeedbackItem } from '../feedback-item.js';
import type { LedgerEntry } from './ledger.js';
import type { RepairRound } from './repair-round.js';

/** An open inline review comment by a trusted person. */
export function aFeedbackItem(overrides: Partial<FeedbackItem> = {}): FeedbackItem {
  const id = overrides.id ?? '101';
  return {
    kind: 'review_comment',
    id,
    author: 'alice',
    authorIsBot: false,
    trusted: true,
    body: 'Please rename `parse` to `parseConfig`.',
    path: 'src/config.ts',
    line: 12,
    side: 'RIGHT',
    reviewId: 7,
    state: null,
    at: '2024-05-01T10:00:00Z',
    fingerprint: `review_comment:${id}:fp${id}`,
    ...overrides,
  };
}

/** `count` distinct feedback items, ids 1..count. */
export function feedbackItems(count: number): FeedbackItem[] {
  return Array.from({ length: count }, (_unused, index) => aFeedbackItem({ id: String(index + 1) }));
}

/** A repair round that changed nothing the revert rules can see. */
export function aRepairRound(overrides: Partial<RepairRound> = {}): RepairRound {
  const round = overrides.round ?? 1;
  return {
    round,
    commitSha: `${round}`.padStart(40, 'a'),
    openBefore: 3,
    addressed: [],
    addedLineHashes: [],
    removedLineHashes: [],
    ...overrides,
  };
}

/** An open ledger entry for an inline comment. */
export function aLedgerEntry(overrides: Partial<LedgerEntry> = {}): LedgerEntry {
  const itemId = overrides.itemId ?? '101';
  return {
    fingerprint: `review_comment:${itemId}:fp${itemId}`,
    itemId,
    kind: 'review_comment',
    author: 'alice',
    summary: 'src/config.ts:12: Please rename `parse` to `parseConfig`.',
    state: 'open',
    round: null,
    reason: null,
    ...overrides,
  };
}
