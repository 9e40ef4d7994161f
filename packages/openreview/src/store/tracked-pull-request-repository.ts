import type { Clock, Database } from '@patchloop/core';
import { laterGitHubTime, parseGitHubTime } from './github-time.js';
import { appendKeys } from './key-history.js';
import type { PullRequestReviewMetadata } from './review-keys.js';
import type { TrackedPullRequest, TrackedPullRequestRow } from './tracked-pull-request.js';
import {
  toTrackedPullRequest,
  toTrackedPullRequestParams,
  trackedPullRequestTable,
  untrackedPullRequest,
} from './tracked-pull-request.js';
import type { TrackedPullRequestSelection } from './tracked-pull-request-selection.js';
import { createTrackedPullRequestSelector } from './tracked-pull-request-selection.js';

/** One observation of a PR's head and CI (polling or a re-fetch before review). */
export interface PullRequestObservation {
  readonly number: number;
  readonly headSha: string;
  readonly ciState: string | null;
  readonly createdAt?: string | null | undefined;
  readonly updatedAt?: string | null | undefined;
}

/** What to record after a review was really posted (or found already posted by its marker). */
export interface MarkPullRequestProcessedInput {
  readonly number: number;
  readonly key: string;
  /** Keys that count as reviewed too (e.g. the discussion key seen at the initial review). */
  readonly aliasKeys?: readonly string[] | undefined;
  readonly headSha: string;
  /** The PR's `updated_at` at review time; defaults to the stored one. */
  readonly updatedAt?: string | null | undefined;
  readonly createdAt?: string | null | undefined;
  readonly ciState?: string | null | undefined;
  readonly source: string;
  readonly metadata?: PullRequestReviewMetadata | null | undefined;
}

/** A review that could not be prepared (e.g. the base branch could not be fetched). */
export interface RecordPullRequestBlockedInput {
  readonly number: number;
  readonly headSha: string;
  readonly reason: string;
  readonly source: string;
  /** Whether a blocked notice was due (posted now, or found already posted by its marker). */
  readonly notified: boolean;
}

/** What one completed review-submission scan of a PR observed. */
export interface ReviewScanResult {
  readonly number: number;
  /** ISO time of the scan (our clock); the current time is used when it does not parse. */
  readonly scannedAt: string;
  /** Newest review time seen, `null` when there was none; never moves the cursor back. */
  readonly newestReviewAt: string | null;
}

/**
 * The tracked-PR table with the observable rules of spec §4.4. Callers mark a PR processed only
 * after a real post or a found marker: a dry run, a blocked or an empty review leaves it pending.
 */
export interface TrackedPullRequestRepository {
  get(number: number): TrackedPullRequest | undefined;
  /** Tracked PRs stay eligible in the PR scan even when they predate the cursor. */
  isTracked(number: number): boolean;
  /** True when this review key (primary or alias) was already posted. */
  isPrReviewProcessed(number: number, key: string): boolean;
  /** True when this head was reviewed and `updatedAt` is not later than the reviewed version. */
  isPrSameVersionProcessed(number: number, headSha: string, updatedAt: string): boolean;
  markPrProcessed(input: MarkPullRequestProcessedInput): TrackedPullRequest;
  /** Records an observation; a different head restarts the debounce window. */
  markPrSeen(observation: PullRequestObservation): TrackedPullRequest;
  /** True once `headSha` has been the observed head for at least `windowMs`. */
  isPrHeadStable(number: number, headSha: string, windowMs: number): boolean;
  /** True unless the same head and reason were notified less than `cooldownMs` ago. */
  shouldNotifyPrBlocked(number: number, headSha: string, reason: string, cooldownMs: number): boolean;
  recordPrBlocked(input: RecordPullRequestBlockedInput): TrackedPullRequest;
  /** Reachable PRs, active within the age, never reviewed or observed on an unreviewed head. */
  pendingPrNumbersForPolling(selection: TrackedPullRequestSelection): readonly number[];
  /** Reachable PRs, active within the age, not scanned since their last activity; fair rotation. */
  prNumbersForReviewPolling(selection: TrackedPullRequestSelection): readonly number[];
  /** Reviews at or before this time were already seen; moves only on a completed scan. */
  prReviewPollingCutoff(number: number): string | null;
  recordReviewScan(scan: ReviewScanResult): void;
  markPrUnreachable(number: number): void;
  clearPrUnreachable(number: number): void;
  /** Forgets PRs with no activity, observation or review since `olderThan` (epoch ms). */
  pruneInactive(olderThan: number): number;
}

