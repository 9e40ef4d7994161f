import type { TaskType } from '../config/policy-settings.js';
import type { InspectionReport } from '../inspection/inspection-report.js';
import type { ExecutionPlan } from '../planning/issue-plan.js';
import type { ValidationReport } from '../validation/validation-report.js';
import type { PatchLimits } from './policy-report.js';
import { policyReportLines } from './policy-report.js';
import {
  acceptanceSection,
  backgroundSection,
  checklistSection,
  documentationChange,
  documentationSection,
  implementationNotesSection,
  issueLinkSection,
  notesSection,
  prTypeSection,
  resolvePrType,
  riskSection,
  rollbackSection,
  scopeSection,
  verificationSection,
} from './pr-body-sections.js';

/** Everything the body of an issue PR is rendered from. */
export interface PrBodyInput {
  readonly issue: { readonly number: number; readonly title: string };
  readonly taskType: TaskType | undefined;
  /** The issue's label names. */
  readonly labels: readonly string[];
  readonly plan: ExecutionPlan;
  readonly inspection: InspectionReport;
  readonly validation: ValidationReport;
  /** The configured validation command lines; those that did not run are listed as not run. */
  readonly validationCommands: readonly string[];
  /** Run on an approver's explicit request (comment or API) rather than automatically. */
  readonly explicit: boolean;
  /** The coding agent's closing summary; quoted under `## Implementation Notes` when non-empty. */
  readonly agentSummary?: string;
  /** The size limits, so the policy report shows the budget as `used/limit`. */
  readonly limits?: PatchLimits;
}

/** The hidden last line that marks a body as PatchLoop's PR for issue `n`. */
export function prBodyMarker(issueNumber: number): string {
  return `<!-- patchloop:autocode:issue:${issueNumber} -->`;
}

/**
 * The Markdown body of an issue PR: the §2.15 template sections, a `## Policy Report` of what
 * PatchLoop checked, optional agent notes and the hidden issue marker. Untrusted text (issue
 * title, plan text, agent summary) cannot close other issues, mention people or forge the marker.
 */
export function buildPrBody(input: PrBodyInput): string {
  const paths = input.inspection.changedFiles.map((file) => file.path);
  const docs = documentationChange(paths);
  const policyInput = {
    taskType: input.taskType,
    inspection: input.inspection,
    validation: input.validation,
    ...(input.limits === undefined ? {} : { limits: input.limits }),
  };
  const sections: string[][] = [
    prTypeSection(resolvePrType(input.taskType, input.labels, input.inspection)),
    backgroundSection({
      issue: input.issue,
      goal: input.plan.goal,
      inspection: input.inspection,
      explicit: input.explicit,
    }),
    scopeSection(paths),
    documentationSection(docs),
    issueLinkSection(input.issue.number),
    verificationSection(input.validation, input.validationCommands),
    riskSection(input.plan, paths),
    rollbackSection(paths),
    acceptanceSection(input.plan.acceptanceCriteria),
    notesSection(input.plan),
    implementationNotesSection(input.agentSummary),
    ['## Policy Report', ...policyReportLines(policyInput)],
    checklistSection(docs),
    [prBodyMarker(input.issue.number)],
  ];
  return `${sections
    .filter((lines) => lines.length > 0)
    .map((lines) => lines.join('\n'))
    .join('\n\n')}\n`;
}
