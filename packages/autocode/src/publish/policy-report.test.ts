import { describe, expect, it } from 'vitest';
import type { PolicyReportInput } from './policy-report.js';
import { policyNotes, policyReportLines } from './policy-report.js';
import { aChangedFile, anInspectionReport, aValidationReport, aValidationStep } from './test-builders.js';

function reportInput(overrides: Partial<PolicyReportInput> = {}): PolicyReportInput {
  return {
    taskType: 'bug_fix',
    inspection: anInspectionReport([aChangedFile('src/a.ts', 30, 2), aChangedFile('tests/a.test.ts', 10, 0)]),
    validation: aValidationReport([
      aValidationStep('format', ['pnpm', 'format']),
      aValidationStep('test', ['pnpm', 'test']),
    ]),
    ...overrides,
  };
}

describe('policyReportLines', () => {
  it('reports a clean change against the configured limits', () => {
    const lines = policyReportLines(
      reportInput({ limits: { maxChangedFiles: 8, maxAddedLines: 400, maxDeletedLines: 200 } }),
    );

    expect(lines).toEqual([
      '- Size: 1/8 files, +30/400 added, -2/200 deleted against the budget (2 files, +40 / -2 in total).',
      '- Blocked paths: none touched',
      '- Secret scan: clean',
      '- Tests: changed `tests/a.test.ts`',
      '- Validation: format:PASS, test:PASS',
    ]);
  });

  it('reports the counted budget when no limits are given', () => {
    expect(policyReportLines(reportInput())[0]).toBe(
      '- Size: 1 file, +30 / -2 counted against the budget (2 files, +40 / -2 in total).',
    );
  });

  it('names flagged blocked paths and secrets instead of claiming a clean scan', () => {
    const inspection = anInspectionReport([aChangedFile('.env.local')], {
      allowed: false,
      findings: [
        { code: 'blocked_path', message: 'touches .env.local', path: '.env.local' },
        { code: 'secret', message: 'a private key block is added' },
      ],
    });

    const lines = policyReportLines(reportInput({ inspection }));

    expect(lines).toContain('- Blocked paths: FLAGGED `.env.local`');
    expect(lines).toContain('- Secret scan: FLAGGED a private key block is added');
  });
});

describe('policyNotes', () => {
  it('has no note for a clean, tested bug fix', () => {
    expect(policyNotes(reportInput())).toEqual([]);
  });

  it('notes a timed-out test so untested code is visible', () => {
    const validation = aValidationReport([
      aValidationStep('test', ['pnpm', 'test'], { outcome: 'timed_out', exitCode: null, durationMs: 60_000 }),
    ]);

    expect(policyNotes(reportInput({ validation }))).toEqual([
      'test command `pnpm test` timed out after 60 s; its result is unknown, so this change is not fully validated.',
    ]);
  });

  it('notes binary files, new executables and a bug fix without tests', () => {
    const inspection = anInspectionReport([
      aChangedFile('assets/logo.png', 0, 0, { binary: true }),
      aChangedFile('scripts/run.sh', 3, 0, { newMode: '100755' }),
    ]);

    expect(policyNotes(reportInput({ inspection }))).toEqual([
      'binary file `assets/logo.png` changed; review it by hand.',
      '`scripts/run.sh` is executable.',
      'this bug fix changes no test file.',
    ]);
  });

  it('relays other inspection findings with their codes instead of a second missing-tests note', () => {
    const inspection = anInspectionReport([aChangedFile('src/a.ts')], {
      findings: [{ code: 'missing_tests', message: 'A bug fix must add or change a test.' }],
    });

    expect(policyNotes(reportInput({ inspection }))).toEqual([
      'inspection flagged missing_tests: A bug fix must add or change a test.',
    ]);
  });

  it('does not ask a feature for tests', () => {
    const inspection = anInspectionReport([aChangedFile('src/a.ts')]);

    expect(policyNotes(reportInput({ taskType: 'small_feature', inspection }))).toEqual([]);
  });
});
