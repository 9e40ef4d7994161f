import type { GitHubReader, IssueComment } from '@patchloop/core';
import type { ApproverCheck } from '../ingest/approver-check.js';
import { isBotAccount } from '../ingest/issue-intake.js';
import { isBotGenerated } from '../intent/comment-intent.js';
import type { DiscussionEntry } from '../planning/discussion.js';

// GitHub's author_association values that can belong to someone with write access; anyone else is
// certainly not a collaborator, so their trust is settled without a permission lookup.
const possiblyWriters = new Set(['OWNER', 'MEMBER', 'COLLABORATOR']);

/**
 * Whether `login` may approve work, asking GitHub only when the association leaves it open: a
 * discussion of strangers costs no permission lookups at all.
 */
export async function isTrusted(
  approvers: ApproverCheck,
  login: string,
  authorAssociation: string,
): Promise<boolean> {
  if (!possiblyWriters.has(authorAssociation.toUpperCase())) return false;
  return approvers.isApprover(login);
}

/** The issue's comments as discussion entries, oldest first, each marked approver/bot. */
export async function loadDiscussion(deps: {
  readonly reader: Pick<GitHubReader, 'listIssueComments'>;
  readonly approvers: ApproverCheck;
  readonly issueNumber: number;
  readonly ownLogin: string | null;
}): Promise<DiscussionEntry[]> {
  const comments = await deps.reader.listIssueComments(deps.issueNumber, { perPage: 100, maxPages: 5 });
  const entries: DiscussionEntry[] = [];
  for (const comment of [...comments].sort(byCreation)) {
    const isBot =
      isBotAccount(comment.author) ||
      isBotGenerated(comment.body) ||
      comment.author.login.toLowerCase() === deps.ownLogin;
    entries.push({
      login: comment.author.login,
      body: comment.body,
      isBot,
      isApprover:
        !isBot && (await isTrusted(deps.approvers, comment.author.login, comment.authorAssociation)),
      createdAt: comment.createdAt,
    });
  }
  return entries;
}

function byCreation(a: IssueComment, b: IssueComment): number {
  return Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id - b.id;
}
