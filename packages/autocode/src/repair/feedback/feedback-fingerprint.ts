import { createHash } from 'node:crypto';
import type { FeedbackKind } from '../feedback-item.js';

/** What an item's fingerprint is computed from (spec autocode-execution §3.5 "Keys"). */
export interface FingerprintFields {
  readonly kind: FeedbackKind;
  readonly id: string;
  readonly at: string;
  readonly author: string;
  readonly state: string | null;
  readonly path: string | null;
  readonly side: string | null;
  readonly line: number | null;
  readonly originalLine: number | null;
  readonly reviewId: number | null;
  readonly body: string;
}

/**
 * `<kind>:<id>:<16 hex>`: a digest of what the item says, where, by whom and when. An edited
 * comment gets a new fingerprint, so the repair loop sees it as new feedback.
 */
export function feedbackFingerprint(fields: FingerprintFields): string {
  const digest = shortDigest([
    fields.kind,
    fields.id,
    fields.at,
    fields.author.toLowerCase(),
    (fields.state ?? '').toUpperCase(),
    fields.path ?? '',
    fields.side ?? '',
    fields.line,
    fields.originalLine,
    fields.reviewId,
    fields.body,
  ]);
  return `${fields.kind}:${fields.id === '' ? digest.slice(0, 8) : fields.id}:${digest}`;
}

/** The first 16 hex digits of the SHA-256 of the values as JSON. */
export function shortDigest(values: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(values), 'utf8').digest('hex').slice(0, 16);
}
