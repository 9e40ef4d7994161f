import { createCodeGitHubClients, createSilentLogger } from '@patchloop/core';
import { createFakeClock, startFakeGitHub } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { compareWithBase, failingChecks, pendingChecks } from './ci-failures.js';
import { aCheckRun, aCiFailure, aCombinedStatus, aStatus, headSha } from './test-builders.js';

const esc = String.fromCharCode(0x1b);

describe('failingChecks', () => {
  it.each([
    ['failure', true],
    ['timed_out', true],
    ['action_required', true],
    ['success', false],
    ['neutral', false],
    ['skipped', false],
    ['cancelled', false],
    ['stale', false],
    ['startup_failure', false],
  ])('treats a completed check run concluding %s as failing: %s', (conclusion, failing) => {
    const checkRuns = [aCheckRun({ conclusion })];

    const failures = failingChecks({ checkRuns, status: aCombinedStatus() });

    expect(failures.length > 0).toBe(failing);
  });

  it.each(['queued', 'in_progress', 'waiting'])('ignores a check run that is %s', (status) => {
    const checkRuns = [aCheckRun({ status, conclusion: null })];

    const failures = failingChecks({ checkRuns, status: aCombinedStatus() });

    expect(failures).toEqual([]);
  });

  it.each([
    ['failure', true],
    ['error', true],
    ['pending', false],
    ['success', false],
  ] as const)('treats a commit status in state %s as failing: %s', (state, failing) => {
    const status = aCombinedStatus([aStatus({ context: 'ci/lint', state })]);

    const failures = failingChecks({ checkRuns: [], status });

    expect(failures.length > 0).toBe(failing);
  });

  it('reports a failing check run with its summary, log excerpt and link', () => {
    const run = aCheckRun({
      name: 'build',
      conclusion: 'failure',
      completedAt: '2026-01-01T10:07:00Z',
      htmlUrl: 'https://github.com/acme/widgets/runs/9',
      output: {
        title: '1 error',
        summary: 'tsc exited with code 2',
        text: `> tsc -b\n${esc}[31msrc/app.ts(3,1): error TS2304${esc}[0m`,
      },
    });

    const failures = failingChecks({ checkRuns: [run], status: aCombinedStatus() });

    expect(failures).toEqual([
      {
        name: 'build',
        source: 'check_run',
        conclusion: 'failure',
        summary: '1 error\ntsc exited with code 2',
        excerpt: '> tsc -b\nsrc/app.ts(3,1): error TS2304',
        url: 'https://github.com/acme/widgets/runs/9',
        at: '2026-01-01T10:07:00Z',
      },
    ]);
  });

  it('reports a failing status with its description and target link, without an excerpt', () => {
    const status = aCombinedStatus([
      aStatus({
        context: 'ci/jenkins',
        state: 'error',
        description: 'Build errored',
        targetUrl: 'https://ci.example.test/job/7',
        updatedAt: '2026-01-01T10:09:00Z',
      }),
    ]);

    const failures = failingChecks({ checkRuns: [], status });

    expect(failures).toEqual([
      {
        name: 'ci/jenkins',
        source: 'status',
        conclusion: 'error',
        summary: 'Build errored',
        excerpt: '',
        url: 'https://ci.example.test/job/7',
        at: '2026-01-01T10:09:00Z',
      },
    ]);
  });

  it('judges a check by its newest run, so a passing re-run clears an older failure', () => {
    const checkRuns = [
      aCheckRun({ id: 5, name: 'test', conclusion: 'failure', startedAt: '2026-01-01T10:00:00Z' }),
      aCheckRun({ id: 9, name: 'test', conclusion: 'success', startedAt: '2026-01-01T11:00:00Z' }),
    ];

    const failures = failingChecks({ checkRuns, status: aCombinedStatus() });

    expect(failures).toEqual([]);
  });

  it('judges a check by its newest run, so a failing re-run replaces an older success', () => {
    const checkRuns = [
      aCheckRun({ id: 9, name: 'test', conclusion: 'failure', startedAt: '2026-01-01T11:00:00Z' }),
      aCheckRun({ id: 5, name: 'test', conclusion: 'success', startedAt: '2026-01-01T10:00:00Z' }),
    ];

    const failures = failingChecks({ checkRuns, status: aCombinedStatus() });

    expect(failures.map((failure) => failure.name)).toEqual(['test']);
  });

  it('trusts start times over ids when they disagree', () => {
    const checkRuns = [
      aCheckRun({ id: 3, name: 'test', conclusion: 'failure', startedAt: '2026-01-01T11:00:00Z' }),
      aCheckRun({ id: 7, name: 'test', conclusion: 'success', startedAt: '2026-01-01T10:00:00Z' }),
    ];

    const failures = failingChecks({ checkRuns, status: aCombinedStatus() });

    expect(failures.map((failure) => failure.conclusion)).toEqual(['failure']);
  });

  it('orders runs without start times by id', () => {
    const checkRuns = [
      aCheckRun({ id: 7, name: 'test', conclusion: 'timed_out', startedAt: null }),
      aCheckRun({ id: 3, name: 'test', conclusion: 'success', startedAt: null }),
    ];

    const failures = failingChecks({ checkRuns, status: aCombinedStatus() });

    expect(failures.map((failure) => failure.conclusion)).toEqual(['timed_out']);
  });

  it('lists check runs before statuses, each in name order', () => {
    const checkRuns = [
      aCheckRun({ id: 1, name: 'unit', conclusion: 'failure' }),
      aCheckRun({ id: 2, name: 'build', conclusion: 'failure' }),
      aCheckRun({ id: 3, name: 'lint', conclusion: 'success' }),
    ];
    const status = aCombinedStatus([
      aStatus({ context: 'deploy/preview', state: 'failure' }),
      aStatus({ context: 'ci/legacy', state: 'error' }),
    ]);

    const failures = failingChecks({ checkRuns, status });

    expect(failures.map((failure) => [failure.source, failure.name])).toEqual([
      ['check_run', 'build'],
      ['check_run', 'unit'],
      ['status', 'ci/legacy'],
      ['status', 'deploy/preview'],
    ]);
  });

  it('keeps the newest status per context', () => {
    const status = aCombinedStatus([
      aStatus({ context: 'ci/lint', state: 'failure', updatedAt: '2026-01-01T10:00:00Z' }),
      aStatus({ context: 'ci/lint', state: 'success', updatedAt: '2026-01-01T10:30:00Z' }),
    ]);

    const failures = failingChecks({ checkRuns: [], status });

    expect(failures).toEqual([]);
  });

  it('reads a missing combined status as no statuses', () => {
    const checkRuns = [aCheckRun({ conclusion: 'failure' })];

    const failures = failingChecks({ checkRuns, status: null });

    expect(failures.map((failure) => failure.name)).toEqual(['test']);
  });
});

