import type { ReviewState } from '@patchloop/core';

/** Where a piece of feedback on a pull request came from. */
export type FeedbackKind = 'review' | 'review_comment' | 'ci_failure';

/**
 * One piece of feedback on a PatchLoop pull request: a review body, an inline review comment or a
 * failing check on the head. Everything the repair loop decides about feedback works on these.
 */
export interface FeedbackItem {
  readonly kind: FeedbackKind;
  /** The review or comment id; for a check, `<check name>@<head sha>`. */
  readonly id: string;
  /** Lower-cased login; `ci` for checks. */
  readonly author: string;
  /** A known review bot, a `[bot]` account, or a body carrying a PatchLoop/OpenReview marker. */
  readonly authorIsBot: boolean;
  /** The author may approve work (repository permission in EXECUTION_APPROVER_PERMISSIONS). */
  readonly trusted: boolean;
  readonly body: string;
  readonly path: string | null;
  readonly line: number | null;
  readonly side: string | null;
  /** The review an inline comment belongs to. */
  readonly reviewId: number | null;
  /** The review's state for review items; null otherwise. */
  readonly state: ReviewState | null;
  /** GitHub time of the item (submitted / updated / completed), ISO-8601. */
  readonly at: string;
  /** Stable digest of what the item says and where (spec autocode-execution §3.5 "Keys"). */
  readonly fingerprint: string;
}

/** Where a feedback item stands in the loop, per pull request and fingerprint. */
export type FeedbackItemState = 'open' | 'addressed' | 'declined' | 'handed_back';
