// The sections of an issue PR's body (spec §2.15), each rendered from plain data. English
// wording replaces the original's Chinese; headings keep the original's English titles.

import type { TaskType } from '../config/policy-settings.js';
import type { InspectionReport } from '../inspection/inspection-report.js';
import type { ExecutionPlan } from '../planning/issue-plan.js';
import { summarizeValidation } from '../validation/summaries.js';
import { formatValidationCommand } from '../validation/validation-commands.js';
import type { ValidationReport } from '../validation/validation-report.js';
import {
  capText,
  codeSpan,
  defuseGitHubText,
  fencedBlock,
  multiLine,
  singleLine,
  untrustedLine,
} from './markdown-text.js';

/** The PR type checkboxes, in the order the template lists them. */
export const prTypes = ['fix', 'feat', 'refactor', 'docs', 'chore', 'test'] as const;
/** One of {@link prTypes}. */
export type PrType = (typeof prTypes)[number];

const scopeListMax = 12;
const docListMax = 6;
const riskListMax = 6;
const rollbackListMax = 4;
const assumptionsMax = 4;
const lineMax = 500;
/** Cap of the agent's summary quoted in the body. */
export const agentSummaryMax = 1_500;

/** Which documentation files a change touches (README at any level, any CHANGELOG, `docs/`). */
export interface DocumentationChange {
  readonly files: readonly string[];
  readonly hasChangelog: boolean;
  /** A README or a `docs/` page other than `docs/changelog.md`. */
  readonly hasUserDoc: boolean;
}

/** Classifies the changed paths that count as documentation for the PR body. */
export function documentationChange(paths: readonly string[]): DocumentationChange {
  const files = paths.filter(
    (path) => isReadme(path) || isChangelog(path) || path.toLowerCase().startsWith('docs/'),
  );
  return {
    files,
    hasChangelog: files.some(isChangelog),
    hasUserDoc: files.some(
      (path) =>
        isReadme(path) ||
        (path.toLowerCase().startsWith('docs/') && path.toLowerCase() !== 'docs/changelog.md'),
    ),
  };
}

/** Docs or test labels win, then an all-test change, then the task type. */
export function resolvePrType(
  taskType: TaskType | undefined,
  labels: readonly string[],
  inspection: InspectionReport,
): PrType {
  const lower = labels.map((label) => label.trim().toLowerCase());
  if (lower.includes('documentation') || lower.includes('docs')) return 'docs';
  const tests = new Set(inspection.testFilesChanged);
  const onlyTests =
    inspection.changedFiles.length > 0 && inspection.changedFiles.every((file) => tests.has(file.path));
  if (lower.includes('test') || lower.includes('tests') || onlyTests) return 'test';
  if (taskType === 'bug_fix') return 'fix';
  if (taskType === 'small_feature' || taskType === 'high_risk_feature') return 'feat';
  return taskType === 'todo_refactor' ? 'refactor' : 'chore';
}

/** `## PR Type`: one checkbox per type, the resolved one checked. */
export function prTypeSection(type: PrType): string[] {
  return ['## PR Type', ...prTypes.map((candidate) => `- [${candidate === type ? 'x' : ' '}] ${candidate}`)];
}

/** `## Background And Problem`: the goal, the size of the change and what triggered it. */
export function backgroundSection(input: {
  issue: { number: number; title: string };
  goal: string;
  inspection: InspectionReport;
  explicit: boolean;
}): string[] {
  const problem =
    untrustedLine(input.goal, lineMax) ||
    untrustedLine(input.issue.title, lineMax) ||
    `see issue #${input.issue.number}`;
  const count = input.inspection.changedFiles.length;
  const trigger = input.explicit ? 'an explicit implement request' : 'automatic issue execution';
  return [
    '## Background And Problem',
    `- Current problem: ${problem}`,
    `- Impact: this change touches ${count} ${count === 1 ? 'file' : 'files'}, diff \`+${input.inspection.addedLines} / -${input.inspection.deletedLines}\`.`,
    `- Trigger: ${trigger} (Issue #${input.issue.number}).`,
  ];
}

/** `## Scope Of Change`: up to 12 paths, then a count of the rest. */
export function scopeSection(paths: readonly string[]): string[] {
  const lines = paths.slice(0, scopeListMax).map((path) => `- ${codeSpan(path)}`);
  if (paths.length > scopeListMax) lines.push(`- ... and ${paths.length - scopeListMax} more files`);
  return ['## Scope Of Change', ...(lines.length === 0 ? ['- none'] : lines)];
}

/** `## Documentation And Changelog`: which docs changed, or a reminder that none did. */
export function documentationSection(docs: DocumentationChange): string[] {
  if (docs.files.length === 0) {
    return [
      '## Documentation And Changelog',
      '- README, docs and CHANGELOG were not updated; update them if user-visible behaviour changed.',
    ];
  }
  const lines = [`- Docs/changelog updated: ${docs.files.slice(0, docListMax).map(codeSpan).join(', ')}`];
  if (docs.files.length > docListMax)
    lines.push(`- ... and ${docs.files.length - docListMax} more documentation files`);
  if (!docs.hasChangelog) lines.push('- No CHANGELOG was updated.');
  if (!docs.hasUserDoc) lines.push('- No README or topic document was updated.');
  return ['## Documentation And Changelog', ...lines];
}