describe('pendingChecks', () => {
  it.each([
    ['a queued check run', [aCheckRun({ status: 'queued', conclusion: null })], [], true],
    ['a check run in progress', [aCheckRun({ status: 'in_progress', conclusion: null })], [], true],
    ['a pending status', [], [aStatus({ state: 'pending' })], true],
    ['only completed checks and settled statuses', [aCheckRun()], [aStatus({ state: 'failure' })], false],
    ['no CI at all', [], [], false],
  ])('reports %s as pending: %s', (_case, checkRuns, statuses, pending) => {
    const readings = { checkRuns, status: aCombinedStatus(statuses) };

    const result = pendingChecks(readings);

    expect(result).toBe(pending);
  });

  it('looks only at the newest run of each check', () => {
    const checkRuns = [
      aCheckRun({ id: 1, status: 'queued', conclusion: null, startedAt: '2026-01-01T09:00:00Z' }),
      aCheckRun({ id: 2, status: 'completed', conclusion: 'failure', startedAt: '2026-01-01T10:00:00Z' }),
    ];

    const result = pendingChecks({ checkRuns, status: null });

    expect(result).toBe(false);
  });

  it('counts a re-run that is still running as pending', () => {
    const checkRuns = [
      aCheckRun({ id: 1, conclusion: 'failure', startedAt: '2026-01-01T09:00:00Z' }),
      aCheckRun({ id: 2, status: 'in_progress', conclusion: null, startedAt: '2026-01-01T10:00:00Z' }),
    ];

    const result = pendingChecks({ checkRuns, status: null });

    expect(result).toBe(true);
  });
});

