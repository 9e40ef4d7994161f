import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import type {
  Clock,
  DaemonRuntime,
  EnvRecord,
  GitHubCommentWriter,
  GitHubReader,
  Logger,
  TaskHandler,
  Worker,
} from '@patchloop/core';
import {
  createConfiguredAgent,
  createDaemonRuntime,
  createDryRunCommentWriter,
  createExecaProcessRunner,
  createGit,
  createPollCursorRepository,
  createReviewGitHubClients,
  createWorker,
} from '@patchloop/core';
import type { OpenReviewConfig } from './config.js';
import type { EventRoutingSettings } from './ingest/event-to-task.js';
import { createPollCycle } from './ingest/poll-cycle.js';
import type { Poller } from './ingest/poller.js';
import { createPoller } from './ingest/poller.js';
import { createIssueAnswerer } from './review/answer-issue.js';
import { createPullRequestReviewer } from './review/answer-pull-request.js';
import { createReviewIssueTask } from './review/review-issue-task.js';
import { createReviewPullRequestTask } from './review/review-pull-request-task.js';
import { createReviewCursors } from './store/review-cursors.js';
import { loadOpenReviewMigrations } from './store/review-migrations.js';
import { createReviewSnapshotSections } from './store/review-snapshot-sections.js';
import { createTrackedIssueRepository } from './store/tracked-issue-repository.js';
import { createTrackedPullRequestRepository } from './store/tracked-pull-request-repository.js';
import { reviewTaskTypes } from './tasks/review-tasks.js';

/** Everything the review daemon runs on, built once from its config. */
export interface OpenReviewDependencies {
  readonly config: OpenReviewConfig;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly runtime: DaemonRuntime;
  readonly reader: GitHubReader;
  readonly writer: GitHubCommentWriter;
  readonly poller: Poller & { runOnce(): Promise<unknown> };
  readonly worker: Worker;
  readonly routing: EventRoutingSettings;
  /** Looks up the token's login so its own comments are ignored; never throws, never blocks startup. */
  resolveOwnLogin(): Promise<void>;
  /** Releases what the dependencies hold (the database). */
  close(): void;
}

/** The task types this daemon queues (admin routes refuse unknown type filters). */
export const openreviewTaskTypes: readonly string[] = Object.values(reviewTaskTypes);

/** Inputs of the composition root. */
export interface OpenReviewDependencyOptions {
  readonly config: OpenReviewConfig;
  readonly logger: Logger;
  readonly clock: Clock;
  /** The daemon's environment; the coding CLI gets it without any secret. */
  readonly parentEnv: EnvRecord;
}

/**
 * The composition root of the review daemon: the only place that constructs its adapters. Its GitHub
 * writer can post comments and reviews only; with DRY_RUN it records intended writes in the event log
 * and sends nothing. Opening the state database fails fast on a newer or corrupt file.
 */