/** `## Issue Link`: the closing reference that links the PR to its issue. */
export function issueLinkSection(issueNumber: number): string[] {
  return ['## Issue Link', `Closes #${issueNumber}`];
}

/**
 * `## Verification Commands And Results`: the commands that ran, configured ones that did not
 * run as comments, and the summary (steps that did not pass are explained in the policy report).
 */
export function verificationSection(validation: ValidationReport, configured: readonly string[]): string[] {
  const ran = validation.steps.map((step) => formatValidationCommand(step.command));
  const ranKeys = new Set(ran.map(commandKey));
  const notRun = configured
    .map((command) => singleLine(command))
    .filter((command) => command !== '' && !ranKeys.has(commandKey(command)));
  const block =
    ran.length === 0 && notRun.length === 0
      ? ['# no validation commands recorded']
      : [...ran, ...notRun.map((command) => `# not run: ${command}`)];
  return [
    '## Verification Commands And Results',
    fencedBlock('bash', block),
    '',
    'Key output & conclusion:',
    `- ${summarizeValidation(validation)}`,
  ];
}

/** Compares command lines regardless of the quoting style they were written in. */
function commandKey(line: string): string {
  return line.replace(/["']/g, '').replace(/\\s+/g, ' ').trim();
}

/** `## Compatibility And Risk`: the plan's risk with the files to look at, and its assumptions. */
export function riskSection(plan: ExecutionPlan, paths: readonly string[]): string[] {
  const files = paths.length === 0 ? 'none' : paths.slice(0, riskListMax).map(codeSpan).join(', ');
  const risk =
    plan.riskLevel === 'high'
      ? `- **High**: review the scope, test coverage and release impact carefully. Files: ${files}`
      : plan.riskLevel === 'medium'
        ? `- **Medium**: review file by file. Files: ${files}`
        : `- **Low**: a contained change. Files: ${files}`;
  const assumptions = plan.assumptions
    .slice(0, assumptionsMax)
    .map((item) => `  - ${untrustedLine(item, lineMax)}`);
  return [
    '## Compatibility And Risk',
    risk,
    ...(assumptions.length > 0 ? ['- Assumptions:', ...assumptions] : []),
  ];
}

/** `## Rollback Plan`: revert the merge commit. */
export function rollbackSection(paths: readonly string[]): string[] {
  const files =
    paths.length === 0
      ? ''
      : ` It touches ${paths.slice(0, rollbackListMax).map(codeSpan).join(', ')}${paths.length > rollbackListMax ? ' and more' : ''}.`;
  return ['## Rollback Plan', `- Revert the merge commit of this PR.${files}`];
}

/** `## Acceptance Criteria`: the plan's criteria, or the default one. */
export function acceptanceSection(criteria: readonly string[]): string[] {
  const lines = criteria.map((item) => untrustedLine(item, lineMax)).filter((item) => item !== '');
  return [
    '## Acceptance Criteria',
    ...(lines.length === 0
      ? ['- The problem in the issue is fixed and local validation passes.']
      : lines.map((item) => `- ${item}`)),
  ];
}

/** `## Notes` for a high-risk plan or one that asked for human approval; empty otherwise. */
export function notesSection(plan: ExecutionPlan): string[] {
  const lines: string[] = [];
  if (plan.riskLevel === 'high')
    lines.push('- Risk is marked as high: review the whole change before merging.');
  if (plan.needsHumanApproval) {
    lines.push(
      '- The structured plan originally requested human approval; this PR keeps review-only publication semantics.',
    );
  }
  return lines.length === 0 ? [] : ['## Notes', ...lines];
}

/** `## Implementation Notes`: the agent's own summary, quoted and capped; empty when there is none. */
export function implementationNotesSection(agentSummary: string | undefined): string[] {
  const summary = capText(multiLine(agentSummary ?? ''), agentSummaryMax);
  if (summary === '') return [];
  const quoted = defuseGitHubText(summary)
    .split('\n')
    .map((line) => (line.trim() === '' ? '>' : `> ${line}`));
  return [
    '## Implementation Notes',
    "The coding agent's own summary of its work (not verified by PatchLoop):",
    '',
    ...quoted,
  ];
}

/** `## Checklist`: four fixed items and the docs item, checked only when docs and CHANGELOG changed. */
export function checklistSection(docs: DocumentationChange): string[] {
  const docsItem =
    docs.hasChangelog && docs.hasUserDoc
      ? '- [x] Docs and CHANGELOG are updated'
      : '- [ ] docs/CHANGELOG sync still needs confirmation';
  return [
    '## Checklist',
    '- [x] The motivation and background are explained',
    '- [x] Verification is reproducible (commands and results above)',
    '- [x] The risk is assessed',
    '- [x] A rollback plan is provided',
    docsItem,
  ];
}

function baseName(path: string): string {
  return (path.split('/').at(-1) ?? path).toLowerCase();
}

function isReadme(path: string): boolean {
  return baseName(path) === 'readme.md';
}

function isChangelog(path: string): boolean {
  return baseName(path) === 'changelog.md';
}
