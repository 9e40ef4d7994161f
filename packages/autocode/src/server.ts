import type { HttpServer } from '@patchloop/core';
import { buildRuntimeServer, GitHubError, toQueueSummaryView, verifyWebhookSignature } from '@patchloop/core';
import type { AutocodeDependencies } from './dependencies.js';
import { autocodeTaskTypeList } from './dependencies.js';
import type { ImplementOutcome, RecheckOutcome } from './http/autocode-admin-routes.js';
import { autocodeAdminRoutes } from './http/autocode-admin-routes.js';
import { listQueueTasks } from './http/queue-task-operations.js';
import type { AutocodeQueueName } from './http/task-views.js';
import { queueSummaryView, queueTaskTypes } from './http/task-views.js';
import { autocodeTaskTypes, pullRequestTarget } from './tasks/autocode-tasks.js';

/**
 * Builds the coding daemon's HTTP server (never listens): health, observability, metrics, the
 * spec-shaped task and admin routes (`/tasks...`, `/issues/:n/implement`, `/pulls/:n/recheck`,
 * `/scheduler/tasks/:name/retry`), snapshot, restore, events, and `POST /webhook` when enabled.
 */
export async function buildAutocodeServer(deps: AutocodeDependencies): Promise<HttpServer> {
  const { config, runtime } = deps;
  const secret = config.github.webhookSecret;
  const server = await buildRuntimeServer(runtime, {
    logger: deps.logger,
    clock: deps.clock,
    adminToken: config.server.adminToken,
    taskTypes: autocodeTaskTypeList,
    includeTaskRoutes: false,
    health: () => ({
      repo: config.github.repo.fullName,
      dryRun: config.dryRun,
      event_source:
        config.webhook.enabled && config.polling.enabled
          ? 'webhook+polling'
          : config.webhook.enabled
            ? 'webhook'
            : 'polling',
      webhook_enabled: config.webhook.enabled,
      execution_enabled: true,
      execution_mode: config.execution.mode,
      execution_pr_base_branch: config.execution.prBaseBranch,
      forbid_main_base_branch: config.execution.forbidMainBaseBranch,
      force_draft_pr: config.execution.forceDraftPr,
      scheduler: deps.scheduler.summary(),
      ...queueSummaries(deps),
      queue: toQueueSummaryView(runtime.queue.summary()),
      state: {
        ...deps.issues.counts(),
        ...deps.runs.counts(),
        ...deps.pullRequests.counts(),
      },
    }),
    webhook:
      config.webhook.enabled && secret !== undefined
        ? {
            verifySignature: (rawBody, signatureHeader) =>
              verifyWebhookSignature({ secret, rawBody, signatureHeader }),
            onDelivery: deps.webhookIntake,
          }
        : undefined,
  });
  await server.register(autocodeAdminRoutes, {
    admin: { adminToken: config.server.adminToken },
    queue: runtime.queue,
    scheduler: deps.scheduler,
    events: runtime.eventLog,
    implementIssue: (issueNumber) => implementIssue(deps, issueNumber),
    recheckPullRequest: (pullNumber) => recheckPullRequest(deps, pullNumber),
  });
  return server;
}

/** The spec's per-queue summaries (§3.5) under their `/health` names. */
function queueSummaries(deps: AutocodeDependencies) {
  const { queue } = deps.runtime;
  const byType = queue.summary().byType;
  const summary = (name: AutocodeQueueName) =>
    queueSummaryView(listQueueTasks(queue, name), byType[queueTaskTypes[name]]);
  return {
    issue_task_queue: summary('issue'),
    pr_task_queue: summary('pr'),
    source_task_queue: summary('source'),
  };
}

/** `POST /issues/:n/implement` (spec §3.12): un-pause, then an urgent approved run through the intake. */
async function implementIssue(deps: AutocodeDependencies, issueNumber: number): Promise<ImplementOutcome> {
  const issue = await fetchOrMissing(() => deps.reader.getIssue(issueNumber));
  if (issue === undefined) return { ok: false, status: 404, message: `Issue #${issueNumber} does not exist` };
  if (issue.isPullRequest) {
    return { ok: false, status: 400, message: `#${issueNumber} is a pull request, not an issue` };
  }
  if (issue.state !== 'open') return { ok: false, status: 409, message: `Issue #${issueNumber} is not open` };
  const resumed = deps.issues.resume(issueNumber);
  const result = deps.intake.submit({
    issue,
    source: 'api',
    trigger: 'api',
    explicit: true,
    priority: 'urgent',
  });
  if (result.task === undefined) {
    return { ok: false, status: 409, message: `Issue #${issueNumber} was not queued: ${result.reason}` };
  }
  return { ok: true, created: result.created, resumed, task: result.task };
}

/**
 * `POST /pulls/:n/recheck` (spec §3.13): only open PRs. For a tracked PR the feedback cursor is
 * reset and the repair scan runs now, so feedback it had moved past is read again (the ledger still
 * keeps addressed items from being repaired twice); the answer carries the repair task, if any.
 */
async function recheckPullRequest(deps: AutocodeDependencies, pullNumber: number): Promise<RecheckOutcome> {
  const pull = await fetchOrMissing(() => deps.reader.getPullRequest(pullNumber));
  if (pull === undefined) return { ok: false, status: 404, message: `PR #${pullNumber} does not exist` };
  if (pull.state !== 'open') return { ok: false, status: 409, message: `PR #${pullNumber} is not open` };
  const tracked = deps.pullRequests.get(pullNumber);
  if (tracked === undefined) {
    return {
      ok: true,
      summary: `PR #${pullNumber} was not opened by PatchLoop and is not tracked`,
      task: null,
    };
  }
  deps.pullRequests.setFeedbackCursor(pullNumber, null);
  const report = await deps.repairLoop.scanOnce();
  const target = pullRequestTarget(pullNumber);
  const task =
    (['queued', 'running', 'retry_waiting'] as const)
      .flatMap((status) =>
        deps.runtime.queue.list({ type: autocodeTaskTypes.pullRequest, status, limit: 1000 }),
      )
      .find((candidate) => candidate.targetKey === target) ?? null;
  const summary = tracked.repairPaused
    ? `PR #${pullNumber} is paused (${tracked.pauseReason ?? 'no reason'}); comment /patchloop resume to re-invite PatchLoop`
    : task === null
      ? `PR #${pullNumber} has no open feedback to repair (scanned ${report.scanned} tracked PRs)`
      : `PR #${pullNumber} has a repair queued (task ${task.id})`;
  return { ok: true, summary, task };
}

/** A GitHub 404 becomes undefined; every other error propagates (and answers 500). */
async function fetchOrMissing<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof GitHubError && error.status === 404) return undefined;
    throw error;
  }
}