export function createOpenReviewDependencies(options: OpenReviewDependencyOptions): OpenReviewDependencies {
  const { config, logger, clock } = options;
  const version = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
  const runtime = createDaemonRuntime({
    service: 'openreview',
    version,
    statePath: config.store.path,
    migrations: [loadOpenReviewMigrations()],
    snapshotSections: createReviewSnapshotSections(),
    clock,
    logger,
  });
  const { db, queue } = runtime;
  const cursors = createReviewCursors({
    cursors: createPollCursorRepository({ db, clock }),
    clock,
    backfillMs: config.polling.backfillMs,
  });
  // A fresh install starts from the moment the daemon starts, not from its first poll: anything
  // opened after `patchloop review` is up must be answered.
  cursors.baseline();
  const trackedIssues = createTrackedIssueRepository({ db, clock });
  const trackedPullRequests = createTrackedPullRequestRepository({ db, clock, baseline: cursors.baseline });

  const clients = createReviewGitHubClients({
    owner: config.github.repo.owner,
    repo: config.github.repo.name,
    apiUrl: config.github.apiUrl,
    token: config.github.token,
    ...(config.github.writeToken === undefined ? {} : { writeToken: config.github.writeToken }),
    logger,
    clock,
    onRateLimit: (budget) => {
      runtime.rateLimit.record(budget);
      runtime.metrics.setRateLimitRemaining('github', budget.remaining);
    },
  });
  const writer = config.dryRun
    ? createDryRunCommentWriter(clients.writer, {
        logger,
        clock,
        onIntendedWrite: (write) =>
          runtime.eventLog.append({
            category: 'dry_run',
            level: 'info',
            message: `Would ${write.kind} on ${write.target}`,
            data: { kind: write.kind, target: write.target },
          }),
      })
    : clients.writer;
  const reader = clients.reader;
  // Filled in the background by `resolveOwnLogin`; until then (or if it fails) markers protect.
  let ownLogin: string | null = null;

  const agent = createConfiguredAgent({
    cli: config.cli,
    parentEnv: options.parentEnv,
    runner: createExecaProcessRunner({ clock }),
    clock,
    logger,
  });
  const checkout = {
    git: createGit({ baseDir: config.localRepo.path, baseEnv: options.parentEnv }),
    worktreeRoot: path.join(path.dirname(config.store.path), 'review-worktrees'),
  };
  const repository = `${config.github.repo.owner}/${config.github.repo.name}`;
  const pipeline = {
    agent,
    reader,
    checkout,
    repository,
    defaultBranch: config.localRepo.defaultBranch,
    timeoutMs: config.cli.timeoutMs,
    maxCommentLength: config.review.maxCommentLength,
    contextBudget: config.context,
    logger,
  };
  const rules = {
    botLogins: config.review.botLogins,
    get ownLogin() {
      return ownLogin;
    },
  };
  const routing: EventRoutingSettings = {
    rules,
    minIssueNumber: config.review.minIssueNumber,
    minPullRequestNumber: config.review.minPullRequestNumber,
  };

  const handlers: Record<string, TaskHandler> = {
    [reviewTaskTypes.issue]: createReviewIssueTask({
      reader,
      writer,
      trackedIssues,
      answerIssue: createIssueAnswerer(pipeline),
      repo: repository,
      minIssueNumber: config.review.minIssueNumber,
      botLogins: config.review.botLogins,
      ownLogin: () => ownLogin,
      logger,
    }),
    [reviewTaskTypes.pullRequest]: createReviewPullRequestTask({
      reader,
      writer,
      trackedPullRequests,
      reviewPullRequest: createPullRequestReviewer(pipeline),
      minPullRequestNumber: config.review.minPullRequestNumber,
      botLogins: config.review.botLogins,
      ownLogin: () => ownLogin,
      headStabilizeMs: config.review.headStabilizeMs,
      notifyLogin: config.github.notifyLogin,
      blockedNoticeCooldownMs: config.review.blockedNoticeCooldownMs,
      ciRecheckMs: config.polling.intervalMs,
      clock,
      logger,
    }),
  };
  const worker = createWorker({
    queue,
    handlers,
    clock,
    logger,
    workerId: `openreview-${randomUUID()}`,
    // Two CLI calls per task at most (classification + answer), plus reads and git.
    leaseMs: config.cli.timeoutMs * 2 + 120_000,
    pollIntervalMs: 1_000,
    types: openreviewTaskTypes,
  });
  runtime.metrics.observeQueueEvents(worker.events);

  const cycle = createPollCycle({
    reader,
    cursors,
    trackedPullRequests,
    enqueue: (request) => queue.enqueue(request),
    clock,
    logger,
    settings: {
      itemsPerPage: config.polling.itemsPerPage,
      maxPages: 10,
      ...routing,
      pendingPullRequests: config.polling.pendingPullRequests,
      reviewSubmissions: config.polling.reviewSubmissions,
    },
  });
  const recordedCycle = {
    runOnce: async () => {
      try {
        const report = await cycle.runOnce();
        runtime.metrics.recordPollCycle(
          'github',
          report.failedListings.length === 0 ? 'succeeded' : 'failed',
        );
        return report;
      } catch (error) {
        runtime.metrics.recordPollCycle('github', 'failed');
        throw error;
      }
    },
  };
  const poller = {
    ...createPoller({ cycle: recordedCycle, clock, intervalMs: config.polling.intervalMs, logger }),
    runOnce: recordedCycle.runOnce,
  };

  return {
    config,
    logger,
    clock,
    runtime,
    reader,
    writer,
    poller,
    worker,
    routing,
    resolveOwnLogin: async () => {
      ownLogin = await lookUpOwnLogin(clients.writer, logger);
    },
    close: () => runtime.close(),
  };
}

/**
 * The token's own login, so its comments never trigger work. A failed lookup is not fatal: every
 * comment PatchLoop posts carries a marker, and marked comments are ignored whoever wrote them.
 */
async function lookUpOwnLogin(writer: Pick<GitHubCommentWriter, 'getAuthenticatedUser'>, logger: Logger) {
  try {
    return (await writer.getAuthenticatedUser()).login.toLowerCase();
  } catch (error) {
    logger.warn(
      { err: error },
      'Could not look up the token login; relying on markers to ignore own comments',
    );
    return null;
  }
}
