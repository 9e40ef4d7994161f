import type { CheckRun, CombinedStatus, CommitStatus } from '@patchloop/core';
import type { CiFailure } from './ci-failures.js';

// Builders for the CI tests: hand-built core objects shaped as core's REST mappers return them.

/** A head commit SHA for tests. */
export const headSha = 'a'.repeat(40);

/** A completed, successful check run; override any field. */
export function aCheckRun(overrides: Partial<CheckRun> = {}): CheckRun {
  return {
    id: 1,
    name: 'test',
    status: 'completed',
    conclusion: 'success',
    headSha,
    startedAt: '2026-01-01T10:00:00Z',
    completedAt: '2026-01-01T10:05:00Z',
    htmlUrl: 'https://github.com/acme/widgets/runs/1',
    output: { title: null, summary: null, text: null },
    ...overrides,
  };
}

/** A commit status; override any field. */
export function aStatus(overrides: Partial<CommitStatus> = {}): CommitStatus {
  return {
    context: 'ci/lint',
    state: 'success',
    description: null,
    targetUrl: null,
    updatedAt: '2026-01-01T10:05:00Z',
    ...overrides,
  };
}

/** The combined status GitHub would report over these statuses. */
export function aCombinedStatus(statuses: readonly CommitStatus[] = []): CombinedStatus {
  const states = statuses.map((status) => status.state);
  const failed = states.includes('failure') || states.includes('error');
  const pending = states.length === 0 || states.includes('pending');
  return {
    sha: headSha,
    state: failed ? 'failure' : pending ? 'pending' : 'success',
    totalCount: statuses.length,
    statuses,
  };
}

/** A failing check as `failingChecks` reports it; override any field. */
export function aCiFailure(overrides: Partial<CiFailure> = {}): CiFailure {
  return {
    name: 'test',
    source: 'check_run',
    conclusion: 'failure',
    summary: '',
    excerpt: '',
    url: null,
    at: '2026-01-01T10:05:00Z',
    ...overrides,
  };
}
