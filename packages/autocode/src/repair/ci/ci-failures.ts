import type { CheckRun, CombinedStatus, CommitStatus } from '@patchloop/core';
import { checkSummaryText, logExcerpt } from './check-output-text.js';

/** What CI reported for one commit: its check runs and its combined commit status. */
export interface CiReadings {
  readonly checkRuns: readonly CheckRun[];
  /** `null` when the status was not read; treated as a commit without statuses. */
  readonly status: CombinedStatus | null;
}

/** A failing check on a commit, shaped as repair input: what failed, how, and the end of its log. */
export interface CiFailure {
  /** The check run's name or the commit status's context. */
  readonly name: string;
  readonly source: 'check_run' | 'status';
  /** The check run's conclusion, or the status's state (`failure` / `error`). */
  readonly conclusion: string;
  /** Title and summary of the check's report (a status's description); at most 600 characters. */
  readonly summary: string;
  /** The last lines of the check's log (`output.text`), ANSI-free; `''` for statuses. */
  readonly excerpt: string;
  readonly url: string | null;
  /** When GitHub recorded the result (completed / updated), ISO-8601. */
  readonly at: string;
}

/** The head's failures, split by whether the base branch fails the same check. */
export interface BaseComparison {
  /** Failures that are the pull request's own: repair work. */
  readonly toRepair: CiFailure[];
  /** Failures the base branch shows too: reported to people, never "fixed" in the pull request. */
  readonly alsoOnBase: CiFailure[];
}

// Cancelled, skipped and neutral runs say nothing about the code; stale and startup failures are
// CI-side trouble that a code change cannot fix.
const failingConclusions: ReadonlySet<string> = new Set(['failure', 'timed_out', 'action_required']);
const failingStates: ReadonlySet<string> = new Set(['failure', 'error']);
// GitHub always sets completed_at on a completed run; the epoch only keeps the type total.
const unknownTime = '1970-01-01T00:00:00Z';

/**
 * The failing checks of a commit: the newest run per check name when it completed with `failure`,
 * `timed_out` or `action_required`, then the statuses in state `failure` or `error`, each in
 * name order. A newer run of the same name (a re-run) supersedes an older failure.
 */
export function failingChecks(readings: CiReadings): CiFailure[] {
  const runs = newestRunPerName(readings.checkRuns)
    .filter((run) => run.status === 'completed' && failingConclusions.has(run.conclusion ?? ''))
    .map(checkRunFailure);
  const statuses = newestStatusPerContext(readings.status?.statuses ?? [])
    .filter((status) => failingStates.has(status.state))
    .map(statusFailure);
  return [...runs.sort(byName), ...statuses.sort(byName)];
}

/**
 * Whether CI is still working on the commit: the newest run of some check is not completed
 * (queued, in progress or waiting), or some status is `pending`. Repair waits for a settled head.
 */
export function pendingChecks(readings: CiReadings): boolean {
  const runPending = newestRunPerName(readings.checkRuns).some((run) => run.status !== 'completed');
  const statuses = newestStatusPerContext(readings.status?.statuses ?? []);
  return runPending || statuses.some((status) => status.state === 'pending');
}

/**
 * Splits the head's failures by whether a check of the same name also fails on the base branch's
 * head: those fail the same way without this pull request, so repairing them here is not its job.
 */
export function compareWithBase(head: readonly CiFailure[], base: readonly CiFailure[]): BaseComparison {
  const failingOnBase = new Set(base.map((failure) => failure.name));
  return {
    toRepair: head.filter((failure) => !failingOnBase.has(failure.name)),
    alsoOnBase: head.filter((failure) => failingOnBase.has(failure.name)),
  };
}

function checkRunFailure(run: CheckRun): CiFailure {
  return {
    name: run.name,
    source: 'check_run',
    conclusion: run.conclusion ?? '',
    summary: checkSummaryText(run.output.title, run.output.summary),
    excerpt: logExcerpt(run.output.text),
    url: run.htmlUrl,
    at: run.completedAt ?? run.startedAt ?? unknownTime,
  };
}

function statusFailure(status: CommitStatus): CiFailure {
  return {
    name: status.context,
    source: 'status',
    conclusion: status.state,
    summary: checkSummaryText(null, status.description),
    excerpt: '',
    url: status.targetUrl,
    at: status.updatedAt,
  };
}

function newestRunPerName(runs: readonly CheckRun[]): CheckRun[] {
  const newest = new Map<string, CheckRun>();
  for (const run of runs) {
    const current = newest.get(run.name);
    if (current === undefined || isNewerRun(run, current)) newest.set(run.name, run);
  }
  return [...newest.values()];
}

// Start times order re-runs; GitHub's ids only grow, so they break ties and cover a missing time.
function isNewerRun(candidate: CheckRun, current: CheckRun): boolean {
  const candidateStart = instantOf(candidate.startedAt);
  const currentStart = instantOf(current.startedAt);
  if (candidateStart !== null && currentStart !== null && candidateStart !== currentStart) {
    return candidateStart > currentStart;
  }
  return candidate.id > current.id;
}

// GitHub's combined status already keeps the newest status per context; this holds for any input.
function newestStatusPerContext(statuses: readonly CommitStatus[]): CommitStatus[] {
  const newest = new Map<string, CommitStatus>();
  for (const status of statuses) {
    const current = newest.get(status.context);
    const isNewer = (instantOf(status.updatedAt) ?? 0) > (instantOf(current?.updatedAt ?? null) ?? 0);
    if (current === undefined || isNewer) newest.set(status.context, status);
  }
  return [...newest.values()];
}

function instantOf(iso: string | null): number | null {
  if (iso === null) return null;
  const instant = Date.parse(iso);
  return Number.isNaN(instant) ? null : instant;
}

function byName(a: CiFailure, b: CiFailure): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
