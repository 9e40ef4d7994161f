import type { BuiltPrompt } from '../planning/prompt-text.js';
import { numberedRules, section } from '../planning/prompt-text.js';

/**
 * The coding CLI prompt for resolving the conflicts of one rebase step: keep both sides' intent,
 * remove every conflict marker, touch nothing else, run no git command.
 */
export function buildConflictPrompt(input: {
  readonly repository: string;
  readonly pullNumber: number;
  readonly baseBranch: string;
  readonly files: readonly string[];
}): BuiltPrompt {
  const prompt = [
    `Pull request #${input.pullNumber} of \`${input.repository}\` is being rebased onto the latest \`${input.baseBranch}\`, and git stopped on conflicts. Resolve them in the workspace.`,
    section(
      'Hard constraints',
      numberedRules([
        'Edit only the conflicted files listed below.',
        "Keep the intent of both sides: the pull request's change applied on top of the new base.",
        'Remove every conflict marker (`<<<<<<<`, `=======`, `>>>>>>>`).',
        'Never run git commands: PatchLoop stages the files and continues the rebase itself.',
        'Answer with a 2-4 line summary of how you resolved each file.',
      ]),
    ),
    section('Conflicted files', input.files.map((file) => `- \`${file}\``).join('\n')),
  ].join('\n\n');
  return {
    systemPrompt:
      "You are PatchLoop's conflict resolver. Resolve the listed merge conflicts and change nothing else.",
    prompt,
  };
}
