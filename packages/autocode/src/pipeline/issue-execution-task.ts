import type {
  AgentOutcome,
  Clock,
  EventLogRepository,
  GitHubReader,
  JsonObject,
  Logger,
  TaskHandler,
  TaskOutcome,
  WorktreeManager,
} from '@patchloop/core';
import { issueBranchName } from '@patchloop/core';
import type { ExecutionMode } from '../config/execution-settings.js';
import type { PolicySettings } from '../config/policy-settings.js';
import type { ApproverCheck } from '../ingest/approver-check.js';
import { seedRepairNotes } from '../planning/repair-notes.js';
import { shouldAutoExecute } from '../policy/auto-execute.js';
import { evaluateIssuePolicy } from '../policy/evaluate-issue-policy.js';
import { checkPublishTarget } from '../policy/publish-target.js';
import { describePublishedChange } from '../publish/success-summary.js';
import type { IssueOutcome } from '../store/issue-outcomes.js';
import type { IssueRecordRepository } from '../store/issue-record-repository.js';
import type { PullRequestRepository } from '../store/pull-request-repository.js';
import type { RunRepository } from '../store/run-repository.js';
import { IssueExecutionPayload } from '../tasks/autocode-tasks.js';
import { summarizeValidation } from '../validation/summaries.js';
import { isTrusted, loadDiscussion } from './discussion-input.js';
import type { ImplementDeps } from './implement-in-worktree.js';
import { implementInWorktree } from './implement-in-worktree.js';
import { planIssue } from './plan-issue.js';
import type { PublishDeps } from './publish-change.js';
import { publishChange } from './publish-change.js';
import { resolveWithoutPullRequest } from './resolve-without-pull-request.js';

/** Everything the issue pipeline runs on; the composition root fills it. */
export interface IssuePipelineDeps {
  readonly reader: Pick<GitHubReader, 'getIssue' | 'listIssueComments' | 'listPullRequests'>;
  readonly approvers: ApproverCheck;
  readonly issues: IssueRecordRepository;
  readonly runs: RunRepository;
  readonly pullRequests: PullRequestRepository;
  readonly worktrees: Pick<WorktreeManager, 'withWorktree'>;
  readonly implement: ImplementDeps;
  readonly publish: PublishDeps;
  readonly eventLog: Pick<EventLogRepository, 'append'>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly ownLogin: () => string | null;
  readonly settings: {
    readonly repository: string;
    readonly localRepoPath: string;
    readonly defaultBranch: string;
    readonly prBaseBranch: string;
    readonly branchPrefix: string;
    readonly forbidMainBaseBranch: boolean;
    readonly mode: ExecutionMode;
    readonly autoImplementOnIssueOpen: boolean;
    readonly policy: PolicySettings;
    readonly plannerTimeoutMs: number;
    /** How long to wait before trying again when the open-PR cap is reached. */
    readonly capDeferMs: number;
  };
}

/**
 * The `issue_execution` handler (spec autocode-execution §2, service §7.1): re-read the issue, finish
 * it without a PR when people said so, plan (cached per content), gate (publish target, auto-execute
 * rule, policy), then code in an isolated worktree and publish. Every decision is recorded as a run
 * and as the issue's outcome; expected failures are outcomes, never throws.
 */
