import { classifyComment, confirmsResolved } from '../intent/comment-intent.js';
import type { DiscussionEntry } from '../planning/discussion.js';

/** An issue that needs no pull request, and why (spec autocode-execution §2.3 b and c). */
export type NoPullRequestVerdict =
  | { readonly outcome: 'manual_action'; readonly reason: string }
  | { readonly outcome: 'resolved_by_user'; readonly reason: string };

/**
 * Finishes an issue without a PR when a maintainer's latest word is "no code change" (a later
 * approval supersedes an earlier redirect), or, for automatic runs, when the newest human comment
 * says the problem is solved. Deterministic phrases only: no CLI call for this.
 */
export function resolveWithoutPullRequest(
  discussion: readonly DiscussionEntry[],
  explicit: boolean,
): NoPullRequestVerdict | undefined {
  for (const entry of [...discussion].reverse()) {
    if (!entry.isApprover || entry.isBot) continue;
    const kind = classifyComment(entry.body).kind;
    if (kind === 'implement') break;
    if (kind === 'redirect') {
      return {
        outcome: 'manual_action',
        reason: `@${entry.login} said this needs no code change (${entry.createdAt})`,
      };
    }
  }
  if (explicit) return undefined;
  const newestHuman = [...discussion].reverse().find((entry) => !entry.isBot);
  if (newestHuman !== undefined && confirmsResolved(newestHuman.body)) {
    return {
      outcome: 'resolved_by_user',
      reason: `@${newestHuman.login} confirmed the problem is solved (${newestHuman.createdAt})`,
    };
  }
  return undefined;
}
