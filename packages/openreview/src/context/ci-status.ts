import type { CheckRun, CombinedStatus } from '@patchloop/core';

/** The aggregated CI state of a head commit. */
export type CiState = 'pending' | 'failure' | 'success' | 'missing';

/** One check run or commit status as the aggregation saw it. */
export interface CiDetail {
  readonly type: 'check_run' | 'commit_status';
  readonly name: string;
  readonly status: string;
  readonly conclusion: string;
}

/** CI of a head commit (spec §5.3.4). */
export interface CiStatus {
  readonly state: CiState;
  /** Green enough for an initial review: success with checks, or no CI at all (see {@link aggregateCiStatus}). */
  readonly ready: boolean;
  /** Settled: success or failure with checks. */
  readonly finalized: boolean;
  readonly hasChecks: boolean;
  readonly details: readonly CiDetail[];
}

const successConclusions: ReadonlySet<string> = new Set(['success', 'neutral', 'skipped']);
const failureConclusions: ReadonlySet<string> = new Set([
  'action_required',
  'cancelled',
  'failure',
  'stale',
  'startup_failure',
  'timed_out',
]);

type Verdict = 'pending' | 'success' | 'failure' | 'other';

function checkRunVerdict(run: CheckRun): Verdict {
  if (run.status !== 'completed') return 'pending';
  const conclusion = run.conclusion ?? '';
  if (successConclusions.has(conclusion)) return 'success';
  return failureConclusions.has(conclusion) ? 'failure' : 'other';
}

function statusVerdict(state: string): Verdict {
  if (state === 'pending') return 'pending';
  if (state === 'success') return 'success';
  return state === 'error' || state === 'failure' ? 'failure' : 'other';
}

/**
 * Aggregates ALL check runs (the reader pages them; the original read only 30, weakness 19) and the
 * combined status. A repository with no CI at all (`missing`) counts as ready: otherwise it would
 * never get an initial review unless someone commented (weakness 19). It is never `finalized`, so a
 * CI-failure follow-up cannot fire for it.
 */
export function aggregateCiStatus(checkRuns: readonly CheckRun[], combined: CombinedStatus | null): CiStatus {
  const details: CiDetail[] = [];
  const verdicts: Verdict[] = [];
  for (const run of checkRuns) {
    details.push({ type: 'check_run', name: run.name, status: run.status, conclusion: run.conclusion ?? '' });
    verdicts.push(checkRunVerdict(run));
  }
  for (const status of combined?.statuses ?? []) {
    details.push({
      type: 'commit_status',
      name: status.context,
      status: status.state,
      conclusion: status.state,
    });
    verdicts.push(statusVerdict(status.state));
  }
  const state = overallState(verdicts, combined);
  const hasChecks = details.length > 0;
  return {
    state,
    ready: (state === 'success' && hasChecks) || state === 'missing',
    finalized: (state === 'success' || state === 'failure') && hasChecks,
    hasChecks,
    details,
  };
}

function overallState(verdicts: readonly Verdict[], combined: CombinedStatus | null): CiState {
  if (verdicts.includes('pending')) return 'pending';
  if (verdicts.includes('failure')) return 'failure';
  if (verdicts.includes('success')) return 'success';
  // The combined state alone says `pending` for a commit without any status; only trust it
  // when GitHub reports statuses we did not see individually.
  if (combined !== null && combined.totalCount > 0) {
    const verdict = statusVerdict(combined.state);
    if (verdict !== 'other') return verdict;
  }
  return 'missing';
}

const problemConclusions: ReadonlySet<string> = new Set(['failure', 'error', 'cancelled', 'timed_out']);

/**
 * The CI summary: unfinished entries (`name:status`) first, then problems, then other conclusions
 * (`name:conclusion`), each group sorted; the first six joined by `, `, or `no-check-details`.
 */
export function summarizeCi(details: readonly CiDetail[]): string {
  const ranked = details.map((detail): [number, string] => {
    if (detail.status !== '' && detail.status !== 'completed') return [0, `${detail.name}:${detail.status}`];
    const group = problemConclusions.has(detail.conclusion) ? 1 : 2;
    return [group, `${detail.name}:${detail.conclusion || 'unknown'}`];
  });
  ranked.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  const texts = ranked.slice(0, 6).map(([, text]) => text);
  return texts.length > 0 ? texts.join(', ') : 'no-check-details';
}
