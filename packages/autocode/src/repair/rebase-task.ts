import type { PullRequest, TaskHandlerContext, TaskOutcome } from '@patchloop/core';
import { describeFindings, inspectPatch } from '../inspection/inspect-patch.js';
import type { PullRequestRecord } from '../store/pull-request-record.js';
import { failedStepsSummary } from '../validation/summaries.js';
import { buildConflictPrompt } from './conflict-prompt.js';
import type { RepairDeps } from './repair-deps.js';

/**
 * Rebases a conflicted tracked PR onto its own base branch (spec autocode-execution §3.9, fixing
 * weakness 13): conflicts go to the coding CLI one rebase step at a time, the result is inspected
 * against the new base and validated, and only then, in live mode, pushed with a lease. A failure is
 * remembered for this head so the same rebase is not retried until the branch or base moves.
 */
export async function runRebase(
  deps: RepairDeps,
  input: {
    readonly pr: PullRequest;
    readonly record: PullRequestRecord;
    readonly context: TaskHandlerContext;
  },
): Promise<TaskOutcome> {
  const { pr } = input;
  const n = pr.number;
  const { implement, settings } = deps;
  const done = (summary: string, extra: Record<string, string | boolean> = {}): TaskOutcome => ({
    kind: 'done',
    result: { summary, pr: n, ...extra },
  });
  const failed = (reason: string): TaskOutcome => {
    deps.pullRequests.recordRebaseFailure(n, pr.headSha, reason);
    deps.eventLog.append({
      category: 'pull_request',
      level: 'warn',
      message: `Could not rebase PR #${n} onto ${pr.baseRef}: ${reason.split('\n', 1)[0] ?? ''}`,
      data: { source: 'rebase', pr: n },
    });
    return done('rebase_failed', { reason: reason.slice(0, 2_000) });
  };
  return deps.worktrees.withWorktree(
    { taskKey: `pr-${n}`, branch: pr.headRef, base: pr.baseRef },
    async (worktree, lockSignal) => {
      if (worktree.startSha !== pr.headSha)
        return { kind: 'retry', reason: 'head_moved: the branch moved before the rebase' };
      const signal = AbortSignal.any([input.context.signal, lockSignal]);
      const result = await worktree.rebaseResolvingConflicts(pr.baseRef, async (files) => {
        const { systemPrompt, prompt } = buildConflictPrompt({
          repository: settings.tracking.repository,
          pullNumber: n,
          baseBranch: pr.baseRef,
          files,
        });
        const outcome = await implement.agent.run(
          {
            prompt,
            systemPrompt,
            cwd: worktree.path,
            mode: 'edit',
            timeoutMs: implement.timeoutMs,
            idleTimeoutMs: implement.idleTimeoutMs,
            outputFormat: 'text',
          },
          signal,
        );
        input.context.heartbeat();
        return outcome.kind === 'completed';
      });
      if (result.kind === 'conflict')
        return failed(`Conflicts left unresolved in ${result.files.join(', ')}`);
      if (result.kind === 'up_to_date') {
        deps.pullRequests.clearRebaseFailure(n);
        return done('rebase_not_needed');
      }
      const diff = await worktree.diffAgainst(`refs/remotes/${settings.pushRemote}/${pr.baseRef}`);
      const inspection = inspectPatch({
        diff,
        // The PR's size was judged when it was written; a rebase only re-checks paths, secrets and tests.
        settings: {
          ...implement.policy,
          limits: { maxChangedFiles: Infinity, maxAddedLines: Infinity, maxDeletedLines: Infinity },
        },
        requireTestChanges: false,
        allowedPaths: [],
      });
      const refusals = inspection.findings.filter((finding) => finding.code !== 'no_changes');
      if (refusals.length > 0)
        return failed(`Rebased patch refused: ${describeFindings(refusals).join('; ')}`);
      const validation = await implement.validation.runAll(worktree.path, {
        signal,
        testTimeoutMs: settings.limits.repairTestTimeoutMs,
      });
      input.context.heartbeat();
      if (!validation.success)
        return failed(`Validation failed after the rebase:\n${failedStepsSummary(validation)}`);
      if (settings.dryRun) return done('dry_run', { dryRun: true, rebasedHead: result.headSha });
      await worktree.push({ branch: pr.headRef, force: 'with-lease' });
      deps.pullRequests.setKnownHead(n, result.headSha);
      deps.pullRequests.clearRebaseFailure(n);
      deps.eventLog.append({
        category: 'pull_request',
        level: 'info',
        message: `Rebased PR #${n} onto ${pr.baseRef} and pushed with a lease`,
        data: { source: 'rebase', pr: n, head: result.headSha },
      });
      return done('rebased', { head: result.headSha });
    },
  );
}
