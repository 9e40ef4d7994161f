import type { GitHubReader, Issue, Logger } from '@patchloop/core';
import type { ActivityFilter, DiscussionEntry } from './discussion.js';
import { discussionEntries, formatDiscussion, latestExternalActivity } from './discussion.js';
import type { DuplicateMatch } from './duplicates.js';
import { detectDuplicates } from './duplicates.js';
import { lookUpPermissions, readOrEmpty, tail } from './load-discussion.js';
import type { RelatedPullRequest } from './related-work.js';
import { formatTriageContext, relatedFromPullRequest, relatedFromSearch } from './related-work.js';
import { referencePullRequestsQuery, topicQuery } from './search-terms.js';

/** The GitHub reads the issue context needs. */
export type IssueContextReader = Pick<
  GitHubReader,
  'listIssueComments' | 'searchIssues' | 'getPullRequest' | 'getCollaboratorPermission'
>;

/** Dependencies of {@link loadIssueContext}. */
export interface IssueContextDeps {
  readonly reader: IssueContextReader;
  /** `owner/name`. */
  readonly repo: string;
  readonly logger: Logger;
  readonly filter: ActivityFilter;
}

/** Everything GitHub tells about an issue's surroundings (spec §5.3.1). */
export interface IssueContext {
  readonly entries: readonly DiscussionEntry[];
  /** The last 8 entries formatted for a prompt; `''` without discussion. */
  readonly discussion: string;
  readonly latestActivity: DiscussionEntry | null;
  /** Latest comment time over all authors, bots included. */
  readonly latestCommentAt: string | null;
  readonly duplicates: readonly DuplicateMatch[];
  readonly similarIssues: readonly Issue[];
  readonly relatedPullRequests: readonly RelatedPullRequest[];
  /** The triage block for prompts; `''` when nothing was found. */
  readonly triage: string;
}

const issueDiscussionLimit = 8;
const searchPageSize = 20;
const maxRelatedPullRequests = 6;

/**
 * Loads an issue's discussion and triage clues. Each read degrades to empty with a warning. It makes
 * at most two search requests (GitHub allows 30 a minute, weakness 20): one kind-less topic search
 * that yields both similar issues and related PRs, and one for PRs mentioning `#<n>`.
 */
export async function loadIssueContext(
  deps: IssueContextDeps,
  issue: Pick<Issue, 'number' | 'title' | 'body'>,
): Promise<IssueContext> {
  const { reader, logger } = deps;
  const queryInput = { repo: deps.repo, title: issue.title, body: issue.body };
  const [comments, topicHits, referenceHits] = await Promise.all([
    readOrEmpty(logger, 'issue_comments', () => reader.listIssueComments(issue.number, { perPage: 100 })),
    readOrEmpty(logger, 'topic_search', () =>
      reader.searchIssues(topicQuery(queryInput), { perPage: searchPageSize }),
    ),
    readOrEmpty(logger, 'reference_search', () =>
      reader.searchIssues(referencePullRequestsQuery(deps.repo, issue.number), { perPage: searchPageSize }),
    ),
  ]);
  const recent = tail(comments);
  const unsortedEntries = discussionEntries({ comments: recent });
  const permissions = await lookUpPermissions(reader, logger, unsortedEntries.slice(-issueDiscussionLimit));
  const entries = discussionEntries({ comments: recent, permissions });

  const similarIssues = topicHits.filter((hit) => !hit.isPullRequest && hit.number !== issue.number);
  const duplicates = detectDuplicates(issue, similarIssues);
  const relatedPullRequests = await enrichPullRequests(
    deps,
    uniqueByNumber([...referenceHits, ...topicHits.filter((hit) => hit.isPullRequest)]).slice(
      0,
      maxRelatedPullRequests,
    ),
  );
  return {
    entries,
    discussion: formatDiscussion(entries, { limit: issueDiscussionLimit }),
    latestActivity: latestExternalActivity(entries, deps.filter),
    latestCommentAt: latestTime(recent.map((comment) => comment.updatedAt || comment.createdAt)),
    duplicates,
    similarIssues,
    relatedPullRequests,
    triage: formatTriageContext({
      currentNumber: issue.number,
      duplicates,
      similarIssues,
      relatedPullRequests,
    }),
  };
}

function uniqueByNumber(hits: readonly Issue[]): Issue[] {
  const byNumber = new Map<number, Issue>();
  for (const hit of hits) {
    if (hit.isPullRequest && !byNumber.has(hit.number)) byNumber.set(hit.number, hit);
  }
  return [...byNumber.values()];
}

async function enrichPullRequests(
  deps: IssueContextDeps,
  hits: readonly Issue[],
): Promise<RelatedPullRequest[]> {
  return Promise.all(
    hits.map(async (hit) => {
      try {
        return relatedFromPullRequest(await deps.reader.getPullRequest(hit.number));
      } catch (error) {
        deps.logger.warn(
          { err: error, pullNumber: hit.number },
          'related PR read failed; keeping the search hit',
        );
        return relatedFromSearch(hit);
      }
    }),
  );
}

function latestTime(times: readonly string[]): string | null {
  let latest: string | null = null;
  for (const time of times) {
    if (time !== '' && (latest === null || Date.parse(time) > Date.parse(latest))) latest = time;
  }
  return latest;
}
