import { isRedirect } from '../../intent/comment-intent.js';
import type { FeedbackItem } from '../feedback-item.js';
import { isOpenReviewBody } from './bot-feedback.js';
import { compareIds, compareInstants } from './compare-instants.js';

const maxRedirectChars = 180;

/**
 * A trusted person's "stop changing code" inside the feedback (spec §3.4, widened from the owner
 * to every trusted author): the newest feedback written by a trusted person, not a bot, a check or
 * an OpenReview-looking review, decides. Returns its text (whitespace collapsed, ≤ 180 chars) when
 * it is a redirect, otherwise `undefined`, so a newer request overrides an older stop.
 */
export function findRedirect(items: readonly FeedbackItem[]): string | undefined {
  const deciding = [...items]
    .sort((a, b) => compareInstants(b.at, a.at) || compareIds(b.id, a.id))
    .find(
      (item) =>
        item.kind !== 'ci_failure' && item.trusted && !item.authorIsBot && !isOpenReviewBody(item.body),
    );
  if (deciding === undefined || !isRedirect(deciding.body)) return undefined;
  const text = deciding.body.replace(/\s+/g, ' ').trim();
  return text.length > maxRedirectChars ? `${text.slice(0, maxRedirectChars - 3)}...` : text;
}
