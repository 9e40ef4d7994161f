import { describe, expect, it } from 'vitest';
import {
  environmentBlocker,
  failedStepsSummary,
  onlyTestsTimedOut,
  summarizeValidation,
} from './summaries.js';
import type { ValidationReport, ValidationStep } from './validation-report.js';

function aStep(overrides: Partial<ValidationStep> = {}): ValidationStep {
  return {
    group: 'lint',
    command: ['ruff', 'check', '.'],
    outcome: 'passed',
    exitCode: 0,
    output: '',
    durationMs: 10,
    rerunAfterCleanup: false,
    ...overrides,
  };
}

function aReport(...steps: ValidationStep[]): ValidationReport {
  return { success: steps.every((step) => step.outcome === 'passed'), steps };
}

const lintFailed = aStep({ outcome: 'failed', exitCode: 1, output: 'app.py:1:1: F401 unused import' });
const testTimedOut = aStep({
  group: 'test',
  command: ['pytest'],
  outcome: 'timed_out',
  exitCode: null,
  output: 'Timed out after 600 s: pytest',
});

describe('summarizeValidation', () => {
  it('names every step with its outcome in run order', () => {
    const report = aReport(aStep({ group: 'format' }), lintFailed, testTimedOut);

    const summary = summarizeValidation(report);

    expect(summary).toBe('format:PASS, lint:FAIL, test:TIMEOUT');
  });

  it('numbers the commands of a group that has several', () => {
    const report = aReport(
      aStep({ group: 'test', command: ['pnpm', 'test'] }),
      aStep({ group: 'test', command: ['pytest'], outcome: 'failed', exitCode: 1 }),
    );

    expect(summarizeValidation(report)).toBe('test#1:PASS, test#2:FAIL');
  });

  it('labels a missing executable NOT_FOUND', () => {
    const summary = summarizeValidation(aReport(aStep({ outcome: 'not_found', exitCode: null })));

    expect(summary).toBe('lint:NOT_FOUND');
  });

  it('says so when no validation command is configured', () => {
    const summary = summarizeValidation(aReport());

    expect(summary).toBe('no validation commands configured');
  });
});

describe('failedStepsSummary', () => {
  it('shows each failed step as a header line and its output, blocks apart by a blank line', () => {
    const report = aReport(aStep({ group: 'format' }), lintFailed, testTimedOut);

    const summary = failedStepsSummary(report);

    expect(summary).toBe(
      'lint:FAIL ruff check .\napp.py:1:1: F401 unused import\n\ntest:TIMEOUT pytest\nTimed out after 600 s: pytest',
    );
  });

  it('collapses whitespace in the output onto one line', () => {
    const report = aReport(aStep({ outcome: 'failed', output: 'E1  first\n\n\tE2 second  ' }));

    const summary = failedStepsSummary(report);

    expect(summary).toBe('lint:FAIL ruff check .\nE1 first E2 second');
  });

  it('cuts long output to the limit, the "..." included', () => {
    const report = aReport(aStep({ outcome: 'failed', output: 'x'.repeat(50) }));

    const summary = failedStepsSummary(report, { outputLimit: 10 });

    expect(summary).toBe('lint:FAIL ruff check .\nxxxxxxx...');
  });

  it('keeps output that fits the limit exactly', () => {
    const report = aReport(aStep({ outcome: 'failed', output: 'x'.repeat(10) }));

    const summary = failedStepsSummary(report, { outputLimit: 10 });

    expect(summary).toBe(`lint:FAIL ruff check .\n${'x'.repeat(10)}`);
  });

  it('writes "(no output)" for a step that printed nothing', () => {
    const summary = failedStepsSummary(aReport(aStep({ outcome: 'failed' })));

    expect(summary).toBe('lint:FAIL ruff check .\n(no output)');
  });

  it('counts the failed steps beyond the limit', () => {
    const failures = [1, 2, 3, 4, 5, 6].map((n) => aStep({ outcome: 'failed', command: [`lint-${n}`] }));

    const summary = failedStepsSummary(aReport(...failures));

    expect(summary.split('\n\n')).toHaveLength(5);
    expect(summary).toContain('lint:FAIL lint-4');
    expect(summary).not.toContain('lint-5');
    expect(summary.endsWith('\n\n... 2 more failed steps')).toBe(true);
  });

  it('uses the singular for one hidden step', () => {
    const summary = failedStepsSummary(aReport(lintFailed, testTimedOut), { limit: 1 });

    expect(summary.endsWith('\n\n... 1 more failed step')).toBe(true);
  });

  it('is empty when nothing failed', () => {
    const summary = failedStepsSummary(aReport(aStep()));

    expect(summary).toBe('');
  });
});