describe('compareWithBase', () => {
  it('sets aside failures whose check also fails on the base branch', () => {
    const head = [aCiFailure({ name: 'build' }), aCiFailure({ name: 'e2e' })];
    const base = [aCiFailure({ name: 'e2e' })];

    const comparison = compareWithBase(head, base);

    expect(comparison.toRepair.map((failure) => failure.name)).toEqual(['build']);
    expect(comparison.alsoOnBase.map((failure) => failure.name)).toEqual(['e2e']);
  });

  it('repairs every failure when the base branch is green', () => {
    const head = [aCiFailure({ name: 'build' }), aCiFailure({ name: 'ci/lint', source: 'status' })];

    const comparison = compareWithBase(head, []);

    expect(comparison.toRepair).toEqual(head);
    expect(comparison.alsoOnBase).toEqual([]);
  });

  it('ignores base failures of checks the head passes', () => {
    const base = [aCiFailure({ name: 'flaky' })];

    const comparison = compareWithBase([], base);

    expect(comparison).toEqual({ toRepair: [], alsoOnBase: [] });
  });
});

describe('failingChecks over what core reads from GitHub', () => {
  it('reports the check run output that the reader maps from the REST answer', async () => {
    const clock = createFakeClock(Date.UTC(2026, 0, 1, 10));
    const github = await startFakeGitHub({ owner: 'acme', repo: 'widgets', clock });
    onTestFinished(() => github.close());
    github.model.addCheckRun(headSha, {
      name: 'unit',
      status: 'completed',
      conclusion: 'failure',
      output: {
        title: '3 tests failed',
        summary: 'vitest reported failures',
        text: `${esc}[31mFAIL${esc}[39m src/app.test.ts\nAssertionError: expected 1 to be 2`,
      },
    });
    github.model.addCheckRun(headSha, { name: 'lint', status: 'completed', conclusion: 'success' });
    github.model.addCommitStatus(headSha, { context: 'ci/legacy', state: 'error', description: 'Timed out' });
    const { reader } = createCodeGitHubClients({
      owner: 'acme',
      repo: 'widgets',
      apiUrl: github.url,
      token: 'read-token',
      logger: createSilentLogger(),
      clock,
      tuning: { retries: 0 },
    });

    const readings = {
      checkRuns: await reader.listCheckRuns(headSha),
      status: await reader.getCombinedStatus(headSha),
    };
    const failures = failingChecks(readings);

    expect(failures.map((failure) => [failure.source, failure.name, failure.conclusion])).toEqual([
      ['check_run', 'unit', 'failure'],
      ['status', 'ci/legacy', 'error'],
    ]);
    expect(failures[0]).toMatchObject({
      summary: '3 tests failed\nvitest reported failures',
      excerpt: 'FAIL src/app.test.ts\nAssertionError: expected 1 to be 2',
      at: '2026-01-01T10:00:00Z',
    });
    expect(failures[0]?.url).toMatch(/\/runs\/\d+$/);
    expect(failures[1]?.summary).toBe('Timed out');
    expect(pendingChecks(readings)).toBe(false);
    github.assertNoViolations();
  });
});
