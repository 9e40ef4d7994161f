import type { GitHubReader, Logger } from '@patchloop/core';
import type { ActivityFilter, DiscussionEntry } from './discussion.js';
import { discussionEntries, formatDiscussion, latestExternalActivity } from './discussion.js';
import { lookUpPermissions, readOrEmpty, tail } from './load-discussion.js';

/** The GitHub reads the PR discussion context needs. */
export type PullRequestContextReader = Pick<
  GitHubReader,
  'listIssueComments' | 'listReviews' | 'listReviewComments' | 'getCollaboratorPermission'
>;

/** Dependencies of {@link loadPullRequestDiscussion}. */
export interface PullRequestContextDeps {
  readonly reader: PullRequestContextReader;
  readonly logger: Logger;
  readonly filter: ActivityFilter;
}

/** A pull request's conversation (spec §5.3.2). */
export interface PullRequestDiscussion {
  readonly entries: readonly DiscussionEntry[];
  /** The last 10 entries formatted for a prompt (reviews show `state=`); `''` without discussion. */
  readonly discussion: string;
  readonly latestActivity: DiscussionEntry | null;
}

const pullRequestDiscussionLimit = 10;

/** Loads comments, reviews and inline comments of a PR; each failed read degrades to empty. */
export async function loadPullRequestDiscussion(
  deps: PullRequestContextDeps,
  pullNumber: number,
): Promise<PullRequestDiscussion> {
  const { reader, logger } = deps;
  const [comments, reviews, reviewComments] = await Promise.all([
    readOrEmpty(logger, 'issue_comments', () => reader.listIssueComments(pullNumber, { perPage: 100 })),
    readOrEmpty(logger, 'reviews', () => reader.listReviews(pullNumber)),
    readOrEmpty(logger, 'review_comments', () => reader.listReviewComments(pullNumber)),
  ]);
  const sources = { comments: tail(comments), reviews: tail(reviews), reviewComments: tail(reviewComments) };
  const shown = discussionEntries(sources).slice(-pullRequestDiscussionLimit);
  const permissions = await lookUpPermissions(reader, logger, shown);
  const entries = discussionEntries({ ...sources, permissions });
  return {
    entries,
    discussion: formatDiscussion(entries, { limit: pullRequestDiscussionLimit }),
    latestActivity: latestExternalActivity(entries, deps.filter),
  };
}
