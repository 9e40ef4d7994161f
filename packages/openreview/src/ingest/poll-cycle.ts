import type {
  Clock,
  EnqueueDisposition,
  EnqueueRequest,
  GitHubReader,
  Issue,
  Logger,
  PullRequest,
} from '@patchloop/core';
import { toIsoSeconds } from '@patchloop/core';
import { issueTaskRequest, pullRequestTaskRequest } from '../tasks/review-tasks.js';
import { type IgnoreRules, isBotAccount } from './activity-rules.js';
import { createCursorWindow, instant } from './cursor-window.js';
import {
  type CompletedReviewScan,
  type DiscussionTarget,
  issueCommentTargets,
  mergeTarget,
  reviewCommentTargets,
  scanReviewSubmissions,
} from './discussion-targets.js';
import type { ReviewCursors, TrackedPullRequests } from './poll-ports.js';
import { resolveTarget } from './resolve-target.js';

/** How the poll cycle reads and what it ignores. */
export interface PollCycleSettings {
  /** `per_page` of every listing (POLL_ITEMS_PER_PAGE). */
  readonly itemsPerPage: number;
  /** Pages read per listing per cycle; keeps a cycle's cost bounded after a long outage. */
  readonly maxPages: number;
  readonly rules: IgnoreRules;
  readonly minIssueNumber: number;
  readonly minPullRequestNumber: number;
  readonly pendingPullRequests: { readonly batchSize: number; readonly maxAgeMs: number };
  readonly reviewSubmissions: { readonly batchSize: number; readonly maxAgeMs: number };
}

/** Dependencies of {@link createPollCycle}. */
export interface PollCycleDeps {
  readonly reader: GitHubReader;
  readonly cursors: ReviewCursors;
  readonly trackedPullRequests: TrackedPullRequests;
  /** Hands a request to the durable queue (`taskQueue.enqueue`). */
  readonly enqueue: (request: EnqueueRequest) => { readonly disposition: EnqueueDisposition };
  readonly clock: Clock;
  readonly logger: Logger;
  readonly settings: PollCycleSettings;
}

/** What one cycle did. */
export interface PollReport {
  /** Requests handed to the queue (the queue may still fold them into existing tasks). */
  readonly enqueued: number;
  /** Items that could not be resolved or queued; their cursor stays before them. */
  readonly failedItems: number;
  /** Listings that could not be read this cycle; their cursors did not move. */
  readonly failedListings: readonly string[];
}

/** One poll cycle; the poller runs it on a fixed delay. */
export interface PollCycle {
  runOnce(): Promise<PollReport>;
}

// Requests this process already handed off; re-listed items in the overlap window skip the queue
// and the target lookup. Bounded so a long-running daemon does not grow it without limit.
const handedOffMemory = 2_000;

/**
 * Polls GitHub for review work (spec §3.1, phases A discussions, B issues, C pull requests) and
 * turns it into tasks. Every request is conditional and no request carries a moving parameter
 * unless its cursor moved, so a cycle in which nothing changed costs no rate limit.
 */