export function createIssueExecutionTask(deps: IssuePipelineDeps): TaskHandler {
  const { settings } = deps;
  return async (task, context) => {
    const payload = IssueExecutionPayload.parse(task.payload);
    const n = payload.number;
    if (deps.issues.isPaused(n)) return done('skipped_paused');
    const issue = await deps.reader.getIssue(n);
    if (issue.isPullRequest) return done('skipped_pull_request');
    if (issue.state !== 'open') return done('skipped_closed');

    const run = deps.runs.start({ kind: 'issue', targetNumber: n, taskId: task.id });
    const finish = (outcome: IssueOutcome, summary: string, extra: JsonObject = {}) => {
      deps.runs.finish(run.runId, { status: outcome, details: { summary, ...extra } });
      deps.issues.recordOutcome({ number: n, version: issue.updatedAt, outcome, summary });
      deps.eventLog.append({
        category: 'issue_task_queue',
        level: outcome === 'failed' ? 'error' : 'info',
        message: `Issue #${n}: ${outcome} — ${summary}`,
        data: { source: task.source, issue: n, outcome, taskId: task.id },
      });
    };
    const fail = (code: string, reason: string, permanent: boolean): TaskOutcome => {
      deps.runs.finish(run.runId, { status: 'failed', failureCode: code, failureReason: reason });
      deps.eventLog.append({
        category: 'issue_task_queue',
        level: 'error',
        message: `Issue #${n} failed (${code}): ${firstLine(reason)}`,
        data: { source: task.source, issue: n, code, permanent, taskId: task.id },
      });
      return permanent
        ? { kind: 'dead_letter', reason: `${code}: ${reason}`, permanent: true }
        : { kind: 'retry', reason: `${code}: ${reason}` };
    };

    const discussion = await loadDiscussion({
      reader: deps.reader,
      approvers: deps.approvers,
      issueNumber: n,
      ownLogin: deps.ownLogin(),
    });
    const verdict = resolveWithoutPullRequest(discussion, payload.explicit);
    if (verdict !== undefined) {
      finish(verdict.outcome, verdict.reason);
      return done(verdict.outcome, { reason: verdict.reason, runId: run.runId });
    }

    const trustedAuthor = await isTrusted(deps.approvers, issue.author.login, issue.authorAssociation);
    const planned = await planIssue(
      {
        agent: deps.implement.agent,
        issues: deps.issues,
        repository: settings.repository,
        cwd: settings.localRepoPath,
        timeoutMs: settings.plannerTimeoutMs,
        logger: deps.logger,
      },
      { issue, discussion, trustedAuthor, signal: context.signal },
    );
    context.heartbeat();
    if (planned.kind === 'agent_unavailable') return agentFailure(planned.outcome, fail);
    const { plan } = planned;

    const target = checkPublishTarget({
      base: settings.prBaseBranch,
      defaultBranch: settings.defaultBranch,
      forbidMainBaseBranch: settings.forbidMainBaseBranch,
    });
    // A configuration problem, not the issue's: retrying cannot help (weakness 15).
    if (!target.ok) return fail('publish_target_forbidden', target.reason, true);

    if (
      !payload.explicit &&
      !shouldAutoExecute({
        mode: settings.mode,
        autoImplementOnIssueOpen: settings.autoImplementOnIssueOpen,
        plan,
      })
    ) {
      finish(
        'planned',
        `Waiting for a maintainer's approval (${plan.triage.taskType}, ${plan.triage.action})`,
      );
      return done('planned', { taskType: plan.triage.taskType, goal: plan.plan.goal, runId: run.runId });
    }
    const decision = evaluateIssuePolicy({
      plan,
      labels: issue.labels,
      explicit: payload.explicit,
      authorIsApprover: trustedAuthor,
      settings: settings.policy,
      mode: settings.mode,
    });
    if (!decision.allowed) {
      const reasons = decision.reasons.map((reason) => reason.message);
      finish('blocked', reasons.join('; '), { reasons: decision.reasons.map((reason) => reason.code) });
      return done('blocked', { reasons, runId: run.runId });
    }

    const branch = issueBranchName({ prefix: settings.branchPrefix, issueNumber: n, title: issue.title });
    const previousFailures = seedRepairNotes(
      deps.runs.recentFailureReasons('issue', n, 3).map((reason) => ({ reason })),
      'issue',
    );
    return deps.worktrees.withWorktree(
      { taskKey: `issue-${n}`, branch, base: settings.prBaseBranch },
      async (worktree, lockSignal) => {
        const signal = AbortSignal.any([context.signal, lockSignal]);
        const result = await implementInWorktree(deps.implement, {
          worktree,
          issue,
          plan,
          trustedAuthor,
          previousFailures,
          signal,
          heartbeat: () => context.heartbeat(),
        });
        switch (result.kind) {
          case 'agent_unavailable':
            return agentFailure(result.outcome, fail);
          case 'environment_blocked':
            finish('blocked', result.reason, { reasons: ['environment_blocked'] });
            return done('blocked', { reasons: [result.reason], runId: run.runId });
          case 'rejected':
            return fail(`${result.stage}_failed`, result.reason, result.permanent);
          case 'ready':
            break;
        }
        const published = await publishChange(deps.publish, {
          worktree,
          base: settings.prBaseBranch,
          issue,
          plan,
          ready: result,
          explicit: payload.explicit,
        });
        const facts = {
          runId: run.runId,
          branch,
          files: result.inspection.changedFiles.map((file) => file.path),
          addedLines: result.inspection.addedLines,
          deletedLines: result.inspection.deletedLines,
          validation: summarizeValidation(result.validation),
          attempts: result.attempts,
        };
        switch (published.kind) {
          case 'capped':
            deps.runs.finish(run.runId, {
              status: 'failed',
              failureCode: 'open_pr_cap',
              failureReason: published.reason,
            });
            return { kind: 'defer', reason: published.reason, until: deps.clock.now() + settings.capDeferMs };
          case 'dry_run': {
            const summary = describePublishedChange({
              kind: 'dry_run',
              branch,
              inspection: result.inspection,
              validation: result.validation,
            });
            finish('dry_run', summary);
            return done('dry_run', {
              ...facts,
              dryRun: true,
              title: published.title,
              body: published.body,
              diff: published.diff,
              diffTruncated: published.diffTruncated,
            });
          }
          case 'published': {
            const outcome: IssueOutcome = published.created ? 'pr_opened' : 'pr_updated';
            const summary = describePublishedChange({
              kind: published.created ? 'opened' : 'updated',
              branch,
              pullRequestNumber: published.pullRequest.number,
              convertedToReady: false,
              inspection: result.inspection,
              validation: result.validation,
            });
            deps.pullRequests.upsert({
              number: published.pullRequest.number,
              issueNumber: n,
              branch,
              base: settings.prBaseBranch,
              headSha: published.commitSha,
              url: published.pullRequest.htmlUrl,
              status: 'open',
            });
            // The repair loop treats any other head as someone else's push.
            deps.pullRequests.setKnownHead(published.pullRequest.number, published.commitSha);
            deps.issues.recordPublication({
              number: n,
              branch,
              prNumber: published.pullRequest.number,
              prUrl: published.pullRequest.htmlUrl,
            });
            deps.runs.finish(run.runId, {
              status: outcome,
              branch,
              prNumber: published.pullRequest.number,
              prUrl: published.pullRequest.htmlUrl,
              details: { summary, title: published.title },
            });
            deps.issues.recordOutcome({ number: n, version: issue.updatedAt, outcome, summary });
            deps.eventLog.append({
              category: 'issue_task_queue',
              level: 'info',
              message: summary,
              data: {
                source: task.source,
                issue: n,
                outcome,
                pr: published.pullRequest.number,
                taskId: task.id,
              },
            });
            return done(outcome, {
              ...facts,
              title: published.title,
              prNumber: published.pullRequest.number,
              prUrl: published.pullRequest.htmlUrl,
              commit: published.commitSha,
            });
          }
        }
      },
    );
  };
}

