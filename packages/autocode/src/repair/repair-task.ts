import type { AgentOutcome, TaskHandler, TaskOutcome } from '@patchloop/core';
import { runCodingAttempts } from '../pipeline/implement-in-worktree.js';
import { seedRepairNotes } from '../planning/repair-notes.js';
import { PullRequestRepairPayload } from '../tasks/autocode-tasks.js';
import { isActionableOpenReviewItem, isBotOnlyFeedback } from './feedback/bot-feedback.js';
import { cursorOf } from './feedback/feedback-cursor.js';
import { feedbackPromptLines } from './feedback/feedback-text.js';
import { repairCommitSubject } from './feedback/repair-commit-subject.js';
import type { FeedbackItem } from './feedback-item.js';
import { handBack, pauseForHumanPush } from './hand-back.js';
import { runRebase } from './rebase-task.js';
import type { RepairDeps } from './repair-deps.js';
import { buildRepairPrompt } from './repair-prompt.js';
import { diffLineHashes } from './stop-rules/line-hashes.js';
import { detectRevert } from './stop-rules/oscillation.js';
import { decideRepair } from './stop-rules/repair-decision.js';

/**
 * The `pr_feedback_repair` handler (spec autocode-execution §3.6-3.8, autocode-service §7.2): re-read
 * the PR, stop for a foreign push or a stop rule (handing the PR back), then repair in a worktree on
 * the PR's own branch: coding CLI with the feedback, inspection of this round's change, validation,
 * a refusal to undo an earlier round, and one commit `fix(review-feedback-<n>): ...` pushed to the
 * same branch (never forced). Addressed items are recorded so the same feedback never repairs twice.
 */
