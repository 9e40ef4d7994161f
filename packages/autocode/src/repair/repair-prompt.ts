import type { BuiltPrompt } from '../planning/prompt-text.js';
import { numberedRules, section } from '../planning/prompt-text.js';
import { untrustedBlock, untrustedDataRule } from '../planning/untrusted-block.js';

/** What a repair prompt shows. */
export interface RepairPromptInput {
  readonly repository: string;
  readonly pullRequest: { readonly number: number; readonly title: string; readonly body: string };
  /** One bullet per feedback item; untrusted items are already quoted. */
  readonly feedbackLines: readonly string[];
  /** 1-based attempt within this repair. */
  readonly attempt: number;
  /** The PR's repair round this attempt belongs to. */
  readonly round: number;
  readonly repairNotes: readonly string[];
  readonly changedFiles: readonly string[];
  readonly validationCommands: readonly string[];
  readonly blockedPaths: readonly string[];
  /** The PR body was written by PatchLoop or a maintainer; otherwise it is quoted. */
  readonly trustedBody: boolean;
}

const bodyChars = 600;
const shownFiles = 15;

/**
 * The coding CLI prompt of a review-feedback repair (spec autocode-execution §3.7 step 13, in
 * English): fix exactly what the feedback asks on the PR's own branch, no history changes, the
 * feedback list (untrusted reviewers quoted), the earlier failures to avoid.
 */
export function buildRepairPrompt(input: RepairPromptInput): BuiltPrompt {
  const repairing = input.attempt > 1;
  const blocked = input.blockedPaths.map((path) => `\`${path}\``).join(', ');
  const rules = [
    'Fix only what the feedback below asks for; leave everything else as it is.',
    'Never run `git commit`, `git merge`, `git rebase`, `git push` or anything else that changes branches or history: PatchLoop commits and pushes the change itself.',
    ...(blocked === '' ? [] : [`Never create, modify or delete these blocked paths: ${blocked}.`]),
    'Never read, print or copy secrets (tokens, keys, `.env` files) into code, tests or your answer.',
    'Never delete, skip, disable or weaken existing tests; when a check fails, fix the code or the test expectation the feedback names.',
    'Run the tests related to your change and do not finish while they fail.',
    'If a request is wrong or impossible, change nothing for it and say why in your summary.',
    'Answer only with a summary of 3 to 5 lines: what you changed for which feedback, and which tests you ran.',
  ];
  const body = input.pullRequest.body.trim();
  const shortBody = body.length > bodyChars ? `${body.slice(0, bodyChars)}\n[... truncated]` : body;
  const sections = [
    `You are handling review feedback on pull request #${input.pullRequest.number} of \`${input.repository}\`, opened by PatchLoop. The workspace is the pull request's branch: edit its files directly.`,
    ...(repairing
      ? [
          `This is attempt ${input.attempt}. The workspace still holds the previous attempt's edits: build on them and first fix the failure listed under "Previous failures".`,
        ]
      : []),
    section('Hard constraints', numberedRules(rules)),
    section(
      'Pull request',
      `Title: ${input.pullRequest.title}\nRepair round: ${input.round}\n\n${input.trustedBody ? shortBody : untrustedBlock('comment', shortBody)}`,
    ),
    section(
      'Changed files so far',
      input.changedFiles
        .slice(0, shownFiles)
        .map((file) => `- \`${file}\``)
        .join('\n'),
    ),
    ...(input.repairNotes.length > 0
      ? [section('Previous failures (must avoid)', input.repairNotes.map((note) => `- ${note}`).join('\n'))]
      : []),
    section('Feedback to address', input.feedbackLines.join('\n')),
    section(
      'Validation commands that run after you finish',
      input.validationCommands.map((command) => `- \`${command}\``).join('\n'),
    ),
    'Start now. When you are done, answer only with the summary.',
  ];
  const role = repairing
    ? "You are PatchLoop's second-pass repairer. First fix the previous attempt's failure, then finish the requested changes."
    : "You are PatchLoop's review-feedback repairer. Change only what the feedback explicitly asks for.";
  return { systemPrompt: `${role}\n${untrustedDataRule}`, prompt: sections.join('\n\n') };
}