describe('environmentBlocker', () => {
  it.each([
    [
      'a wrapper whose tool is missing (bash)',
      aStep({
        command: ['./scripts/ci_gate.sh', 'flake8'],
        outcome: 'failed',
        exitCode: 127,
        output: './scripts/ci_gate.sh: line 3: flake8: command not found',
      }),
      './scripts/ci_gate.sh flake8 cannot run: missing command `flake8`',
    ],
    [
      'a tool missing inside an inline shell script (dash wording)',
      aStep({ command: ['sh', '-c', 'flake8 .'], outcome: 'failed', output: 'sh: 1: flake8: not found' }),
      "sh -c 'flake8 .' cannot run: missing command `flake8`",
    ],
    [
      'a tool run through npx',
      aStep({ command: ['npx', 'eslint'], outcome: 'failed', output: 'sh: 1: eslint: not found' }),
      'npx eslint cannot run: missing command `eslint`',
    ],
    [
      'a tool missing under zsh',
      aStep({ command: ['make', 'lint'], outcome: 'failed', output: 'zsh: command not found: make' }),
      'make lint cannot run: missing command `make`',
    ],
    [
      'an executable the runner could not start',
      aStep({ command: ['flake8', '.'], outcome: 'not_found', exitCode: null }),
      'flake8 . cannot run: missing command `flake8`',
    ],
    [
      'an import error of the code under test',
      aStep({
        group: 'test',
        command: ['pytest'],
        outcome: 'failed',
        output: "E   ModuleNotFoundError: No module named 'x'",
      }),
      undefined,
    ],
    [
      'a missing file of the code under test',
      aStep({
        group: 'test',
        command: ['python', 'app.py'],
        outcome: 'failed',
        output: "python: can't open file '/w/app.py': [Errno 2] No such file or directory",
      }),
      undefined,
    ],
    [
      'a command the code under test runs',
      aStep({ group: 'test', command: ['pytest'], outcome: 'failed', output: 'sh: 1: ffmpeg: not found' }),
      undefined,
    ],
    [
      'a dependency the code reports as not installed',
      aStep({ group: 'test', command: ['pytest'], outcome: 'failed', output: 'requests is not installed' }),
      undefined,
    ],
    [
      'a timed-out step',
      aStep({
        group: 'test',
        command: ['pytest'],
        outcome: 'timed_out',
        output: 'pytest: command not found',
      }),
      undefined,
    ],
  ])('judges %s', (_case, step, expected) => {
    const blocker = environmentBlocker(aReport(step));

    expect(blocker).toBe(expected);
  });

  it('finds a missing tool in a later failed step, not only the first', () => {
    const missingPytest = aStep({
      group: 'test',
      command: ['pytest'],
      outcome: 'failed',
      exitCode: 127,
      output: 'bash: pytest: command not found',
    });

    const blocker = environmentBlocker(aReport(lintFailed, missingPytest));

    expect(blocker).toBe('pytest cannot run: missing command `pytest`');
  });

  it('joins several blockers', () => {
    const report = aReport(
      aStep({ command: ['flake8'], outcome: 'not_found' }),
      aStep({ group: 'test', command: ['pytest'], outcome: 'not_found' }),
    );

    const blocker = environmentBlocker(report);

    expect(blocker).toBe(
      'flake8 cannot run: missing command `flake8`; pytest cannot run: missing command `pytest`',
    );
  });

  it('is undefined when every step passed', () => {
    const blocker = environmentBlocker(aReport(aStep({ output: 'flake8: command not found' })));

    expect(blocker).toBeUndefined();
  });
});

describe('onlyTestsTimedOut', () => {
  it('is true when lint passed and only the test step timed out', () => {
    const result = onlyTestsTimedOut(aReport(aStep(), testTimedOut));

    expect(result).toBe(true);
  });

  it('is false when a lint step also failed', () => {
    const result = onlyTestsTimedOut(aReport(lintFailed, testTimedOut));

    expect(result).toBe(false);
  });

  it('is false when a non-test step timed out', () => {
    const result = onlyTestsTimedOut(aReport({ ...testTimedOut, group: 'format' }));

    expect(result).toBe(false);
  });

  it('is false for a successful run', () => {
    const result = onlyTestsTimedOut(aReport(aStep()));

    expect(result).toBe(false);
  });
});
