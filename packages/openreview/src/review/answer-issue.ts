import type { CodingAgent, ContextBudget, GitHubReader, Logger } from '@patchloop/core';
import { hasWriteAccess } from '../context/discussion.js';
import { buildIssueLocalContext } from '../context/local-context.js';
import { buildIssueAnalysisPrompt } from '../prompts/issue-analysis-prompt.js';
import type { IssuePromptInfo } from '../prompts/prompt-parts.js';
import { buildUnanswerableReply } from '../publish/unanswerable-reply.js';
import type { Answer } from './answer.js';
import { askAgent } from './ask-agent.js';
import { authorPermission } from './author-permission.js';
import { classifyIssue } from './classify-issue.js';
import type { DetachedCheckoutDeps } from './detached-checkout.js';
import { withDetachedCheckout } from './detached-checkout.js';
import type { IssueQuestion } from './review-issue-task.js';

/** Dependencies of the issue answer pipeline. */
export interface IssueAnswererDeps {
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

/**
 * Answers one issue (spec §5.4) in a throwaway checkout of the default branch: local context,
 * classification (rules first, then the CLI), the analysis prompt, the CLI, and the formatter. An
 * empty or failed CLI answer is `failed` (retried by the queue), never a footer-only comment.
 */
export function createIssueAnswerer(deps: IssueAnswererDeps): (question: IssueQuestion) => Promise<Answer> {
  return (question) =>
    withDetachedCheckout(
      deps.checkout,
      { name: `issue-${question.issue.number}`, refs: [`refs/heads/${deps.defaultBranch}`] },
      async (checkout) => {
        const { issue, context } = question;
        const info: IssuePromptInfo = {
          repository: deps.repository,
          number: issue.number,
          title: issue.title,
          body: issue.body,
          labels: issue.labels,
          authorLogin: issue.author.login,
          authorAssociation: issue.authorAssociation,
          authorTrusted: hasWriteAccess(await authorPermission(deps, issue.author.login)),
        };
        const local = await buildIssueLocalContext({
          root: checkout.path,
          text: [issue.title, issue.body, context.triage, context.discussion].join('\n\n'),
          budget: deps.contextBudget,
        });
        const promptParts = {
          issue: info,
          triage: context.triage,
          discussion: context.discussion,
          localContext: local.text,
        };

        const classification = await classifyIssue({
          agent: deps.agent,
          cwd: checkout.path,
          timeoutMs: deps.timeoutMs,
          followUp: question.followUp,
          prompt: promptParts,
          signal: question.signal,
        });
        if (classification.source === 'degraded') return { kind: 'failed', reason: classification.reason };
        if (classification.classification === 'UNANSWERABLE') {
          return question.allowUnanswerableReply
            ? { kind: 'reply', body: buildUnanswerableReply(classification.reason) }
            : { kind: 'no_reply', reason: `not answerable: ${classification.reason}` };
        }

        return askAgent({
          agent: deps.agent,
          prompt: buildIssueAnalysisPrompt({ ...promptParts, followUp: question.followUp }),
          cwd: checkout.path,
          timeoutMs: deps.timeoutMs,
          kind: 'issue',
          maxLength: deps.maxCommentLength,
          signal: question.signal,
        });
      },
      async (reason) => ({ kind: 'failed', reason: `no checkout of ${deps.defaultBranch}: ${reason}` }),
    );
}