export function createRepairTask(deps: RepairDeps): TaskHandler {
  const { settings } = deps;
  return async (task, context) => {
    const payload = PullRequestRepairPayload.parse(task.payload);
    const n = payload.number;
    const done = (summary: string, extra: Record<string, string | number | boolean> = {}): TaskOutcome => ({
      kind: 'done',
      result: { summary, pr: n, ...extra },
    });
    const record = deps.pullRequests.get(n);
    if (record === undefined || record.repairPaused) return done('skipped_paused');
    const pr = await deps.reader.getPullRequest(n);
    if (pr.state !== 'open') {
      deps.pullRequests.track({
        number: n,
        branch: record.branch,
        base: record.base,
        source: record.source ?? 'autocode_branch',
        status: 'closed',
      });
      return done('skipped_closed');
    }
    if (record.knownHeadSha !== null && record.knownHeadSha !== pr.headSha) {
      await pauseForHumanPush(deps, { prNumber: n, headSha: pr.headSha });
      return done('paused_human_push');
    }
    if (payload.mode === 'rebase') return runRebase(deps, { pr, record, context });
    const states = new Map(deps.ledger.list(n).map((entry) => [entry.fingerprint, entry.state]));
    const items: FeedbackItem[] = payload.items.filter((item) => states.get(item.fingerprint) === 'open');
    if (items.length === 0) return done('nothing_open');

    const allRounds = deps.rounds.list(n);
    // The rounds that count: those since the last reset (`slice(-0)` would be all of them).
    const countedSinceReset = record.repairCount > 0 ? allRounds.slice(-record.repairCount) : [];
    const decision = decideRepair({
      openItems: items,
      botOnly: isBotOnlyFeedback(items),
      hasActionableOpenReview: items.some(isActionableOpenReviewItem),
      repairCount: record.repairCount,
      maxRounds: settings.limits.prMaxRepairRounds,
      botMaxRounds: settings.limits.botFeedbackMaxRepairRounds,
      rounds: countedSinceReset,
    });
    if (decision.kind === 'stop') {
      await handBack(deps, { prNumber: n, code: decision.code, reason: decision.reason, scope: pr.headSha });
      return done(`handed_back_${decision.code}`);
    }
    if (decision.kind === 'reset_and_repair') deps.pullRequests.resetRepairCount(n);
    const countedRounds = decision.kind === 'reset_and_repair' ? [] : countedSinceReset;

    const run = deps.runs.start({
      kind: 'review_feedback',
      targetNumber: n,
      taskId: task.id,
      branch: pr.headRef,
    });
    const previousFailures = seedRepairNotes(
      deps.runs.recentFailureReasons('review_feedback', n, 3).map((reason) => ({ reason })),
      'review_feedback',
    );
    const round = (allRounds.at(-1)?.round ?? 0) + 1;
    const fail = (code: string, reason: string, permanent: boolean): TaskOutcome => {
      deps.runs.finish(run.runId, { status: 'failed', failureCode: code, failureReason: reason });
      if (!settings.dryRun) deps.pullRequests.incrementRepairCount(n);
      return permanent
        ? { kind: 'dead_letter', reason: `${code}: ${reason}`, permanent: true }
        : { kind: 'retry', reason: `${code}: ${reason}` };
    };

    return deps.worktrees.withWorktree(
      { taskKey: `pr-${n}`, branch: pr.headRef, base: pr.baseRef },
      async (worktree, lockSignal) => {
        if (worktree.startSha !== pr.headSha) {
          // Not a repair attempt: the branch moved between the read and the checkout.
          deps.runs.finish(run.runId, { status: 'failed', failureCode: 'head_moved' });
          return { kind: 'retry', reason: 'head_moved: the branch moved while the repair started' };
        }
        const result = await runCodingAttempts(deps.implement, {
          worktree,
          prompt: (attempt, notes) =>
            buildRepairPrompt({
              repository: settings.tracking.repository,
              pullRequest: { number: n, title: pr.title, body: pr.body },
              feedbackLines: feedbackPromptLines(items),
              attempt,
              round,
              repairNotes: notes,
              changedFiles: [],
              validationCommands: deps.implement.validationCommands,
              blockedPaths: deps.implement.policy.blockedPaths,
              trustedBody: record.source === 'autocode_branch',
            }),
          diffBase: worktree.startSha,
          requireTestChanges: false,
          allowedPaths: [],
          repairAttempts: settings.limits.reviewFeedbackRepairMaxAttempts,
          testTimeoutMs: settings.limits.repairTestTimeoutMs,
          previousFailures,
          signal: AbortSignal.any([context.signal, lockSignal]),
          heartbeat: () => context.heartbeat(),
        });
        switch (result.kind) {
          case 'agent_unavailable':
            return agentFailure(result.outcome, fail);
          case 'environment_blocked':
            deps.runs.finish(run.runId, {
              status: 'failed',
              failureCode: 'environment_blocked',
              failureReason: result.reason,
            });
            await handBack(deps, {
              prNumber: n,
              code: 'repair_failed',
              reason: result.reason,
              scope: pr.headSha,
            });
            return done('handed_back_environment_blocked');
          case 'rejected':
            return fail(`${result.stage}_failed`, result.reason, result.permanent);
          case 'ready':
            break;
        }
        const hashes = diffLineHashes(result.diff.patch);
        const revert = detectRevert(hashes, countedRounds);
        if (revert.reverts) {
          const reason = `The repair would undo ${Math.round(revert.share * 100)}% of round ${revert.round}.`;
          deps.runs.finish(run.runId, {
            status: 'failed',
            failureCode: 'reverts_earlier_repair',
            failureReason: reason,
          });
          await handBack(deps, { prNumber: n, code: 'reverts_earlier_repair', reason, scope: pr.headSha });
          return done('handed_back_reverts_earlier_repair');
        }
        const subject = repairCommitSubject(n, items);
        if (settings.dryRun) {
          deps.runs.finish(run.runId, { status: 'dry_run', branch: pr.headRef });
          return {
            kind: 'done',
            result: {
              summary: 'dry_run',
              pr: n,
              dryRun: true,
              subject,
              diff: result.diff.patch.slice(0, 20_000),
            },
          };
        }
        const commit = await worktree.commitAll({
          message: `${subject}\n\nAddresses ${items.length} feedback item(s) on #${n}.\n`,
        });
        await worktree.push({ branch: pr.headRef });
        deps.pullRequests.setKnownHead(n, commit.sha);
        deps.pullRequests.incrementRepairCount(n);
        const fingerprints = items.map((item) => item.fingerprint);
        deps.rounds.record({
          prNumber: n,
          round,
          commitSha: commit.sha,
          feedbackKey: payload.feedbackKey,
          openBefore: items.length,
          addressed: fingerprints,
          addedLineHashes: hashes.added,
          removedLineHashes: hashes.removed,
        });
        deps.ledger.setState(n, fingerprints, 'addressed', { round });
        const reviewCursor = cursorOf(items.filter((item) => item.kind !== 'ci_failure'));
        if (reviewCursor !== null) deps.pullRequests.setFeedbackCursor(n, reviewCursor);
        deps.pullRequests.setReviewState(n, 'commented', `Pushed repair round ${round}; waiting for review`);
        deps.runs.finish(run.runId, { status: 'done', branch: pr.headRef, prNumber: n });
        deps.eventLog.append({
          category: 'pr_task_queue',
          level: 'info',
          message: `Pushed repair round ${round} to PR #${n}: ${subject}`,
          data: { source: task.source, pr: n, round, commit: commit.sha },
        });
        return done('repaired', { round, commit: commit.sha, subject, addressed: items.length });
      },
    );
  };
}

/** A CLI that did not complete: a missing binary is a setting to fix, anything else may pass. */
function agentFailure(
  outcome: Exclude<AgentOutcome, { kind: 'completed' }>,
  fail: (code: string, reason: string, permanent: boolean) => TaskOutcome,
): TaskOutcome {
  if (outcome.kind === 'not_installed') {
    return fail(
      'agent_not_installed',
      `The coding CLI "${outcome.command}" was not found. Install it or set ${outcome.setting} to its path.`,
      true,
    );
  }
  return fail(
    `agent_${outcome.kind}`,
    `The coding CLI ${outcome.backend} did not complete (${outcome.kind}).`,
    false,
  );
}
