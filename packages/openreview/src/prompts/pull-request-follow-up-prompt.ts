import { defaultPromptBudget, fitPromptBudget } from './prompt-budget.js';
import type { BuiltPrompt } from './prompt-parts.js';
import { numberedRules, section, systemPromptFor } from './prompt-parts.js';
import type { PullRequestBudgetParts, PullRequestPromptInfo } from './pull-request-prompt-parts.js';
import {
  pullRequestInfoBlocks,
  pullRequestTrimOrder,
  sharedPullRequestRules,
} from './pull-request-prompt-parts.js';

/** Inputs of {@link buildPullRequestFollowUpPrompt}; the discussion is the reason for the follow-up. */
export interface PullRequestFollowUpPromptInput extends PullRequestBudgetParts {
  readonly pull: PullRequestPromptInfo;
  readonly extraRules?: readonly string[];
  readonly maxChars?: number;
}

const role =
  'You are a pull request reviewer continuing an earlier review. Output only the final follow-up: no thinking, no tool traces.';

const followUpRules = [
  'Continue the review: judge whether the latest reply or change in the discussion is right.',
  'When the latest reply is right, concede plainly and drop the point.',
  'Focus only on the new point in dispute; do not repeat the whole review.',
  'Answer "Still blocking: yes" only for a correctness or compatibility problem that is still present; `mergeable_state=blocked` alone is not a reason for "yes".',
  'When the author answers a docs-only process remark (rollback plan, changelog, tests) for a documentation-only change, concede it.',
  'Re-check external facts (model names, APIs, base URLs, deprecations) only against sources given in the discussion or the repository.',
];

const outputFormat = [
  '- Conclusion: <accept | partially | not> (whether the latest reply resolves the point)',
  '- Still blocking: <yes | no>',
  '',
  'Notes:',
  '1. <short explanation, with file and evidence>',
  '2. <...>',
  '',
  'The Notes list is optional.',
].join('\n');

/** The PR follow-up prompt (§5.6): Conclusion, Still blocking, optional Notes, about the latest discussion. */
export function buildPullRequestFollowUpPrompt(input: PullRequestFollowUpPromptInput): BuiltPrompt {
  const systemPrompt = systemPromptFor(role);
  const rules = [...followUpRules, ...sharedPullRequestRules, ...(input.extraRules ?? [])];
  const fitted = fitPromptBudget({
    parts: { localContext: input.localContext, diffExcerpt: input.diffExcerpt, discussion: input.discussion },
    trimOrder: pullRequestTrimOrder,
    budget: (input.maxChars ?? defaultPromptBudget) - systemPrompt.length,
    render: (parts) =>
      [
        `Continue reviewing pull request #${input.pull.number} of ${input.pull.repository} after new discussion or a CI change.`,
        section('Follow-up rules', numberedRules(rules)),
        section('Output format (use these English labels exactly)', outputFormat),
        pullRequestInfoBlocks(input.pull, parts),
      ].join('\n\n'),
  });
  return { systemPrompt, prompt: fitted.text, trimmed: fitted.trimmed };
}
