import { describe, expect, it } from 'vitest';
import { aValidationStep } from './test-builders.js';
import { describeUnpassedStep } from './validation-summary.js';

describe('describeUnpassedStep', () => {
  it('says nothing about a passing step', () => {
    expect(describeUnpassedStep(aValidationStep('test', ['pnpm', 'test']))).toBeUndefined();
  });

  it.each([
    [{ outcome: 'failed', exitCode: 2 }, 'test command `pnpm test` failed with exit code 2.'],
    [
      { outcome: 'timed_out', exitCode: null, durationMs: 600_000 },
      'test command `pnpm test` timed out after 600 s; its result is unknown, so this change is not fully validated.',
    ],
    [{ outcome: 'not_found', exitCode: null }, 'test command `pnpm test` was not found, so it did not run.'],
  ] as const)('describes %j', (overrides, sentence) => {
    expect(describeUnpassedStep(aValidationStep('test', ['pnpm', 'test'], overrides))).toBe(sentence);
  });
});
