import { createHash } from 'node:crypto';
import { activityFingerprint } from '../context/activity-fingerprint.js';

// The exact derivations of spec §4.3. Processed keys and idempotency markers written by the
// original stay comparable only while these byte layouts stay unchanged: do not "tidy" them.

/** Why a PR review key changed: the hashed parts of the key, stored with the last review. */
export interface PullRequestReviewMetadata {
  readonly baseRef: string;
  readonly titleHash: string;
  readonly bodyHash: string;
  /** `''` when the review answered no discussion activity. */
  readonly discussionHash: string;
  /** The key's content part: hash of base, title, body and discussion fingerprint. */
  readonly digest: string;
}

/** The PR fields a review key is made of. */
export interface PullRequestReviewKeyInput {
  readonly headSha: string;
  readonly title: string;
  readonly body: string;
  readonly baseRef: string;
  /** Activity fingerprint of the discussion being answered; omitted for an initial review. */
  readonly discussionFingerprint?: string | undefined;
}

function sha256Hex(text: string, length: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/**
 * Processing key of an issue reply: first 16 hex of sha256(`title\n\nbody\n\nfingerprint`).
 * A new discussion fingerprint makes a new key, which is what lets a comment trigger a follow-up.
 */
export function issueProcessingKey(input: {
  readonly title: string;
  readonly body: string;
  readonly fingerprint?: string | undefined;
}): string {
  const fingerprint = (input.fingerprint ?? '').trim();
  return sha256Hex(`${input.title.trim()}\n\n${input.body.trim()}\n\n${fingerprint}`, 16);
}

/** The metadata (and digest) of a PR review key; the head SHA is not part of it. */
export function pullRequestReviewMetadata(
  input: Omit<PullRequestReviewKeyInput, 'headSha'>,
): PullRequestReviewMetadata {
  const title = input.title.trim();
  const body = input.body.trim();
  const baseRef = input.baseRef.trim();
  const fingerprint = (input.discussionFingerprint ?? '').trim();
  return {
    baseRef,
    titleHash: sha256Hex(title, 12),
    bodyHash: sha256Hex(body, 12),
    discussionHash: fingerprint === '' ? '' : sha256Hex(fingerprint, 12),
    digest: sha256Hex(`${baseRef}\n${title}\n\n${body}\n\n${fingerprint}`, 16),
  };
}

/** Review key `<headSha>:<digest>` (just the digest without a head): one key per reviewed version. */
export function pullRequestReviewKey(input: PullRequestReviewKeyInput): string {
  const { digest } = pullRequestReviewMetadata(input);
  const headSha = input.headSha.trim();
  return headSha === '' ? digest : `${headSha}:${digest}`;
}

/**
 * Fingerprint of a definitive CI failure on a head, shaped like a discussion activity so a CI
 * failure can drive a follow-up review exactly once per head and failure summary.
 */
export function ciFailureFingerprint(input: {
  readonly headSha: string;
  readonly ciSummary: string;
}): string {
  return activityFingerprint({
    type: 'ci_failure',
    id: input.headSha,
    body: input.ciSummary,
    updatedAt: input.headSha,
  });
}
