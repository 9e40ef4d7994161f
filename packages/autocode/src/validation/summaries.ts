import path from 'node:path';
import { formatValidationCommand } from './validation-commands.js';
import type { StepOutcome, ValidationReport, ValidationStep } from './validation-report.js';

const outcomeLabels: Readonly<Record<StepOutcome, string>> = {
  passed: 'PASS',
  failed: 'FAIL',
  timed_out: 'TIMEOUT',
  not_found: 'NOT_FOUND',
};

/** Limits of {@link failedStepsSummary}. */
export interface FailedStepsSummaryOptions {
  /** Most failed steps shown. Default 4. */
  readonly limit?: number;
  /** Most characters of each step's output, "..." included. Default 600. */
  readonly outputLimit?: number;
}

/** What a report with no steps says: nothing was configured, so nothing was checked. */
export const noValidationSummary = 'no validation commands configured';

/**
 * One line per run, e.g. `format:PASS, lint:FAIL, test:TIMEOUT` (spec §2.10 `summarize`). A group
 * with several commands numbers them (`test#1:PASS, test#2:FAIL`) so no step hides.
 */
export function summarizeValidation(report: ValidationReport): string {
  if (report.steps.length === 0) return noValidationSummary;
  const perGroup = new Map<string, number>();
  for (const step of report.steps) perGroup.set(step.group, (perGroup.get(step.group) ?? 0) + 1);
  const seen = new Map<string, number>();
  return report.steps
    .map((step) => {
      const index = (seen.get(step.group) ?? 0) + 1;
      seen.set(step.group, index);
      const name = (perGroup.get(step.group) ?? 0) > 1 ? `${step.group}#${index}` : step.group;
      return `${name}:${outcomeLabels[step.outcome]}`;
    })
    .join(', ');
}

/**
 * The failed steps as text for a repair prompt: a `<group>:<FAIL|TIMEOUT|NOT_FOUND> <command>`
 * line, then the output on one line, cut to `outputLimit`; blocks apart by a blank line.
 */
export function failedStepsSummary(
  report: ValidationReport,
  options: FailedStepsSummaryOptions = {},
): string {
  const limit = options.limit ?? 4;
  const outputLimit = options.outputLimit ?? 600;
  const failed = report.steps.filter((step) => step.outcome !== 'passed');
  const blocks = failed.slice(0, limit).map((step) => {
    const header = `${step.group}:${outcomeLabels[step.outcome]} ${formatValidationCommand(step.command)}`;
    return `${header}\n${clip(step.output.replace(/\s+/g, ' ').trim(), outputLimit)}`;
  });
  const hidden = failed.length - blocks.length;
  if (hidden > 0) blocks.push(`... ${hidden} more failed ${hidden === 1 ? 'step' : 'steps'}`);
  return blocks.join('\n\n');
}

/**
 * Why validation can never pass in this environment, or undefined. Only a validation command
 * that cannot run counts: its executable is missing (`not_found`), or the output says a tool
 * the step names is not installed (`flake8: command not found` for `flake8 .` or for
 * `./scripts/lint.sh flake8`). Errors of the code under test (an import error, a missing file)
 * are failures the agent can repair, never blockers.
 */
export function environmentBlocker(report: ValidationReport): string | undefined {
  const blockers = new Set<string>();
  for (const step of report.steps) {
    const missing = missingCommand(step);
    if (missing !== undefined) {
      blockers.add(`${formatValidationCommand(step.command)} cannot run: missing command \`${missing}\``);
    }
  }
  return blockers.size === 0 ? undefined : [...blockers].join('; ');
}

/**
 * True when the run failed only because test commands timed out. Reporting only: a timed-out
 * test is a failure like any other and never lets a patch through as if it had passed.
 */
export function onlyTestsTimedOut(report: ValidationReport): boolean {
  const failed = report.steps.filter((step) => step.outcome !== 'passed');
  return (
    !report.success &&
    failed.length > 0 &&
    failed.every((step) => step.group === 'test' && step.outcome === 'timed_out')
  );
}

function missingCommand(step: ValidationStep): string | undefined {
  const [executable] = step.command;
  if (executable === undefined) return undefined;
  if (step.outcome === 'not_found') return executable;
  if (step.outcome !== 'failed') return undefined;
  for (const name of namedTools(step.command)) {
    if (reportsNotFound(step.output, name)) return name;
  }
  return undefined;
}

/**
 * The executable and every argument word that could name a tool, each also by its base name.
 * Arguments are split on whitespace so the tools of an inline script (`sh -c 'flake8 .'`) count.
 */
function namedTools(command: readonly string[]): string[] {
  const names = new Set<string>();
  for (const word of command.flatMap((argument) => argument.split(/\s+/))) {
    if (word === '' || word.startsWith('-')) continue;
    names.add(word);
    const base = path.posix.basename(word);
    if (base !== '') names.add(base);
  }
  return [...names];
}

/** Shell wording for a missing command: bash/dash `x: command not found` / `x: not found`, zsh's reverse. */
function reportsNotFound(output: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const shellStyle = new RegExp(String.raw`(?:^|[\s:'"\x60])${escaped}:\s*(?:command )?not found`, 'm');
  const zshStyle = new RegExp(String.raw`command not found:\s*${escaped}(?=\s|$)`, 'm');
  return shellStyle.test(output) || zshStyle.test(output);
}

function clip(text: string, limit: number): string {
  if (text === '') return '(no output)';
  if (text.length <= limit) return text;
  return `${text.slice(0, Math.max(0, limit - 3))}...`;
}
