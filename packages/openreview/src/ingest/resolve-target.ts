import type { EnqueueRequest, GitHubReader, Issue, PullRequest } from '@patchloop/core';
import { issueTaskRequest, pullRequestTaskRequest } from '../tasks/review-tasks.js';
import type { DiscussionTarget } from './discussion-targets.js';

/** What target resolution knows: this cycle's open PR list and a per-cycle issue cache. */
export interface TargetResolution {
  readonly reader: Pick<GitHubReader, 'getIssue'>;
  readonly openPulls: ReadonlyMap<number, PullRequest>;
  /** The open PR list was read to its end: a PR missing from it is closed. */
  readonly pullListComplete: boolean;
  readonly issueCache: Map<number, Issue>;
  readonly minIssueNumber: number;
  readonly minPullRequestNumber: number;
}

/**
 * Turns a discussion target into its task request, or `undefined` when nothing is to be done
 * (closed item, number below the threshold). Only a conversation comment on an item missing from
 * the open PR list costs a read (`GET /issues/{n}`, cached for the cycle): it may be an issue.
 */
export async function resolveTarget(
  target: DiscussionTarget,
  resolution: TargetResolution,
): Promise<EnqueueRequest | undefined> {
  const listedPull = resolution.openPulls.get(target.number);
  if (listedPull !== undefined) return pullTargetRequest(target, listedPull.updatedAt, resolution);
  if (target.origin !== 'issue_comment' && resolution.pullListComplete) return undefined;
  const issue = resolution.issueCache.get(target.number) ?? (await resolution.reader.getIssue(target.number));
  resolution.issueCache.set(target.number, issue);
  // Closed issues and PRs get no replies (weakness 12).
  if (issue.state !== 'open') return undefined;
  if (issue.isPullRequest) return pullTargetRequest(target, issue.updatedAt, resolution);
  if (target.origin !== 'issue_comment' || issue.number <= resolution.minIssueNumber) return undefined;
  return issueTaskRequest({
    number: issue.number,
    source: 'polling',
    updatedAt: issue.updatedAt,
    activity: target.activity,
    allowUnanswerableReply: false,
  });
}

function pullTargetRequest(
  target: DiscussionTarget,
  updatedAt: string,
  resolution: TargetResolution,
): EnqueueRequest | undefined {
  if (target.number <= resolution.minPullRequestNumber) return undefined;
  return pullRequestTaskRequest({
    number: target.number,
    source: 'polling',
    // Discussion tasks are versioned by the activity (as the webhook does), not by the head.
    headSha: null,
    updatedAt,
    activity: target.activity,
  });
}
