import type { LimitSettings } from '../config/limit-settings.js';
import type { TaskType } from '../config/policy-settings.js';
import type { InspectionFinding, InspectionReport } from '../inspection/inspection-report.js';
import { summarizeValidation } from '../validation/summaries.js';
import type { ValidationReport } from '../validation/validation-report.js';
import { codeSpan, untrustedLine } from './markdown-text.js';
import { describeUnpassedStep } from './validation-summary.js';

/** The size limits a policy report compares the budget with. */
export type PatchLimits = Pick<LimitSettings, 'maxChangedFiles' | 'maxAddedLines' | 'maxDeletedLines'>;

/** What the policy report is computed from. */
export interface PolicyReportInput {
  readonly taskType: TaskType | undefined;
  readonly inspection: InspectionReport;
  readonly validation: ValidationReport;
  readonly limits?: PatchLimits;
}

const listedPathsMax = 6;
const executableMode = '100755';

/**
 * The `## Policy Report` lines: size against the budget, blocked paths, secret scan, test files,
 * validation and one line per non-blocking note, so a reviewer sees what PatchLoop checked.
 */
export function policyReportLines(input: PolicyReportInput): string[] {
  const { inspection } = input;
  return [
    `- Size: ${describeBudget(input)}`,
    `- Blocked paths: ${describeFindings(inspection.findings, 'blocked_path', 'none touched')}`,
    `- Secret scan: ${describeFindings(inspection.findings, 'secret', 'clean')}`,
    `- Tests: ${describeTests(inspection.testFilesChanged)}`,
    `- Validation: ${summarizeValidation(input.validation)}`,
    ...policyNotes(input).map((note) => `- Note: ${note}`),
  ];
}

/** Things a reviewer should know that did not stop publication. */
export function policyNotes(input: PolicyReportInput): string[] {
  const { inspection } = input;
  const notes: string[] = [];
  for (const finding of inspection.findings) {
    if (finding.code === 'blocked_path' || finding.code === 'secret') continue;
    notes.push(`inspection flagged ${finding.code}: ${untrustedLine(finding.message, 300)}`);
  }
  for (const step of input.validation.steps) {
    const sentence = describeUnpassedStep(step);
    if (sentence !== undefined) notes.push(sentence);
  }
  for (const file of inspection.changedFiles) {
    if (file.binary) notes.push(`binary file ${codeSpan(file.path)} changed; review it by hand.`);
    if (file.newMode === executableMode && file.oldMode !== executableMode && file.status !== 'deleted') {
      notes.push(`${codeSpan(file.path)} is executable.`);
    }
  }
  const testsFlagged = inspection.findings.some((finding) => finding.code === 'missing_tests');
  if (input.taskType === 'bug_fix' && inspection.testFilesChanged.length === 0 && !testsFlagged) {
    notes.push('this bug fix changes no test file.');
  }
  return notes;
}

function describeBudget(input: PolicyReportInput): string {
  const { budget } = input.inspection;
  const total = `${input.inspection.changedFiles.length} ${plural(input.inspection.changedFiles.length, 'file')}, +${input.inspection.addedLines} / -${input.inspection.deletedLines} in total`;
  const limits = input.limits;
  const counted =
    limits === undefined
      ? `${budget.files} ${plural(budget.files, 'file')}, +${budget.addedLines} / -${budget.deletedLines} counted against the budget`
      : `${budget.files}/${limits.maxChangedFiles} files, +${budget.addedLines}/${limits.maxAddedLines} added, -${budget.deletedLines}/${limits.maxDeletedLines} deleted against the budget`;
  return `${counted} (${total}).`;
}

function describeFindings(
  findings: readonly InspectionFinding[],
  code: InspectionFinding['code'],
  clean: string,
): string {
  const matching = findings.filter((finding) => finding.code === code);
  if (matching.length === 0) return clean;
  const paths = matching.map((finding) =>
    finding.path === undefined ? untrustedLine(finding.message, 120) : codeSpan(finding.path),
  );
  return `FLAGGED ${paths.join(', ')}`;
}

function describeTests(testFiles: readonly string[]): string {
  if (testFiles.length === 0) return 'no test file changed';
  const listed = testFiles.slice(0, listedPathsMax).map(codeSpan).join(', ');
  const more = testFiles.length > listedPathsMax ? ` and ${testFiles.length - listedPathsMax} more` : '';
  return `changed ${listed}${more}`;
}

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}
