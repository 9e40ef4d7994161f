import type { CodingAgent, ContextBudget, GitHubReader, Logger } from '@patchloop/core';
import { summarizeCi } from '../context/ci-status.js';
import { buildDiffSnapshot } from '../context/diff-snapshot.js';
import { hasWriteAccess } from '../context/discussion.js';
import { buildPullRequestLocalContext } from '../context/local-context.js';
import { reviewFacts } from '../context/runtime-facts.js';
import { buildPullRequestFollowUpPrompt } from '../prompts/pull-request-follow-up-prompt.js';
import type { PullRequestPromptInfo } from '../prompts/pull-request-prompt-parts.js';
import { buildPullRequestReviewPrompt } from '../prompts/pull-request-review-prompt.js';
import type { Answer } from './answer.js';
import { askAgent } from './ask-agent.js';
import { authorPermission } from './author-permission.js';
import type { DetachedCheckoutDeps } from './detached-checkout.js';
import { withDetachedCheckout } from './detached-checkout.js';
import type { PullRequestQuestion } from './review-pull-request-task.js';

/** Dependencies of the pull request review pipeline. */
export interface PullRequestReviewerDeps {
  readonly agent: CodingAgent;
  readonly reader: Pick<GitHubReader, 'getCollaboratorPermission'>;
  readonly checkout: DetachedCheckoutDeps;
  /** `owner/name`. */
  readonly repository: string;
  readonly defaultBranch: string;
  readonly timeoutMs: number;
  readonly maxCommentLength: number;
  readonly contextBudget: ContextBudget;
  readonly logger: Logger;
}

// Replaces the discussion when a definitive CI failure, not a comment, triggered the follow-up.
const ciFailureNote =
  'CI failed on the reviewed head since the last review. Point at the likely cause in the changed code and what to fix; do not only say "wait for CI".';

/**
 * Reviews one pull request (spec §5.7) in a throwaway checkout of its exact head: merge-base diff,
 * local context, structured facts, the review or follow-up prompt, the CLI, and the formatter. A
 * head or base that cannot be prepared, or an empty CLI answer, is `failed` and retried later.
 */
export function createPullRequestReviewer(
  deps: PullRequestReviewerDeps,
): (question: PullRequestQuestion) => Promise<Answer> {
  return (question) => {
    const { pull } = question;
    return withDetachedCheckout(
      deps.checkout,
      {
        name: `pr-${pull.number}-${pull.headSha.slice(0, 12)}`,
        sha: pull.headSha,
        refs: [`refs/pull/${pull.number}/head`, `refs/heads/${pull.headRef}`],
      },
      async (checkout) => {
        const diff = await buildDiffSnapshot({
          git: checkout.git,
          worktreePath: checkout.path,
          baseRef: pull.baseRef,
          defaultBranch: deps.defaultBranch,
        });
        if (diff.status === 'blocked') return { kind: 'blocked', reason: diff.reason };
        const { snapshot } = diff;
        if (snapshot.changedFiles.length === 0) return { kind: 'no_reply', reason: 'no changed files' };

        const local = await buildPullRequestLocalContext({
          root: checkout.path,
          changedFiles: snapshot.changedFiles,
          budget: deps.contextBudget,
        });
        const info: PullRequestPromptInfo = {
          repository: deps.repository,
          number: pull.number,
          title: pull.title,
          body: pull.body,
          authorLogin: pull.author.login,
          authorTrusted: hasWriteAccess(await authorPermission(deps, pull.author.login)),
          baseRef: pull.baseRef,
          headSha: pull.headSha,
          changedFiles: snapshot.changedFiles,
          facts: reviewFacts({
            pull,
            changedFiles: snapshot.changedFiles,
            ci: question.ci,
            snapshot: { ...snapshot, fileListSource: `git diff ${snapshot.mergeBase.slice(0, 12)}..HEAD` },
          }),
          diffStat: snapshot.stat,
        };
        const parts = {
          pull: info,
          localContext: local.text,
          diffExcerpt: snapshot.excerpt,
          discussion:
            question.mode === 'ci_failure'
              ? `${ciFailureNote}\nCI: ${summarizeCi(question.ci.details)}`
              : question.discussion.discussion,
        };
        const initial = question.mode === 'initial';
        return askAgent({
          agent: deps.agent,
          prompt: initial ? buildPullRequestReviewPrompt(parts) : buildPullRequestFollowUpPrompt(parts),
          cwd: checkout.path,
          timeoutMs: deps.timeoutMs,
          kind: initial ? 'review' : 'follow_up',
          maxLength: deps.maxCommentLength,
          signal: question.signal,
        });
      },
      async (reason) => ({ kind: 'blocked', reason }),
    );
  };
}