/** Dependencies; `baseline` answers the poll bootstrap time used as the last-resort review cutoff. */
export interface TrackedPullRequestRepositoryDeps {
  readonly db: Database;
  readonly clock: Clock;
  readonly baseline?: (() => string) | undefined;
}

const TABLE = trackedPullRequestTable;
// Column lists come from the row mapping, so a new column cannot be half-wired.
const WRITE_COLUMNS = Object.keys(toTrackedPullRequestParams(untrackedPullRequest(0)));
const ROW_COLUMNS = WRITE_COLUMNS.filter((column) => column !== 'activity_at');

/** Creates the tracked-PR repository over openreview's migrated database. */
export function createTrackedPullRequestRepository({
  db,
  clock,
  baseline,
}: TrackedPullRequestRepositoryDeps): TrackedPullRequestRepository {
  const statements = {
    get: db.prepare<[number], TrackedPullRequestRow>(
      `SELECT ${ROW_COLUMNS.join(', ')} FROM ${TABLE} WHERE number = ?`,
    ),
    upsert: db.prepare<[Record<string, unknown>]>(
      `INSERT INTO ${TABLE} (${WRITE_COLUMNS.join(', ')}) VALUES (${WRITE_COLUMNS.map((c) => `@${c}`).join(', ')})
       ON CONFLICT (number) DO UPDATE SET ${WRITE_COLUMNS.slice(1)
         .map((c) => `${c} = excluded.${c}`)
         .join(', ')}`,
    ),
    unreachable: db.prepare<[number, number]>(
      `UPDATE ${TABLE} SET unreachable_count = unreachable_count + 1, unreachable_at = ? WHERE number = ?`,
    ),
    reachable: db.prepare<[number]>(
      `UPDATE ${TABLE} SET unreachable_count = 0, unreachable_at = NULL WHERE number = ?`,
    ),
    prune: db.prepare<[Record<string, unknown>]>(
      `DELETE FROM ${TABLE} WHERE (activity_at IS NULL OR activity_at < @before)
         AND COALESCE(last_seen_at, 0) < @before AND COALESCE(last_processed_at, 0) < @before
         AND COALESCE(last_blocked_at, 0) < @before`,
    ),
  };
  const get = (number: number): TrackedPullRequest | undefined => {
    const row = statements.get.get(number);
    return row === undefined ? undefined : toTrackedPullRequest(row);
  };
  // Every change is a read-modify-write inside one synchronous transaction.
  const update = db.transaction(
    (number: number, change: (pr: TrackedPullRequest) => TrackedPullRequest): TrackedPullRequest => {
      const next = change(get(number) ?? untrackedPullRequest(number));
      statements.upsert.run(toTrackedPullRequestParams(next));
      return next;
    },
  );
  const selector = createTrackedPullRequestSelector({ db, clock });
  return {
    get,
    isTracked: (number) => statements.get.get(number) !== undefined,
    isPrReviewProcessed: (number, key) => {
      const wanted = key.trim();
      const pr = get(number);
      if (pr === undefined || wanted === '') return false;
      return pr.lastProcessedReviewKey === wanted || pr.processedReviewKeys.includes(wanted);
    },
    isPrSameVersionProcessed: (number, headSha, updatedAt) => {
      const pr = get(number);
      if (pr?.lastProcessedHeadSha == null || pr.lastProcessedHeadSha !== headSha.trim()) return false;
      return notLaterThan(updatedAt, pr.lastProcessedUpdatedAt);
    },
    markPrProcessed: (input) =>
      update(input.number, (pr) => {
        const now = clock.now();
        const headSha = input.headSha.trim();
        const processedUpdatedAt = nonEmpty(input.updatedAt) ?? pr.lastProcessedUpdatedAt ?? pr.updatedAt;
        return {
          ...observe(pr, { headSha, ciState: input.ciState ?? pr.lastSeenCiState, now }),
          createdAt: nonEmpty(input.createdAt) ?? pr.createdAt,
          updatedAt: laterGitHubTime(pr.updatedAt, nonEmpty(input.updatedAt)),
          lastProcessedHeadSha: headSha,
          lastProcessedReviewKey: input.key.trim(),
          processedReviewKeys: appendKeys(pr.processedReviewKeys, input.key, input.aliasKeys),
          lastProcessedUpdatedAt: processedUpdatedAt,
          lastProcessedAt: now,
          lastProcessedSource: input.source,
          lastProcessedReviewMetadata: input.metadata ?? null,
          // Seeded once: later follow-ups must not hide reviews submitted in between (scenario 61).
          lastReviewSubmissionCursorAt: pr.lastReviewSubmissionCursorAt ?? processedUpdatedAt,
        };
      }),
    markPrSeen: (observation) =>
      update(observation.number, (pr) => ({
        ...observe(pr, {
          headSha: observation.headSha.trim(),
          ciState: observation.ciState,
          now: clock.now(),
        }),
        createdAt: nonEmpty(observation.createdAt) ?? pr.createdAt,
        updatedAt: laterGitHubTime(pr.updatedAt, nonEmpty(observation.updatedAt)),
      })),
    isPrHeadStable: (number, headSha, windowMs) => {
      const pr = get(number);
      if (pr === undefined || pr.lastSeenHeadSha !== headSha.trim()) return false;
      if (pr.headShaFirstSeenAt === null) return true;
      return clock.now() - pr.headShaFirstSeenAt >= windowMs;
    },
    shouldNotifyPrBlocked: (number, headSha, reason, cooldownMs) => {
      const pr = get(number);
      if (pr === undefined || pr.lastBlockedNotifiedAt === null) return true;
      if (pr.lastBlockedNotifiedHeadSha !== headSha.trim()) return true;
      if (pr.lastBlockedNotifiedReason !== reason.trim()) return true;
      return clock.now() - pr.lastBlockedNotifiedAt >= cooldownMs;
    },
    recordPrBlocked: (input) =>
      update(input.number, (pr) => {
        const now = clock.now();
        const blocked = {
          ...pr,
          lastBlockedHeadSha: input.headSha.trim(),
          lastBlockedAt: now,
          lastBlockedReason: input.reason.trim(),
          lastBlockedSource: input.source,
        };
        if (!input.notified) return blocked;
        return {
          ...blocked,
          lastBlockedNotifiedHeadSha: input.headSha.trim(),
          lastBlockedNotifiedReason: input.reason.trim(),
          lastBlockedNotifiedAt: now,
        };
      }),
    pendingPrNumbersForPolling: (selection) => selector.pending(selection),
    prNumbersForReviewPolling: (selection) => selector.dueForReviewScan(selection),
    prReviewPollingCutoff: (number) => {
      const pr = get(number);
      return pr?.lastReviewSubmissionCursorAt ?? pr?.lastProcessedUpdatedAt ?? baseline?.() ?? null;
    },
    recordReviewScan: (scan) => {
      // A scan of a PR we do not track creates nothing: only tracked PRs are ever scanned.
      if (get(scan.number) === undefined) return;
      update(scan.number, (pr) => ({
        ...pr,
        lastReviewScanAt: parseGitHubTime(scan.scannedAt) ?? clock.now(),
        lastReviewSubmissionCursorAt: laterGitHubTime(pr.lastReviewSubmissionCursorAt, scan.newestReviewAt),
      }));
    },
    markPrUnreachable: (number) => {
      statements.unreachable.run(clock.now(), number);
    },
    clearPrUnreachable: (number) => {
      statements.reachable.run(number);
    },
    pruneInactive: (olderThan) => statements.prune.run({ before: olderThan }).changes,
  };
}

function observe(
  pr: TrackedPullRequest,
  seen: { readonly headSha: string; readonly ciState: string | null; readonly now: number },
): TrackedPullRequest {
  const headChanged = pr.lastSeenHeadSha !== seen.headSha;
  return {
    ...pr,
    lastSeenHeadSha: seen.headSha,
    lastSeenCiState: seen.ciState,
    lastSeenAt: seen.now,
    headShaFirstSeenAt: headChanged ? seen.now : pr.headShaFirstSeenAt,
  };
}

// Parsed instants when both parse; exact string equality otherwise (spec §4.4, weakness 26).
function notLaterThan(candidate: string, reference: string | null): boolean {
  if (reference === null) return false;
  const candidateAt = parseGitHubTime(candidate);
  const referenceAt = parseGitHubTime(reference);
  if (candidateAt === null || referenceAt === null) return candidate.trim() === reference.trim();
  return candidateAt <= referenceAt;
}

function nonEmpty(value: string | null | undefined): string | null {
  return value === null || value === undefined || value.trim() === '' ? null : value.trim();
}
