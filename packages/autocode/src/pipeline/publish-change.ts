import type {
  GitHubReader,
  GitHubRepositoryWriter,
  Issue,
  Logger,
  PullRequest,
  Worktree,
} from '@patchloop/core';
import type { LimitSettings } from '../config/limit-settings.js';
import type { IssuePlan } from '../planning/issue-plan.js';
import { issueCommitMessage } from '../publish/commit-message.js';
import { checkOpenPrCap, findExistingPullRequest } from '../publish/open-pull-requests.js';
import { buildPrBody } from '../publish/pr-body.js';
import { buildPrTitle, shouldKeepExistingPrTitle } from '../publish/pr-title.js';
import type { ImplementationResult } from './implement-in-worktree.js';

/** How publishing ended. */
export type PublishResult =
  | {
      readonly kind: 'dry_run';
      readonly branch: string;
      readonly title: string;
      readonly body: string;
      /** The would-be diff against the base, capped. */
      readonly diff: string;
      readonly diffTruncated: boolean;
    }
  | {
      readonly kind: 'published';
      readonly branch: string;
      readonly title: string;
      readonly pullRequest: Pick<PullRequest, 'number' | 'htmlUrl' | 'draft' | 'headSha'>;
      readonly created: boolean;
      readonly commitSha: string;
    }
  /** The open-PR cap is reached: nothing was pushed. */
  | { readonly kind: 'capped'; readonly reason: string; readonly count: number };

/** What publishing needs. */
export interface PublishDeps {
  readonly reader: Pick<GitHubReader, 'listPullRequests'>;
  readonly writer: Pick<GitHubRepositoryWriter, 'createPullRequest' | 'updatePullRequest'>;
  readonly dryRun: boolean;
  /** `owner/name`: pull requests from forks are never ours. */
  readonly repository: string;
  readonly branchPrefix: string;
  readonly limits: Pick<LimitSettings, 'maxChangedFiles' | 'maxAddedLines' | 'maxDeletedLines'>;
  readonly maxOpenPullRequests: number;
  readonly forceDraft: boolean;
  readonly validationCommands: readonly string[];
  readonly maxPreviewChars?: number;
  readonly logger: Logger;
}

/**
 * Commits, pushes and opens (or updates) the PR — spec autocode-execution §2.12-2.14 with the
 * open-PR cap checked before anything is pushed (weakness 14). One listing of open PRs serves both
 * the "already has a PR" lookup and the cap, so an approved issue costs few requests. Under
 * DRY_RUN nothing is committed, pushed or sent: the result carries the diff, title and body.
 */
export async function publishChange(
  deps: PublishDeps,
  input: {
    readonly worktree: Worktree;
    readonly base: string;
    readonly issue: Pick<Issue, 'number' | 'title' | 'labels'>;
    readonly plan: IssuePlan;
    readonly ready: Extract<ImplementationResult, { kind: 'ready' }>;
    readonly explicit: boolean;
  },
): Promise<PublishResult> {
  const { worktree, issue, plan, ready } = input;
  const taskType = plan.triage.taskType;
  const title = buildPrTitle({
    taskType,
    issueTitle: issue.title,
    issueNumber: issue.number,
    planGoal: plan.plan.goal,
  });
  const body = buildPrBody({
    issue: { number: issue.number, title: issue.title },
    taskType,
    labels: issue.labels,
    plan: plan.plan,
    inspection: ready.inspection,
    validation: ready.validation,
    validationCommands: deps.validationCommands,
    explicit: input.explicit,
    agentSummary: ready.agentSummary,
    limits: deps.limits,
  });

  if (deps.dryRun) {
    const limit = deps.maxPreviewChars ?? 20_000;
    const truncated = ready.diff.patch.length > limit;
    return {
      kind: 'dry_run',
      branch: worktree.branch,
      title,
      body,
      diff: truncated ? `${ready.diff.patch.slice(0, limit)}\n[... diff truncated ...]` : ready.diff.patch,
      diffTruncated: truncated,
    };
  }

  const open = await deps.reader.listPullRequests({ state: 'open', perPage: 100, maxPages: 10 });
  const existing = findExistingPullRequest(open, {
    headBranch: worktree.branch,
    base: input.base,
    repoFullName: deps.repository,
  });
  if (existing === undefined) {
    const cap = checkOpenPrCap({
      prs: open,
      cap: deps.maxOpenPullRequests,
      branchPrefix: deps.branchPrefix,
      repoFullName: deps.repository,
    });
    if (!cap.ok) return { kind: 'capped', reason: cap.reason, count: cap.count };
  }

  const commit = await worktree.commitAll({
    message: issueCommitMessage({ taskType, issueNumber: issue.number, title: issue.title }),
  });
  await worktree.push({ branch: worktree.branch });

  if (existing !== undefined) {
    const keepTitle = shouldKeepExistingPrTitle(existing.title, taskType, issue.number);
    const updated = keepTitle
      ? existing
      : await deps.writer.updatePullRequest({ pullNumber: existing.number, title });
    deps.logger.info({ issue: issue.number, pr: existing.number }, 'Updated the existing pull request');
    return {
      kind: 'published',
      branch: worktree.branch,
      title: keepTitle ? existing.title : title,
      pullRequest: updated,
      created: false,
      commitSha: commit.sha,
    };
  }
  const created = await deps.writer.createPullRequest({
    title,
    body,
    head: worktree.branch,
    base: input.base,
    draft: deps.forceDraft,
  });
  deps.logger.info({ issue: issue.number, pr: created.number }, 'Opened a pull request');
  return {
    kind: 'published',
    branch: worktree.branch,
    title,
    pullRequest: created,
    created: true,
    commitSha: commit.sha,
  };
}