export function createPollCycle(deps: PollCycleDeps): PollCycle {
  const { reader, cursors, trackedPullRequests: tracked, clock, logger, settings } = deps;
  const pages = { perPage: settings.itemsPerPage, maxPages: settings.maxPages };
  const handedOff = new Set<string>();
  const scannedVersions = new Map<number, string>();

  return {
    runOnce: async () => {
      const report = { enqueued: 0, failedItems: 0, failedListings: [] as string[] };
      const listing = async <T>(name: string, read: () => Promise<T>): Promise<T | undefined> => {
        try {
          return await read();
        } catch (error) {
          report.failedListings.push(name);
          logger.warn({ listing: name, err: error }, 'Poll listing failed; its cursor stays');
          return undefined;
        }
      };
      // Returns false when the item failed; already handed-off requests are not sent again.
      const handOff = (request: EnqueueRequest, memoKey: string): boolean => {
        if (handedOff.has(memoKey)) return true;
        try {
          const { disposition } = deps.enqueue(request);
          report.enqueued += 1;
          // A request folded into another pending task was not recorded: let the overlap retry it.
          if (disposition !== 'already_active') remember(handedOff, memoKey);
          return true;
        } catch (error) {
          report.failedItems += 1;
          logger.error({ dedupeKey: request.dedupeKey, err: error }, 'Poll could not enqueue a task');
          return false;
        }
      };

      // The open PR list first: phase A needs it to skip unchanged PRs, phase C processes it.
      const pulls = await listing('pull_requests', () =>
        reader.listPullRequests({ state: 'open', sort: 'updated', direction: 'desc', ...pages }),
      );
      const openPulls = new Map((pulls ?? []).map((pull) => [pull.number, pull]));
      const pullListComplete =
        pulls !== undefined && pulls.length < settings.itemsPerPage * settings.maxPages;

      // Phase A: discussions.
      const targets = new Map<number, DiscussionTarget>();
      const commentWindow = createCursorWindow(cursors, 'issue_comment');
      const comments = await listing('issue_comments', () =>
        reader.listRepositoryComments({ since: cursors.get('issue_comment'), ...listOrder, ...pages }),
      );
      for (const comment of comments ?? []) commentWindow.observe(comment.updatedAt);
      for (const target of issueCommentTargets(comments ?? [], settings.rules)) mergeTarget(targets, target);

      const reviewCommentWindow = createCursorWindow(cursors, 'review_comment');
      const reviewComments = await listing('review_comments', () =>
        reader.listRepositoryReviewComments({ since: cursors.get('review_comment'), ...listOrder, ...pages }),
      );
      for (const comment of reviewComments ?? []) reviewCommentWindow.observe(comment.updatedAt);
      for (const target of reviewCommentTargets(reviewComments ?? [], settings.rules)) {
        mergeTarget(targets, target);
      }

      const scan = await scanReviewSubmissions({
        reader,
        tracked,
        rules: settings.rules,
        selection: {
          limit: settings.reviewSubmissions.batchSize,
          maxAgeMs: settings.reviewSubmissions.maxAgeMs,
        },
        logger,
        openPulls,
        scannedVersions,
      });
      for (const target of scan.targets) mergeTarget(targets, target);

      const failedNumbers = new Set<number>();
      const issueCache = new Map<number, Issue>();
      for (const target of targets.values()) {
        const memoKey = `${target.number}:${target.activity.fingerprint}`;
        // Re-listed in the overlap window and already queued: no lookup, no enqueue.
        if (handedOff.has(memoKey)) continue;
        let handled = false;
        try {
          const request = await resolveTarget(target, {
            reader,
            openPulls,
            pullListComplete,
            issueCache,
            minIssueNumber: settings.minIssueNumber,
            minPullRequestNumber: settings.minPullRequestNumber,
          });
          handled = request === undefined || handOff(request, memoKey);
        } catch (error) {
          logger.warn({ number: target.number, err: error }, 'Poll could not resolve a discussion target');
          report.failedItems += 1;
        }
        if (handled) continue;
        failedNumbers.add(target.number);
        if (target.origin === 'issue_comment') commentWindow.fail(target.activity.at);
        if (target.origin === 'review_comment') reviewCommentWindow.fail(target.activity.at);
      }
      if (comments !== undefined) commentWindow.commit();
      if (reviewComments !== undefined) reviewCommentWindow.commit();
      recordScans(scan.scans, failedNumbers);

      // Phase B: issues changed since the cursor.
      const issueWindow = createCursorWindow(cursors, 'issue');
      const issues = await listing('issues', () =>
        reader.listIssues({ state: 'all', since: cursors.get('issue'), ...listOrder, ...pages }),
      );
      for (const issue of issues ?? []) {
        issueWindow.observe(issue.updatedAt);
        if (!isReviewableIssue(issue) || targets.has(issue.number)) continue;
        const request = issueTaskRequest({
          number: issue.number,
          source: 'polling',
          updatedAt: issue.updatedAt,
          activity: null,
          allowUnanswerableReply: true,
        });
        if (!handOff(request, request.dedupeKey)) issueWindow.fail(issue.updatedAt);
      }
      if (issues !== undefined) issueWindow.commit();

      // Phase C: open PRs changed since the cursor, then tracked PRs still waiting for a review.
      if (pulls !== undefined) {
        const pullWindow = createCursorWindow(cursors, 'pull_request');
        const since = instant(cursors.get('pull_request'));
        const queued = new Set<number>();
        for (const pull of pulls) {
          pullWindow.observe(pull.updatedAt);
          if (instant(pull.updatedAt) < since || !isReviewablePull(pull)) continue;
          queued.add(pull.number);
          if (!handOffPull(pull)) pullWindow.fail(pull.updatedAt);
        }
        pullWindow.commit();
        await catchUpPending(queued, openPulls, pullListComplete);
      }
      return report;

      function handOffPull(pull: PullRequest): boolean {
        const request = pullRequestTaskRequest({
          number: pull.number,
          source: 'polling',
          headSha: pull.headSha,
          updatedAt: pull.updatedAt,
          activity: null,
        });
        return handOff(request, request.dedupeKey);
      }

      // Tracked PRs that fell off the changed set; CI outcomes do not move `updated_at`.
      async function catchUpPending(
        queued: ReadonlySet<number>,
        open: ReadonlyMap<number, PullRequest>,
        complete: boolean,
      ): Promise<void> {
        const selection = {
          limit: settings.pendingPullRequests.batchSize,
          maxAgeMs: settings.pendingPullRequests.maxAgeMs,
        };
        for (const number of tracked.pendingPrNumbersForPolling(selection)) {
          if (queued.has(number)) continue;
          const listed = open.get(number);
          // Absent from a complete open list means closed: nothing to review (weakness 20).
          if (listed === undefined && complete) continue;
          const pull = listed ?? (await fetchPull(number));
          if (pull !== undefined && isReviewablePull(pull)) handOffPull(pull);
        }
      }
    },
  };

  function recordScans(scans: readonly CompletedReviewScan[], failedNumbers: ReadonlySet<number>): void {
    for (const scan of scans) {
      // A scan whose review could not be queued is not recorded, so the next cycle finds it again.
      if (failedNumbers.has(scan.number)) continue;
      tracked.recordReviewScan({
        number: scan.number,
        scannedAt: toIsoSeconds(clock.now()),
        newestReviewAt: scan.newestReviewAt,
      });
      scannedVersions.set(scan.number, scan.pullUpdatedAt);
    }
  }

  async function fetchPull(number: number): Promise<PullRequest | undefined> {
    try {
      return await reader.getPullRequest(number);
    } catch (error) {
      logger.warn({ pullNumber: number, err: error }, 'Poll could not read a pending pull request');
      return undefined;
    }
  }

  function isReviewableIssue(issue: Issue): boolean {
    return (
      !issue.isPullRequest &&
      issue.state === 'open' &&
      issue.number > settings.minIssueNumber &&
      !isBotAccount(issue.author, settings.rules.botLogins)
    );
  }

  function isReviewablePull(pull: PullRequest): boolean {
    return (
      pull.state === 'open' &&
      pull.headSha !== '' &&
      pull.number > settings.minPullRequestNumber &&
      !isBotAccount(pull.author, settings.rules.botLogins)
    );
  }
}

// Oldest first: with a page cap, the cursor then always makes progress through a large backlog.
const listOrder = { sort: 'updated', direction: 'asc' } as const;

function remember(memory: Set<string>, key: string): void {
  memory.add(key);
  if (memory.size <= handedOffMemory) return;
  const oldest = memory.values().next();
  if (oldest.done !== true) memory.delete(oldest.value);
}
