// Hand-built fixtures for the publish tests. Each builder returns a complete, plausible value
// that a test overrides field by field.

import type { ChangedFile, PullRequest } from '@patchloop/core';
import type { InspectionReport } from '../inspection/inspection-report.js';
import type { ExecutionPlan } from '../planning/issue-plan.js';
import type { ValidationReport, ValidationStep } from '../validation/validation-report.js';

/** An open, non-draft pull request from a PatchLoop branch of `acme/widgets` into `main`. */
export function aPullRequest(overrides: Partial<PullRequest> = {}): PullRequest {
  const number = overrides.number ?? 12;
  return {
    id: 1000 + number,
    number,
    title: 'fix: empty payload crash (#7)',
    body: '',
    state: 'open',
    draft: false,
    merged: false,
    mergeable: null,
    mergeableState: null,
    headRef: 'autocode/issue-7-fix-empty-payload-crash',
    headSha: 'a'.repeat(40),
    headRepoFullName: 'acme/widgets',
    headRepoCloneUrl: 'https://github.com/acme/widgets.git',
    baseRef: 'main',
    baseSha: 'b'.repeat(40),
    author: { login: 'patchloop-bot', id: 42, type: 'User' },
    labels: [],
    additions: null,
    deletions: null,
    createdAt: '2026-03-24T00:00:00Z',
    updatedAt: '2026-03-24T00:00:00Z',
    htmlUrl: `https://github.com/acme/widgets/pull/${number}`,
    ...overrides,
  };
}

/** A modified text file with the given line counts. */
export function aChangedFile(
  path: string,
  additions = 10,
  deletions = 1,
  overrides: Partial<ChangedFile> = {},
): ChangedFile {
  return {
    path,
    status: 'modified',
    oldMode: '100644',
    newMode: '100644',
    additions,
    deletions,
    binary: false,
    ...overrides,
  };
}

/**
 * An allowed inspection report over `files`; totals, budget and test files are derived from
 * them (paths under `tests/` or named like tests count as test files) unless overridden.
 */
export function anInspectionReport(
  files: readonly ChangedFile[] = [aChangedFile('src/main.ts'), aChangedFile('tests/main.test.ts')],
  overrides: Partial<InspectionReport> = {},
): InspectionReport {
  const addedLines = files.reduce((sum, file) => sum + file.additions, 0);
  const deletedLines = files.reduce((sum, file) => sum + file.deletions, 0);
  const testFilesChanged = files
    .map((file) => file.path)
    .filter((path) => path.startsWith('tests/') || /\.test\.[jt]s$/.test(path));
  const budgeted = files.filter((file) => !testFilesChanged.includes(file.path));
  return {
    allowed: true,
    findings: [],
    changedFiles: files,
    addedLines,
    deletedLines,
    budget: {
      files: budgeted.length,
      addedLines: budgeted.reduce((sum, file) => sum + file.additions, 0),
      deletedLines: budgeted.reduce((sum, file) => sum + file.deletions, 0),
    },
    testFilesChanged,
    ...overrides,
  };
}

/** A passing validation step of `group` running `command`. */
export function aValidationStep(
  group: ValidationStep['group'],
  command: readonly string[],
  overrides: Partial<ValidationStep> = {},
): ValidationStep {
  return {
    group,
    command,
    outcome: 'passed',
    exitCode: 0,
    output: '',
    durationMs: 1200,
    rerunAfterCleanup: false,
    ...overrides,
  };
}

/** A validation report over `steps`; `success` follows the steps unless overridden. */
export function aValidationReport(
  steps: readonly ValidationStep[] = [],
  success?: boolean,
): ValidationReport {
  return { success: success ?? steps.every((step) => step.outcome === 'passed'), steps };
}

/** A low-risk plan that needs no approval. */
export function anExecutionPlan(overrides: Partial<ExecutionPlan> = {}): ExecutionPlan {
  return {
    goal: 'Stop the parser from crashing on an empty payload',
    assumptions: [],
    acceptanceCriteria: ['An empty payload returns a 400 response instead of crashing'],
    riskLevel: 'low',
    estimatedFiles: ['src/main.ts'],
    suggestedTests: ['tests/main.test.ts'],
    needsHumanApproval: false,
    blockedReasons: [],
    ...overrides,
  };
}
