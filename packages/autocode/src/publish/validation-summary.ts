import { formatValidationCommand } from '../validation/validation-commands.js';
import type { ValidationStep } from '../validation/validation-report.js';
import { codeSpan } from './markdown-text.js';

/** One sentence about a step that did not pass, for the PR body; undefined for a passing step. */
export function describeUnpassedStep(step: ValidationStep): string | undefined {
  const command = codeSpan(formatValidationCommand(step.command));
  switch (step.outcome) {
    case 'passed':
      return undefined;
    case 'failed':
      return `${step.group} command ${command} failed with exit code ${step.exitCode ?? 'unknown'}.`;
    case 'timed_out':
      return `${step.group} command ${command} timed out after ${Math.round(step.durationMs / 1000)} s; its result is unknown, so this change is not fully validated.`;
    case 'not_found':
      return `${step.group} command ${command} was not found, so it did not run.`;
    default: {
      const unknownOutcome: never = step.outcome;
      return unknownOutcome;
    }
  }
}
