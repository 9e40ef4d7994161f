import type { Review, User } from '@patchloop/core';
import { isBotGenerated } from '../../intent/comment-intent.js';
import type { FeedbackItem } from '../feedback-item.js';
import { compareIds, compareInstants } from './compare-instants.js';
import {
  actionableMarkers,
  chineseVerdict,
  englishVerdict,
  knownBotLogins,
  mergeableWords,
  openReviewIdempotencyMarker,
  openReviewMarker,
  reviewStructureParts,
  summaryHeading,
} from './feedback-patterns.js';

// The bot and OpenReview rules of spec autocode-execution §3.3. A body marker alone never
// makes an untrusted account's text a bot's or OpenReview's (weakness 4): anyone can paste
// `<!-- openreview:` into a comment, and OpenReview verdicts can approve work and reset round caps.

/** What an OpenReview review says about merging. */
export type OpenReviewVerdict = 'mergeable' | 'not_mergeable';

/** Decides whether a login may approve work (write access or the configured permission). */
export type TrustCheck = (login: string) => boolean;

/**
 * Whether a login is a review bot: any `[bot]` account, a review bot the original knew
 * (`copilot`, `chatgpt-codex-connector`...) or one of `extraBotLogins`; case-insensitive.
 */
export function isBotLogin(login: string, extraBotLogins: readonly string[] = []): boolean {
  const lower = login.trim().toLowerCase();
  if (lower === '') return false;
  if (lower.endsWith('[bot]')) return true;
  return [...knownBotLogins, ...extraBotLogins].some((known) => withoutBotSuffix(known) === lower);
}

/**
 * Whether text by this author counts as a bot's: a bot account, or a marked body (PatchLoop or
 * OpenReview marker, PatchLoop footer) posted by a trusted account, as the review daemon does.
 */
export function isBotAuthored(
  author: User,
  body: string,
  isTrusted: TrustCheck,
  extraBotLogins: readonly string[] = [],
): boolean {
  if (author.type === 'Bot' || isBotLogin(author.login, extraBotLogins)) return true;
  return isBotGenerated(body) && isTrusted(author.login);
}

/**
 * Whether a body looks like an OpenReview review: an OpenReview marker or PatchLoop review
 * footer, or the review layout (heading plus verdict line or problem list) with a verdict or
 * an actionable request.
 */
export function isOpenReviewBody(body: string): boolean {
  if (openReviewMarker.test(body)) return true;
  const structured = summaryHeading.test(body) && reviewStructureParts.test(body);
  return structured && (openReviewVerdict(body) !== null || actionableMarkers.test(body));
}

/**
 * The merge verdict of a review body: "Ready to merge: yes | no | after fixes" as PatchLoop writes
 * it, or the original's "是否可直接合入：可 | 不可 | 不能". The first verdict line decides.
 */
export function openReviewVerdict(body: string): OpenReviewVerdict | null {
  const matches = [chineseVerdict.exec(body), englishVerdict.exec(body)].filter((match) => match !== null);
  const [first] = matches.sort((a, b) => a.index - b.index);
  const word = first?.[1];
  if (word === undefined) return null;
  return mergeableWords.has(word.toLowerCase()) ? 'mergeable' : 'not_mergeable';
}

/**
 * Whether an OpenReview-looking body asks for changes: a "not mergeable" verdict does, a
 * "mergeable" one does not, and without a verdict an actionable request decides.
 */
export function isActionableOpenReviewBody(body: string): boolean {
  if (!isOpenReviewBody(body)) return false;
  const verdict = openReviewVerdict(body);
  if (verdict !== null) return verdict === 'not_mergeable';
  return actionableMarkers.test(body);
}

/** An OpenReview-looking item written by a bot or a trusted person (never an untrusted one). */
export function isOpenReviewItem(item: FeedbackItem): boolean {
  return item.kind !== 'ci_failure' && (item.authorIsBot || item.trusted) && isOpenReviewBody(item.body);
}

/** An {@link isOpenReviewItem} whose body asks for changes. */
export function isActionableOpenReviewItem(item: FeedbackItem): boolean {
  return isOpenReviewItem(item) && isActionableOpenReviewBody(item.body);
}

/** Bot-only feedback: at least one item, and every item was written by a bot. */
export function isBotOnlyFeedback(items: readonly FeedbackItem[]): boolean {
  return items.length > 0 && items.every((item) => item.authorIsBot);
}

/**
 * Whether OpenReview approved the current head: among OpenReview-marked reviews by bots or
 * trusted accounts, newest first, the first one made on `headSha` (or with no commit) decides;
 * only a "mergeable" verdict approves.
 */
export function hasOpenReviewApproval(
  reviews: readonly Review[],
  headSha: string,
  isTrusted: TrustCheck,
  extraBotLogins: readonly string[] = [],
): boolean {
  const deciding = [...reviews]
    .sort(
      (a, b) => compareInstants(b.submittedAt ?? '', a.submittedAt ?? '') || compareIds(`${b.id}`, `${a.id}`),
    )
    .find(
      (review) =>
        openReviewIdempotencyMarker.test(review.body) &&
        (review.author.type === 'Bot' ||
          isBotLogin(review.author.login, extraBotLogins) ||
          isTrusted(review.author.login)) &&
        !isStaleForHead(review.commitId, headSha),
    );
  return deciding !== undefined && openReviewVerdict(deciding.body) === 'mergeable';
}

/** A review made on another commit than the head; a missing sha on either side counts as current. */
export function isStaleForHead(commitId: string | null, headSha: string): boolean {
  return commitId !== null && commitId !== '' && headSha !== '' && commitId !== headSha;
}

function withoutBotSuffix(login: string): string {
  return login
    .trim()
    .toLowerCase()
    .replace(/\[bot\]$/, '');
}
