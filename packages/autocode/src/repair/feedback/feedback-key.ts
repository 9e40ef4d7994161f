import type { FeedbackItem } from '../feedback-item.js';
import { compareIds } from './compare-instants.js';
import { shortDigest } from './feedback-fingerprint.js';

/**
 * The idempotency key of a feedback batch (spec §3.5 "Keys"): `pr:<n>:<16 hex>` over the sorted
 * ids, times and fingerprints, so the same batch always maps to the same repair task.
 */
export function feedbackKey(prNumber: number, items: readonly FeedbackItem[]): string {
  const ids = items.map((item) => item.id).sort(compareIds);
  const times = items
    .map((item) => item.at)
    .filter((at) => at !== '')
    .sort();
  const fingerprints = items.map((item) => item.fingerprint).sort();
  return `pr:${prNumber}:${shortDigest([prNumber, ids, times, fingerprints])}`;
}
