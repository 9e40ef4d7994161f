import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type {
  Clock,
  DaemonRuntime,
  EnvRecord,
  GitHubReader,
  GitHubRepositoryWriter,
  Logger,
  Worker,
  WorktreeManager,
} from '@patchloop/core';
import {
  buildAgentEnvironment,
  createConfiguredAgent,
  createDaemonRuntime,
  createExecaProcessRunner,
  createPollCursorRepository,
  createWorker,
  createWorktreeManager,
} from '@patchloop/core';
import type { AutocodeConfig } from './config/autocode-config.js';
import { readRemoteUrl, remoteAuthConfig } from './git-auth.js';
import { createAutocodeGitHub } from './github-access.js';
import { createApproverCheck } from './ingest/approver-check.js';
import { createCommentIntakeTask } from './ingest/comment-intake-task.js';
import type { IssueIntake } from './ingest/issue-intake.js';
import { createIssueIntake } from './ingest/issue-intake.js';
import type { AutocodePollCycle } from './ingest/poll-cycle.js';
import { createAutocodePollCycle } from './ingest/poll-cycle.js';
import type { WebhookIntake } from './ingest/webhook-intake.js';
import { createWebhookIntake } from './ingest/webhook-intake.js';
import { requeueRecoverableDeadLetters } from './maintenance/requeue-recoverable-dead-letters.js';
import { createIssueExecutionTask } from './pipeline/issue-execution-task.js';
import type { RepairLoop } from './repair/create-repair-loop.js';
import { createRepairLoop, repairSettingsFrom } from './repair/create-repair-loop.js';
import { registerAutocodeCycles } from './scheduler/autocode-cycles.js';
import { createScheduler, type Scheduler } from './scheduler/scheduler.js';
import type { SourceLoop } from './sources/create-source-loop.js';
import { createSourceLoop, sourceSettingsFrom } from './sources/create-source-loop.js';
import { loadAutocodeMigrations } from './store/autocode-migrations.js';
import { createAutocodeSnapshotSections } from './store/autocode-snapshot-sections.js';
import { createAutocodeStores } from './store/autocode-stores.js';
import type { IssueRecordRepository } from './store/issue-record-repository.js';
import type { PullRequestRepository } from './store/pull-request-repository.js';
import type { RunRepository } from './store/run-repository.js';
import { autocodeTaskTypes } from './tasks/autocode-tasks.js';
import { createValidationRunner } from './validation/run-validation.js';
import { describeValidationCommands } from './validation/validation-commands.js';

/** Everything the autocode daemon runs on, built once from its config. */
export interface AutocodeDependencies {
  readonly config: AutocodeConfig;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly runtime: DaemonRuntime;
  readonly reader: GitHubReader;
  readonly writer: GitHubRepositoryWriter;
  readonly issues: IssueRecordRepository;
  readonly runs: RunRepository;
  readonly pullRequests: PullRequestRepository;
  readonly intake: IssueIntake;
  readonly webhookIntake: WebhookIntake;
  readonly pollCycle: AutocodePollCycle;
  readonly scheduler: Scheduler;
  readonly worktrees: WorktreeManager;
  /** Runs issue runs (long: the coding CLI). */
  readonly issueWorker: Worker;
  /** Evaluates comments (short), so approvals are read while an issue run is in progress. */
  readonly intakeWorker: Worker;
  /** Scans tracked pull requests and runs their repairs. */
  readonly repairLoop: RepairLoop;
  /** Syncs the Markdown backlog and idle findings into issues. */
  readonly sourceLoop: SourceLoop;
  /** Lets pull request deliveries run the repair scan at once (the background loops are running). */
  enableNudges(): void;
  /** Looks up the write token's login in the background; never blocks or fails startup. */
  resolveOwnLogin(): Promise<void>;
  /** Releases what the dependencies hold (the database). */
  close(): void;
}

/** The task types this daemon queues (admin routes refuse unknown type filters). */
export const autocodeTaskTypeList: readonly string[] = Object.values(autocodeTaskTypes);

/** Inputs of the composition root. */
export interface AutocodeDependencyOptions {
  readonly config: AutocodeConfig;
  readonly logger: Logger;
  readonly clock: Clock;
  /** The daemon's environment; the coding CLI and validation commands get it without any secret. */
  readonly parentEnv: EnvRecord;
}

/**
 * The composition root of the coding daemon: the only place that constructs its adapters. Its
 * GitHub writer can create and update issues and PRs but has no merge; with DRY_RUN every write is
 * recorded instead of sent and nothing is pushed. Opening the state database fails fast on a newer
 * or corrupt file; runs a dead process left `running` are marked orphaned.
 */
