import type { CheckRun, CombinedStatus, CommitStatusState } from '@patchloop/core';
import { describe, expect, it } from 'vitest';
import { aggregateCiStatus, summarizeCi } from './ci-status.js';

function run(name: string, status: string, conclusion: string | null = null): CheckRun {
  return {
    id: name.length,
    name,
    status,
    conclusion,
    headSha: 'abc',
    startedAt: null,
    completedAt: null,
    htmlUrl: null,
    output: { title: null, summary: null, text: null },
  };
}

function combined(
  state: CommitStatusState,
  statuses: ReadonlyArray<[string, CommitStatusState]>,
): CombinedStatus {
  return {
    sha: 'abc',
    state,
    totalCount: statuses.length,
    statuses: statuses.map(([context, s]) => ({
      context,
      state: s,
      description: null,
      targetUrl: null,
      updatedAt: '2026-01-01T00:00:00Z',
    })),
  };
}

describe('aggregateCiStatus', () => {
  it.each([
    {
      rule: 'any unfinished run is pending',
      runs: [run('a', 'completed', 'failure'), run('b', 'queued')],
      state: 'pending',
      ready: false,
      finalized: false,
    },
    {
      rule: 'a failure without pending is failure',
      runs: [run('a', 'completed', 'success'), run('b', 'completed', 'timed_out')],
      state: 'failure',
      ready: false,
      finalized: true,
    },
    {
      rule: 'success, neutral and skipped are success',
      runs: [
        run('a', 'completed', 'neutral'),
        run('b', 'completed', 'skipped'),
        run('c', 'completed', 'success'),
      ],
      state: 'success',
      ready: true,
      finalized: true,
    },
    {
      rule: 'no CI at all is missing and ready for an initial review',
      runs: [],
      state: 'missing',
      ready: true,
      finalized: false,
    },
  ])('$rule', ({ runs, state, ready, finalized }) => {
    const status = aggregateCiStatus(runs, combined('pending', []));

    expect(status).toMatchObject({ state, ready, finalized, hasChecks: runs.length > 0 });
  });

  it('counts commit statuses: an error status fails an otherwise green head', () => {
    const status = aggregateCiStatus(
      [run('build', 'completed', 'success')],
      combined('error', [['deploy', 'error']]),
    );

    expect(status.state).toBe('failure');
    expect(status.details).toContainEqual({
      type: 'commit_status',
      name: 'deploy',
      status: 'error',
      conclusion: 'error',
    });
  });

  it('aggregates every check run it is given, not just the first page (weakness 19)', () => {
    const runs = Array.from({ length: 45 }, (_, index) => run(`job-${index}`, 'completed', 'success'));
    runs.push(run('late-job', 'in_progress'));

    const status = aggregateCiStatus(runs, null);

    expect(status.state).toBe('pending');
    expect(status.details).toHaveLength(46);
  });
});

describe('summarizeCi', () => {
  it('lists unfinished first, then problems, then other conclusions, at most six', () => {
    const status = aggregateCiStatus(
      [
        run('lint', 'completed', 'success'),
        run('test', 'completed', 'failure'),
        run('build', 'in_progress'),
        run('a1', 'completed', 'success'),
        run('a2', 'completed', 'success'),
        run('a3', 'completed', 'success'),
        run('a4', 'completed', 'success'),
      ],
      combined('pending', [['ext', 'pending']]),
    );

    expect(summarizeCi(status.details)).toBe(
      'build:in_progress, ext:pending, test:failure, a1:success, a2:success, a3:success',
    );
  });

  it('says no-check-details when there is nothing', () => {
    expect(summarizeCi([])).toBe('no-check-details');
  });
});
