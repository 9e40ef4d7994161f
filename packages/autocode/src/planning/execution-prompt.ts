import type { TaskType } from '../config/policy-settings.js';
import type { ExecutionPlan } from './issue-plan.js';
import { planToJson } from './parse-issue-plan.js';
import type { BuiltPrompt, PromptIssue } from './prompt-text.js';
import { fenced, issueText, numberedRules, section } from './prompt-text.js';
import { untrustedDataRule } from './untrusted-block.js';

/** What the executor prompt is built from. */
export interface ExecutionPromptInput {
  /** `owner/name`. */
  readonly repository: string;
  readonly issue: PromptIssue;
  readonly taskType: TaskType;
  readonly plan: ExecutionPlan;
  /** 1 for the first run of the CLI, 2 and up for repair attempts. */
  readonly attempt: number;
  /** Notes from earlier failures, oldest first; the last 3 are shown. */
  readonly repairNotes: readonly string[];
  /** The validation command lines that run after the CLI, in order. */
  readonly validationCommands: readonly string[];
  /** Size budgets of the patch; 0 means no budget. */
  readonly limits: {
    readonly maxChangedFiles: number;
    readonly maxAddedLines: number;
    readonly maxDeletedLines: number;
  };
  /** Path prefixes the patch may never touch (a trailing `/` is a directory). */
  readonly blockedPaths: readonly string[];
  /** Whether the issue author may approve work; if not, title and body are untrusted data. */
  readonly trustedAuthor: boolean;
  /** Excerpts of the worktree relevant to the issue, already rendered; absent when none. */
  readonly localContext?: string;
}

const shownRepairNotes = 3;
const noteReasonChars = 800;
const docExtensions = ['.md', '.mdx', '.rst', '.txt'];
const docPrefixes = ['docs/', 'doc/', 'README', 'readme', 'deploy/', 'examples/'];

/**
 * The coding CLI prompt for one attempt (spec autocode-execution §2.8, in English): hard
 * constraints, earlier failures to avoid, the task, the approved plan, the paths to touch and
 * the validation that follows. Repair attempts get the repairer system prompt.
 */
export function buildExecutionPrompt(input: ExecutionPromptInput): BuiltPrompt {
  const repairing = input.attempt > 1;
  const pathsOnly = isDocumentationPathSet(input.plan.estimatedFiles);
  const notes = input.repairNotes.slice(-shownRepairNotes).map((note) => `- ${note}`);
  const opening = [
    `You are executing an automated coding task for the repository \`${input.repository}\`. Edit the files of the current workspace directly.`,
    ...(repairing
      ? [
          `This is attempt ${input.attempt}. The workspace still holds the edits of the previous attempt: build on them and first fix the failure listed under "Previous failures".`,
        ]
      : []),
  ].join('\n');
  const sections = [
    opening,
    section('Hard constraints', numberedRules(hardConstraints(input, pathsOnly))),
    ...(notes.length > 0 ? [section('Previous failures (must avoid)', notes.join('\n'))] : []),
    section(
      'Task',
      `Task type: ${input.taskType}\nIssue: #${input.issue.number}\n\n${issueText(input.issue, input.trustedAuthor)}`,
    ),
    section('Approved plan', fenced(planToJson(input.plan), 'json')),
    allowedPathsSection(input.plan.estimatedFiles, pathsOnly),
    section(
      'Validation commands that run after you finish',
      input.validationCommands.map((command) => `- \`${command}\``).join('\n'),
    ),
    ...(input.localContext?.trim() ? [section('Local code context', input.localContext)] : []),
    'Start now. When you are done, answer only with the summary.',
  ];
  return { systemPrompt: systemPromptFor(repairing), prompt: sections.join('\n\n') };
}

function systemPromptFor(repairing: boolean): string {
  const role = repairing
    ? "You are PatchLoop's restricted repairer. First fix the failure reason of the previous attempt, change nothing else that is not needed, and answer with a short summary."
    : "You are PatchLoop's restricted executor. Modify only the files the task needs and answer with a short summary.";
  return `${role}\n${untrustedDataRule}`;
}

function hardConstraints(input: ExecutionPromptInput, pathsOnly: boolean): string[] {
  const { maxChangedFiles, maxAddedLines, maxDeletedLines } = input.limits;
  const blocked = input.blockedPaths.map((path) => `\`${path}\``).join(', ');
  return [
    'Never run `git commit`, `git merge`, `git rebase`, `git push` or anything else that changes branches or history: PatchLoop inspects, commits and pushes the change itself.',
    ...(blocked === '' ? [] : [`Never create, modify or delete these blocked paths: ${blocked}.`]),
    'Never read, print or copy secrets (tokens, keys, `.env` files) into code, tests or your answer.',
    'Keep the change minimal and within the scope of the task.',
    'Every code change comes with new or updated tests. Never delete, skip, disable or weaken existing tests.',
    'Run the tests directly related to your change and do not finish while they fail.',
    'Do not break public interfaces, import paths, CLI arguments or exports; if a change is unavoidable, update every call site and add regression tests.',
    'Do not add stricter runtime prerequisites (new services, tools or settings) without a fallback.',
    ...(maxChangedFiles > 0 ? [`Change at most ${maxChangedFiles} files.`] : []),
    ...(maxAddedLines > 0 ? [`Add at most ${maxAddedLines} lines.`] : []),
    ...(maxDeletedLines > 0 ? [`Delete at most ${maxDeletedLines} lines.`] : []),
    ...(input.taskType === 'todo_refactor'
      ? ['For documentation, trim, merge and correct existing text rather than adding more of it.']
      : []),
    ...(input.taskType === 'todo_refactor' && pathsOnly
      ? ['Do not touch anything outside the documentation paths listed below.']
      : []),
    'Answer only with a summary of 3 to 8 lines: what you changed and which tests you ran.',
  ];
}

// Spec §2.8: a plan made only of documentation-like paths is a hard scope, anything else a hint.
function isDocumentationPathSet(paths: readonly string[]): boolean {
  return (
    paths.length > 0 &&
    paths.every(
      (path) =>
        docExtensions.some((extension) => path.toLowerCase().endsWith(extension)) ||
        docPrefixes.some((prefix) => path.startsWith(prefix)),
    )
  );
}

function allowedPathsSection(paths: readonly string[], pathsOnly: boolean): string {
  if (paths.length === 0) {
    return section('Files to change', 'Relevant files in the repository: decide from the code.');
  }
  const heading = pathsOnly ? 'Only these paths may be modified' : 'Preferred paths';
  return section(heading, paths.map((path) => `- \`${path}\``).join('\n'));
}

/**
 * The note fed to the next attempt after attempt `attempt` failed at `stage` (spec §2.9 step 4):
 * `Attempt <k> failed at <stage>: <reason>`, whitespace collapsed, the reason cut to 800 chars.
 */
export function repairNote(attempt: number, stage: string, reason: string): string {
  const flat = reason.replace(/\s+/g, ' ').trim();
  const cut = flat.length > noteReasonChars ? `${flat.slice(0, noteReasonChars - 3)}...` : flat;
  return `Attempt ${attempt} failed at ${stage}: ${cut}`;
}
