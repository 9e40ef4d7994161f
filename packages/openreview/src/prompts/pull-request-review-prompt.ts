import { defaultPromptBudget, fitPromptBudget } from './prompt-budget.js';
import type { BuiltPrompt } from './prompt-parts.js';
import { numberedRules, section, systemPromptFor } from './prompt-parts.js';
import type { PullRequestBudgetParts, PullRequestPromptInfo } from './pull-request-prompt-parts.js';
import {
  pullRequestInfoBlocks,
  pullRequestTrimOrder,
  sharedPullRequestRules,
} from './pull-request-prompt-parts.js';

/** Inputs of {@link buildPullRequestReviewPrompt}. */
export interface PullRequestReviewPromptInput extends PullRequestBudgetParts {
  readonly pull: PullRequestPromptInfo;
  /** Repository-specific review rules from the configuration, appended after the built-in ones. */
  readonly extraRules?: readonly string[];
  readonly maxChars?: number;
}

const role = 'You are a pull request reviewer. Output only the final review: no thinking, no tool traces.';

const reviewRules = [
  'Follow the guidance from AGENTS.md in the local context when there is some.',
  'Give top-level verdicts first, in the exact output format below.',
  'Base the review on the checked-out head, the complete file list and the merge-base diff; the excerpt is only a summary, so read the files when the excerpt is not enough.',
  'Report real risks before template gaps.',
  'Order problems by priority: correctness > compatibility and migration > validation gaps > documentation.',
  'Say "documentation may need an update" only when a changed behaviour is documented somewhere; do not demand docs for internal changes.',
  'When the change extends an existing pattern of the repository, say so instead of questioning the pattern.',
  'Optionally tag each problem with one of `[Correctness blocker]`, `[Process blocker]`, `[Nice to have]`.',
  'State your confidence (high, medium, low) for problems you could not verify.',
  'If there is no blocking problem, say exactly "Main problems: no blocking problems found".',
];

const outputFormat = [
  '- Necessity: <why this change is or is not needed>',
  '- Linked issue: <issue numbers, or "none">',
  '- PR type: <bug fix | feature | refactor | docs | test | chore>',
  '- Description completeness: <complete | partial | missing, with what is missing>',
  '- Ready to merge: <yes | no | after fixes>',
  '',
  'Main problems:',
  '1. <problem, with file and evidence>',
  '2. <...>',
  '',
  'or, when there is none: Main problems: no blocking problems found',
].join('\n');

/** The PR review prompt (§5.6, §5.7): five labelled verdicts, then the main problems list. */
export function buildPullRequestReviewPrompt(input: PullRequestReviewPromptInput): BuiltPrompt {
  const systemPrompt = systemPromptFor(role);
  const rules = [...reviewRules, ...sharedPullRequestRules, ...(input.extraRules ?? [])];
  const fitted = fitPromptBudget({
    parts: { localContext: input.localContext, diffExcerpt: input.diffExcerpt, discussion: input.discussion },
    trimOrder: pullRequestTrimOrder,
    budget: (input.maxChars ?? defaultPromptBudget) - systemPrompt.length,
    render: (parts) =>
      [
        `Review pull request #${input.pull.number} of ${input.pull.repository}.`,
        section('Review rules', numberedRules(rules)),
        section('Output format (use these English labels exactly)', outputFormat),
        pullRequestInfoBlocks(input.pull, parts),
      ].join('\n\n'),
  });
  return { systemPrompt, prompt: fitted.text, trimmed: fitted.trimmed };
}
