import { describe, expect, it } from 'vitest';
import type { PublishedChange } from './success-summary.js';
import { describePublishedChange, publishedStatus } from './success-summary.js';
import { aChangedFile, anInspectionReport, aValidationReport, aValidationStep } from './test-builders.js';

const inspection = anInspectionReport([
  aChangedFile('src/a.ts', 30, 1),
  aChangedFile('src/b.ts', 8, 1),
  aChangedFile('tests/a.test.ts', 2, 0),
]);
const validation = aValidationReport([
  aValidationStep('format', ['pnpm', 'format']),
  aValidationStep('test', ['pnpm', 'test']),
]);
const branch = 'autocode/issue-7-x';

describe('describePublishedChange', () => {
  it('reports an opened PR with its size and validation', () => {
    const change: PublishedChange = {
      kind: 'opened',
      pullRequestNumber: 12,
      branch,
      convertedToReady: false,
      inspection,
      validation,
    };

    expect(describePublishedChange(change)).toBe(
      'Opened PR #12 from autocode/issue-7-x (3 files, +40/-2, validation format:PASS, test:PASS)',
    );
  });

  it('claims ready for review only when a draft was converted', () => {
    const change: PublishedChange = {
      kind: 'opened',
      pullRequestNumber: 77,
      branch,
      convertedToReady: true,
      inspection,
      validation,
    };

    expect(describePublishedChange(change)).toBe(
      'Opened PR #77 from autocode/issue-7-x (3 files, +40/-2, validation format:PASS, test:PASS) and marked it ready for review',
    );
  });

  it('reports an updated PR without a ready claim', () => {
    const change: PublishedChange = {
      kind: 'updated',
      pullRequestNumber: 91,
      branch,
      convertedToReady: false,
      inspection,
      validation,
    };

    const line = describePublishedChange(change);

    expect(line).toBe(
      'Updated PR #91 from autocode/issue-7-x (3 files, +40/-2, validation format:PASS, test:PASS)',
    );
    expect(line).not.toContain('ready for review');
  });

  it('says a dry-run published nothing', () => {
    const change: PublishedChange = {
      kind: 'dry_run',
      branch,
      inspection: anInspectionReport([aChangedFile('src/a.ts', 1, 0)]),
      validation: aValidationReport(),
    };

    expect(describePublishedChange(change)).toBe(
      'Dry-run: would open a PR from autocode/issue-7-x (1 file, +1/-0, no validation commands configured); nothing was committed, pushed or opened',
    );
  });

  it('shows a timed-out test instead of hiding it', () => {
    const timedOut = aValidationReport([
      aValidationStep('test', ['pnpm', 'test'], { outcome: 'timed_out', exitCode: null }),
    ]);
    const change: PublishedChange = {
      kind: 'opened',
      pullRequestNumber: 3,
      branch,
      convertedToReady: false,
      inspection,
      validation: timedOut,
    };

    expect(describePublishedChange(change)).toContain('validation test:TIMEOUT');
  });
});

describe('publishedStatus', () => {
  it.each([
    [{ kind: 'dry_run' }, 'dry_run'],
    [{ kind: 'opened', convertedToReady: false }, 'pr_opened'],
    [{ kind: 'opened', convertedToReady: true }, 'pr_ready'],
    [{ kind: 'updated', convertedToReady: false }, 'pr_updated'],
    [{ kind: 'updated', convertedToReady: true }, 'pr_ready'],
  ] as const)('derives %j as %s from what happened, not from response keys', (shape, status) => {
    const change = { ...shape, pullRequestNumber: 1, branch, inspection, validation } as PublishedChange;

    expect(publishedStatus(change)).toBe(status);
  });
});