function done(summary: string, extra: JsonObject = {}): TaskOutcome {
  return { kind: 'done', result: { summary, ...extra } };
}

/** A CLI that did not complete: a missing binary is a setting to fix, anything else may pass. */
function agentFailure(
  outcome: Exclude<AgentOutcome, { kind: 'completed' }>,
  fail: (code: string, reason: string, permanent: boolean) => TaskOutcome,
): TaskOutcome {
  switch (outcome.kind) {
    case 'not_installed':
      return fail(
        'agent_not_installed',
        `The coding CLI "${outcome.command}" (${outcome.backend}) was not found. Install it or set ${outcome.setting} to its path.`,
        true,
      );
    case 'timed_out':
      return fail(
        'agent_timed_out',
        `The coding CLI ${outcome.backend} was stopped after ${Math.round(outcome.durationMs / 1000)} s (${outcome.limit === 'idle' ? 'no output for too long' : 'time limit'}).`,
        false,
      );
    case 'cancelled':
      return fail('agent_cancelled', `The coding CLI ${outcome.backend} was cancelled.`, false);
    case 'failed':
      return fail(
        `agent_${outcome.reason}`,
        `The coding CLI ${outcome.backend} failed (${outcome.reason}, exit ${outcome.exitCode}): ${outcome.stderrTail.slice(-500)}`,
        false,
      );
  }
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? '';
}