export function createAutocodeDependencies(options: AutocodeDependencyOptions): AutocodeDependencies {
  const { config, logger, clock } = options;
  const { execution } = config;
  const version = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
  const runtime = createDaemonRuntime({
    service: 'autocode',
    version,
    statePath: config.store.path,
    migrations: [loadAutocodeMigrations()],
    snapshotSections: createAutocodeSnapshotSections(),
    clock,
    logger,
  });
  const { db, queue, eventLog } = runtime;
  const { issues, runs, pullRequests, ledger, backlogItems, repairRounds } = createAutocodeStores({
    db,
    clock,
  });
  // We hold the instance lock, so any run still marked running belongs to a process that died.
  const orphaned = runs.recoverOrphaned(clock.now() + 1);
  if (orphaned > 0) logger.warn({ runs: orphaned }, 'Marked runs of a stopped daemon as orphaned');

  const repository = config.github.repo.fullName;
  const github = createAutocodeGitHub({
    config,
    eventLog,
    logger,
    clock,
    onRateLimit: (budget) => {
      runtime.rateLimit.record(budget);
      runtime.metrics.setRateLimitRemaining('github', budget.remaining);
    },
  });
  const { reader, writer } = github;
  let ownLogin: string | null = config.github.notifyLogin?.toLowerCase() ?? null;

  const runner = createExecaProcessRunner({ clock });
  const agent = createConfiguredAgent({
    cli: config.cli,
    parentEnv: options.parentEnv,
    runner,
    clock,
    logger,
  });
  const scrubbedEnv = buildAgentEnvironment(options.parentEnv);
  const worktrees = createWorktreeManager({
    repoPath: config.localRepo.path,
    worktreeRoot: execution.worktreeRoot,
    remote: execution.pushRemote,
    defaultBranch: config.localRepo.defaultBranch,
    identity: execution.commitUser,
    env: scrubbedEnv,
    logger,
    clock,
    gitConfig: config.dryRun
      ? {}
      : remoteAuthConfig({
          remoteUrl: readRemoteUrl(config.localRepo.path, execution.pushRemote),
          login: config.github.notifyLogin,
          token: config.github.writeToken ?? config.github.token,
        }),
  });
  const validation = createValidationRunner({
    runner,
    env: scrubbedEnv,
    settings: execution.validation,
    commandTimeoutMs: execution.limits.commandTimeoutMs,
    testTimeoutMs: execution.limits.testTimeoutMs,
    logger,
  });
  const validationCommands = describeValidationCommands(execution.validation);
  const approvers = createApproverCheck({
    reader,
    approverPermissions: execution.approverPermissions,
    clock,
    logger,
  });
  const intake = createIssueIntake({
    queue,
    issues,
    eventLog,
    settings: {
      mode: execution.mode,
      autoPlanOnIssueOpen: execution.autoPlanOnIssueOpen,
      maxAttempts: config.queues.issue.maxAttempts,
    },
    logger,
  });

  const implement = {
    agent,
    validation,
    repository,
    policy: execution.policy,
    limits: execution.limits,
    validationCommands,
    timeoutMs: config.cli.executorTimeoutMs,
    idleTimeoutMs: config.cli.executorMaxIdleMs,
  };
  const feedbackQueues = config.queues.reviewFeedback;
  const repairLoop = createRepairLoop({
    reader,
    writer,
    queue,
    approvers,
    pullRequests,
    ledger,
    rounds: repairRounds,
    runs,
    worktrees,
    implement,
    eventLog,
    clock,
    logger,
    settings: repairSettingsFrom(config),
    leaseMs: config.cli.executorTimeoutMs + execution.limits.repairTestTimeoutMs * 2 + 300_000,
    pollIntervalMs: config.queues.pullRequest.intervalMs,
  });
  const sourceLoop = createSourceLoop({
    reader,
    writer,
    queue,
    items: backlogItems,
    eventLog,
    clock,
    logger,
    settings: sourceSettingsFrom(config),
    pollIntervalMs: config.queues.source.intervalMs,
  });
  const issueHandler = createIssueExecutionTask({
    reader,
    approvers,
    issues,
    runs,
    pullRequests,
    worktrees,
    implement,
    publish: {
      reader,
      writer,
      dryRun: config.dryRun,
      repository,
      limits: execution.limits,
      branchPrefix: execution.branchPrefix,
      maxOpenPullRequests: execution.limits.maxOpenPullRequests,
      forceDraft: execution.forceDraftPr,
      validationCommands,
      logger,
    },
    eventLog,
    clock,
    logger,
    ownLogin: () => ownLogin,
    settings: {
      repository,
      localRepoPath: config.localRepo.path,
      defaultBranch: config.localRepo.defaultBranch,
      prBaseBranch: execution.prBaseBranch,
      branchPrefix: execution.branchPrefix,
      forbidMainBaseBranch: execution.forbidMainBaseBranch,
      mode: execution.mode,
      autoImplementOnIssueOpen: execution.autoImplementOnIssueOpen,
      policy: execution.policy,
      plannerTimeoutMs: config.cli.plannerTimeoutMs,
      capDeferMs: Math.max(config.polling.intervalMs, 300_000),
    },
  });
  const issueWorker = createWorker({
    queue,
    handlers: { [autocodeTaskTypes.issue]: issueHandler },
    clock,
    logger,
    workerId: `autocode-issues-${randomUUID()}`,
    // Planner + every coding attempt + validation; the handler heartbeats between steps.
    leaseMs: config.cli.executorTimeoutMs + execution.limits.commandTimeoutMs * 3 + 300_000,
    pollIntervalMs: config.queues.issue.intervalMs,
    types: [autocodeTaskTypes.issue],
  });
  const intakeWorker = createWorker({
    queue,
    handlers: {
      [autocodeTaskTypes.comment]: createCommentIntakeTask({
        reader,
        approvers,
        intake,
        eventLog,
        intentAgent: {
          agent,
          cwd: config.localRepo.path,
          timeoutMs: config.cli.plannerTimeoutMs,
          repository,
        },
        allowApprovalByComment: execution.allowFeatureOnComment,
        resumeRepair: (pullNumber, by) => repairLoop.resume(pullNumber, by),
        ownLogin: () => ownLogin,
        logger,
      }),
    },
    clock,
    logger,
    workerId: `autocode-intake-${randomUUID()}`,
    leaseMs: config.cli.plannerTimeoutMs + 120_000,
    pollIntervalMs: 1_000,
    types: [autocodeTaskTypes.comment],
  });
  runtime.metrics.observeQueueEvents(issueWorker.events);
  runtime.metrics.observeQueueEvents(intakeWorker.events);
  runtime.metrics.observeQueueEvents(repairLoop.worker.events);
  runtime.metrics.observeQueueEvents(sourceLoop.worker.events);

  const pollCycle = createAutocodePollCycle({
    reader,
    cursors: createPollCursorRepository({ db, clock }),
    queue,
    intake,
    eventLog,
    clock,
    logger,
    settings: {
      itemsPerPage: config.polling.itemsPerPage,
      maxPages: 10,
      backfillMs: config.polling.backfillMs,
      listIssues: execution.mode !== 'manual' && execution.autoPlanOnIssueOpen,
    },
  });
  // A fresh install starts from the moment the daemon starts, not from its first poll.
  pollCycle.baseline();
  requeueRecoverableDeadLetters({
    queue,
    eventLog,
    markers: config.queues.deadLetters.recoverableMarkers,
    limit: config.queues.deadLetters.autoRequeueLimit,
    logger,
  });
  const scheduler = createScheduler({ clock, logger });
  // Webhook deliveries run the repair scan early only while the background loops run.
  let nudges = false;
  registerAutocodeCycles({
    scheduler,
    clock,
    metrics: runtime.metrics,
    runs,
    pollCycle,
    repairLoop,
    polling: config.polling,
    pullRequests: {
      enabled: feedbackQueues.pollEnabled || feedbackQueues.queueEnabled,
      intervalMs: feedbackQueues.intervalMs,
    },
    sourceLoop,
    backlog: { enabled: config.sources.backlog.enabled, intervalMs: config.polling.intervalMs },
    idleScan: config.sources.idleScanner,
  });

  return {
    config,
    logger,
    clock,
    runtime,
    reader,
    writer,
    issues,
    runs,
    pullRequests,
    intake,
    webhookIntake: createWebhookIntake({
      queue,
      intake,
      logger,
      onPullRequestActivity: () => {
        if (!nudges) return;
        scheduler.runNow('pr-queue-cycle').catch((error: unknown) => {
          logger.debug({ err: error }, 'Repair scan nudge skipped');
        });
      },
    }),
    enableNudges: () => {
      nudges = true;
    },
    pollCycle,
    scheduler,
    worktrees,
    issueWorker,
    intakeWorker,
    repairLoop,
    sourceLoop,
    resolveOwnLogin: async () => {
      if (ownLogin !== null) return;
      try {
        ownLogin = (await github.account.getAuthenticatedUser()).login.toLowerCase();
      } catch (error) {
        logger.warn({ err: error }, 'Could not look up the write token login; relying on markers');
      }
    },
    close: () => runtime.close(),
  };
}
