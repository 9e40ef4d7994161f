import { describe, expect, it } from 'vitest';
import {
  formatCheck,
  formatConfigDescription,
  formatDoctorReport,
  formatSummary,
  skippedCheck,
} from './doctor-report.js';

describe('formatCheck', () => {
  it('prints a passed check on one line without its fix', () => {
    const check = { name: 'GitHub token', ok: true, detail: 'patchloop-bot', fix: 'unused' };

    const lines = formatCheck(check);

    expect(lines).toEqual(['ok   GitHub token: patchloop-bot']);
  });

  it('prints a failed check with its fix indented under it', () => {
    const check = { name: 'Git', ok: false, detail: 'git is not on PATH', fix: 'install git' };

    const lines = formatCheck(check);

    expect(lines).toEqual(['FAIL Git: git is not on PATH', '     fix: install git']);
  });

  it('indents every further line of a multi-line detail', () => {
    const check = {
      name: 'Configuration',
      ok: false,
      detail: 'Invalid (1 problem):\n  - A: bad',
      fix: 'edit',
    };

    const lines = formatCheck(check);

    expect(lines).toEqual(['FAIL Configuration: Invalid (1 problem):', '       - A: bad', '     fix: edit']);
  });

  it('marks a skipped check SKIP', () => {
    const lines = formatCheck(skippedCheck('Local repository', 'the configuration did not load'));

    expect(lines).toEqual(['SKIP Local repository: skipped: the configuration did not load']);
  });
});

describe('formatSummary', () => {
  it('counts skipped checks as failed', () => {
    const checks = [
      { name: 'a', ok: true, detail: '' },
      { name: 'b', ok: false, detail: '' },
      skippedCheck('c', 'x'),
    ];

    const summary = formatSummary(checks);

    expect(summary).toBe('doctor: 1 checks passed, 2 failed');
  });
});

describe('formatConfigDescription', () => {
  it('flattens nested values into dotted paths with JSON values', () => {
    const description = {
      github: { token: '[redacted]', repo: { owner: 'acme' } },
      dryRun: true,
      list: ['a'],
    };

    const lines = formatConfigDescription(description);

    expect(lines).toEqual([
      '  github.token = "[redacted]"',
      '  github.repo.owner = "acme"',
      '  dryRun = true',
      '  list = ["a"]',
    ]);
  });

  it('keeps empty objects and unset values visible', () => {
    const lines = formatConfigDescription({ sources: {}, notifyLogin: null });

    expect(lines).toEqual(['  sources = {}', '  notifyLogin = null']);
  });
});

describe('formatDoctorReport', () => {
  it('ends with the summary and prints the configuration only when it loaded', () => {
    const checks = [{ name: 'Git', ok: true, detail: 'git version 2.39.5' }];

    const withConfig = formatDoctorReport(checks, { dryRun: true });
    const withoutConfig = formatDoctorReport(checks, undefined);

    expect(withConfig).toContain('Effective configuration (secrets masked):');
    expect(withConfig).toContain('  dryRun = true');
    expect(withConfig.at(-1)).toBe('doctor: 1 checks passed, 0 failed');
    expect(withoutConfig).toEqual(['ok   Git: git version 2.39.5', 'doctor: 1 checks passed, 0 failed']);
  });
});
