import type { ConfigDescription, ConfigDescriptionObject } from '@patchloop/core';

/** The outcome of one doctor check; `fix` tells the operator what to change when it failed. */
export interface DoctorCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
  readonly fix?: string;
  /** Not run because a check it depends on failed; counted as failed. */
  readonly skipped?: boolean;
}

/** A check that could not run because `reason` (another failure) blocks it. */
export function skippedCheck(name: string, reason: string): DoctorCheck {
  return { name, ok: false, skipped: true, detail: `skipped: ${reason}` };
}

const fixIndent = '     ';

/** The lines of one check: `ok   name: detail` or `FAIL name: detail` plus an indented fix. */
export function formatCheck(check: DoctorCheck): string[] {
  const status = check.ok ? 'ok  ' : check.skipped === true ? 'SKIP' : 'FAIL';
  const [first = '', ...rest] = check.detail.split('\n');
  const lines = [`${status} ${check.name}: ${first}`, ...rest.map((line) => `${fixIndent}${line}`)];
  if (!check.ok && check.fix !== undefined) lines.push(`${fixIndent}fix: ${check.fix}`);
  return lines;
}

/** Flattens a masked configuration into `path = value` lines, sorted as the config nests them. */
export function formatConfigDescription(description: ConfigDescriptionObject): string[] {
  const lines: string[] = [];
  const visit = (value: ConfigDescription, key: string): void => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const entries = Object.entries(value);
      if (entries.length === 0) lines.push(`  ${key} = {}`);
      for (const [name, item] of entries) visit(item, key === '' ? name : `${key}.${name}`);
      return;
    }
    lines.push(`  ${key} = ${JSON.stringify(value)}`);
  };
  visit(description, '');
  return lines;
}

/** The last line of the report; skipped checks count as failed because nothing vouched for them. */
export function formatSummary(checks: readonly DoctorCheck[]): string {
  const passed = checks.filter((check) => check.ok).length;
  return `doctor: ${passed} checks passed, ${checks.length - passed} failed`;
}

/** The whole report: one block per check, the masked configuration when it loaded, the summary. */
export function formatDoctorReport(
  checks: readonly DoctorCheck[],
  description: ConfigDescriptionObject | undefined,
): string[] {
  const lines = checks.flatMap(formatCheck);
  if (description !== undefined) {
    lines.push('', 'Effective configuration (secrets masked):', ...formatConfigDescription(description), '');
  }
  lines.push(formatSummary(checks));
  return lines;
}
