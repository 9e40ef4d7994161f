import type { PullRequest } from '@patchloop/core';
import type { PullRequestRecord } from '../store/pull-request-record.js';
import { autocodeTaskTypes, pullRequestTarget, repairTaskRequest } from '../tasks/autocode-tasks.js';
import { cursorOf } from './feedback/feedback-cursor.js';
import { feedbackKey } from './feedback/feedback-key.js';
import { findRedirect } from './feedback/owner-redirect.js';
import { pauseForHumanPush } from './hand-back.js';
import { readPullRequestFeedback } from './pull-request-feedback.js';
import type { RepairDeps } from './repair-deps.js';
import { mergeLedger } from './stop-rules/ledger.js';
import { trackingSourceOf } from './tracking.js';

/** What one scan of the tracked pull requests did (spec autocode-service §4.9 stats). */
export interface PullRequestScanReport {
  readonly scanned: number;
  readonly queued: number;
  readonly skipped: number;
  readonly paused: number;
}

const activeStatuses = ['queued', 'running', 'retry_waiting'] as const;

/**
 * The `pr-queue-cycle` (spec autocode-service §4.9, autocode-execution §3.1-3.5): one listing of
 * open pull requests, then for each tracked one: pause on a foreign push, skip while a repair is
 * queued or running, read its feedback, stop on a maintainer's "no more code" comment, record
 * every item in the ledger, and queue one repair task for the items still open. Tracked PRs that
 * are no longer open are marked closed.
 */
export async function scanPullRequests(deps: RepairDeps): Promise<PullRequestScanReport> {
  const { settings } = deps;
  const open = await deps.reader.listPullRequests({ state: 'open', perPage: 100, maxPages: 10 });
  const openNumbers = new Set(open.map((pr) => pr.number));
  for (const record of deps.pullRequests.listTracked({ status: 'open' })) {
    if (!openNumbers.has(record.number)) deps.pullRequests.track({ ...trackInput(record), status: 'closed' });
  }
  let scanned = 0;
  let queued = 0;
  let skipped = 0;
  let paused = 0;
  for (const pr of open) {
    const source = trackingSourceOf(pr, settings.tracking);
    if (source === null) continue;
    scanned += 1;
    const existing = deps.pullRequests.get(pr.number);
    const record = deps.pullRequests.track({
      number: pr.number,
      branch: pr.headRef,
      base: pr.baseRef,
      headSha: pr.headSha,
      url: pr.htmlUrl,
      author: pr.author.login,
      source,
      prUpdatedAt: pr.updatedAt,
      status: 'open',
    });
    if (record.repairPaused) {
      paused += 1;
      continue;
    }
    if (existing?.knownHeadSha != null && existing.knownHeadSha !== pr.headSha) {
      await pauseForHumanPush(deps, { prNumber: pr.number, headSha: pr.headSha });
      paused += 1;
      continue;
    }
    if (record.knownHeadSha === null) deps.pullRequests.setKnownHead(pr.number, pr.headSha);
    if (hasActiveRepair(deps, pr.number)) {
      skipped += 1;
      continue;
    }
    if (
      (await planRepair(deps, pr, record)) === 'queued' ||
      (await planRebase(deps, pr, record)) === 'queued'
    ) {
      queued += 1;
    } else {
      skipped += 1;
    }
  }
  return { scanned, queued, skipped, paused };
}

async function planRepair(
  deps: RepairDeps,
  pr: PullRequest,
  record: PullRequestRecord,
): Promise<'queued' | 'none'> {
  const feedback = await readPullRequestFeedback(deps, pr, record);
  const reviewItems = feedback.items.filter((item) => item.kind !== 'ci_failure');
  const redirect = findRedirect(reviewItems);
  if (redirect !== undefined) {
    // A maintainer said "no more code": the open items are declined with that reason, and this
    // batch is never planned again.
    const open = deps.ledger
      .list(pr.number)
      .filter((entry) => entry.state === 'open')
      .map((entry) => entry.fingerprint);
    deps.ledger.setState(pr.number, open, 'declined', { reason: `a maintainer asked to stop: ${redirect}` });
    deps.pullRequests.setReviewState(pr.number, feedback.reviewState, `Stopped by a maintainer: ${redirect}`);
    deps.pullRequests.setFeedbackCursor(pr.number, cursorOf(reviewItems));
    return 'none';
  }
  const known = deps.ledger.list(pr.number);
  const merged = mergeLedger(known, feedback.items);
  const current = new Set(feedback.items.map((item) => item.fingerprint));
  deps.ledger.upsertSeen(
    pr.number,
    merged.filter((entry) => current.has(entry.fingerprint)),
  );
  const states = new Map(deps.ledger.list(pr.number).map((entry) => [entry.fingerprint, entry.state]));
  const openItems = feedback.items.filter((item) => states.get(item.fingerprint) === 'open');
  if (openItems.length === 0) {
    deps.pullRequests.setReviewState(pr.number, feedback.reviewState, 'No open feedback');
    return 'none';
  }
  const key = feedbackKey(pr.number, openItems);
  const { created } = deps.queue.enqueue(
    repairTaskRequest(
      { number: pr.number, mode: 'feedback', headSha: pr.headSha, feedbackKey: key, items: openItems },
      { source: 'pr_scan', maxAttempts: deps.settings.maxAttempts },
    ),
  );
  deps.pullRequests.setReviewState(
    pr.number,
    feedback.reviewState,
    `Repair queued for ${openItems.length} feedback item(s)`,
  );
  if (created) {
    deps.eventLog.append({
      category: 'pr_task_queue',
      level: 'info',
      message: `Queued a repair of PR #${pr.number} for ${openItems.length} feedback item(s)`,
      data: { source: 'pr_scan', pr: pr.number, feedbackKey: key },
    });
  }
  return 'queued';
}

/**
 * Queues a rebase when GitHub says the PR conflicts with its base (`mergeable_state: dirty`), once per
 * head and base: a rebase that failed is not tried again until either moves.
 */
async function planRebase(
  deps: RepairDeps,
  pr: PullRequest,
  record: PullRequestRecord,
): Promise<'queued' | 'none'> {
  if (record.rebaseFailedHeadSha === pr.headSha) return 'none';
  const detail = await deps.reader.getPullRequest(pr.number);
  if (detail.mergeableState?.toLowerCase() !== 'dirty') {
    if (record.rebaseFailedHeadSha !== null) deps.pullRequests.clearRebaseFailure(pr.number);
    return 'none';
  }
  deps.queue.enqueue(
    repairTaskRequest(
      {
        number: pr.number,
        mode: 'rebase',
        headSha: detail.headSha,
        feedbackKey: `rebase:${pr.number}:${detail.headSha}:${detail.baseSha}`,
        items: [],
      },
      { source: 'pr_scan', maxAttempts: deps.settings.maxAttempts },
    ),
  );
  return 'queued';
}

function hasActiveRepair(deps: Pick<RepairDeps, 'queue'>, prNumber: number): boolean {
  const target = pullRequestTarget(prNumber);
  return activeStatuses.some((status) =>
    deps.queue
      .list({ type: autocodeTaskTypes.pullRequest, status, limit: 1000 })
      .some((task) => task.targetKey === target),
  );
}

function trackInput(record: PullRequestRecord) {
  return {
    number: record.number,
    branch: record.branch,
    base: record.base,
    source: record.source ?? 'autocode_branch',
  } as const;
}
