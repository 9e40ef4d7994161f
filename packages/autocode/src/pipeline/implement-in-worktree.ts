import type { AgentOutcome, CodingAgent, Issue, Worktree, WorktreeDiff } from '@patchloop/core';
import type { LimitSettings } from '../config/limit-settings.js';
import type { PolicySettings } from '../config/policy-settings.js';
import { describeFindings, inspectPatch, isPermanentFinding } from '../inspection/inspect-patch.js';
import type { InspectionReport } from '../inspection/inspection-report.js';
import { buildExecutionPrompt, repairNote } from '../planning/execution-prompt.js';
import type { IssuePlan } from '../planning/issue-plan.js';
import type { BuiltPrompt } from '../planning/prompt-text.js';
import type { ValidationRunner } from '../validation/run-validation.js';
import { environmentBlocker, failedStepsSummary } from '../validation/summaries.js';
import type { ValidationReport } from '../validation/validation-report.js';

/** How the coding attempts ended. */
export type ImplementationResult =
  | {
      readonly kind: 'ready';
      readonly diff: WorktreeDiff;
      readonly inspection: InspectionReport;
      readonly validation: ValidationReport;
      /** The CLI's own summary of its last attempt. */
      readonly agentSummary: string;
      readonly attempts: number;
    }
  /** The CLI did not complete (timeout, missing binary, auth...): the run stops here. */
  | { readonly kind: 'agent_unavailable'; readonly outcome: Exclude<AgentOutcome, { kind: 'completed' }> }
  /** A validation command cannot run on this machine: people must fix the environment. */
  | { readonly kind: 'environment_blocked'; readonly reason: string }
  /** Every attempt was refused; `permanent` when retrying the same plan would hit the same wall. */
  | {
      readonly kind: 'rejected';
      readonly stage: 'no_changes' | 'inspection' | 'validation';
      readonly reason: string;
      readonly permanent: boolean;
      readonly inspection?: InspectionReport;
      readonly validation?: ValidationReport;
      readonly attempts: number;
    };

/** What the attempt loop needs. */
export interface ImplementDeps {
  readonly agent: CodingAgent;
  readonly validation: ValidationRunner;
  readonly repository: string;
  readonly policy: Pick<PolicySettings, 'blockedPaths' | 'documentationScope'>;
  readonly limits: LimitSettings;
  readonly validationCommands: readonly string[];
  readonly timeoutMs: number;
  readonly idleTimeoutMs: number;
}

/** What one coding run works on: how to ask, what the change is measured against, what it must include. */
export interface CodingRun {
  readonly worktree: Worktree;
  /** The prompt of attempt `attempt` (1-based), given the repair notes so far (last 3 shown). */
  readonly prompt: (attempt: number, notes: readonly string[]) => BuiltPrompt;
  /** The commit the change is measured against: the base for an issue, the PR head for a repair. */
  readonly diffBase: string;
  readonly requireTestChanges: boolean;
  readonly allowedPaths: readonly string[];
  /** Extra CLI attempts after the first. */
  readonly repairAttempts: number;
  readonly testTimeoutMs?: number;
  /** Reasons earlier runs failed, oldest first. */
  readonly previousFailures: readonly string[];
  readonly signal: AbortSignal;
  /** Called after each long step to keep the task's lease. */
  readonly heartbeat: () => void;
}

/**
 * The coding attempts of spec autocode-execution §2.9 in a prepared worktree: CLI, then patch
 * inspection of the whole change against `diffBase` (before any validation command runs the
 * agent's code), then validation; a refusal becomes a repair note for the next attempt, which
 * builds on the previous edits. Up to `repairAttempts + 1` CLI calls.
 */
export async function runCodingAttempts(deps: ImplementDeps, run: CodingRun): Promise<ImplementationResult> {
  const { worktree } = run;
  const maxAttempts = Math.max(0, run.repairAttempts) + 1;
  const notes = [...run.previousFailures];
  let last: Extract<ImplementationResult, { kind: 'rejected' }> | undefined;

  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    const { systemPrompt, prompt } = run.prompt(attempt, notes.slice(-3));
    const outcome = await deps.agent.run(
      {
        prompt,
        systemPrompt,
        cwd: worktree.path,
        mode: 'edit',
        timeoutMs: deps.timeoutMs,
        idleTimeoutMs: deps.idleTimeoutMs,
        outputFormat: 'text',
      },
      run.signal,
    );
    run.heartbeat();
    if (outcome.kind !== 'completed') return { kind: 'agent_unavailable', outcome };

    const diff = await worktree.diffAgainst(run.diffBase);
    if (diff.files.length === 0) {
      last = {
        kind: 'rejected',
        stage: 'no_changes',
        reason: 'The coding CLI finished without changing any file.',
        permanent: false,
        attempts: attempt,
      };
    } else {
      const inspection = inspectPatch({
        diff,
        settings: { ...deps.policy, limits: deps.limits },
        requireTestChanges: run.requireTestChanges,
        allowedPaths: run.allowedPaths,
      });
      if (!inspection.allowed) {
        last = {
          kind: 'rejected',
          stage: 'inspection',
          reason: `Patch refused: ${describeFindings(inspection.findings).join('; ')}`,
          permanent: inspection.findings.some((finding) => isPermanentFinding(finding.code)),
          inspection,
          attempts: attempt,
        };
      } else {
        const validation = await deps.validation.runAll(worktree.path, {
          signal: run.signal,
          ...(run.testTimeoutMs === undefined ? {} : { testTimeoutMs: run.testTimeoutMs }),
        });
        run.heartbeat();
        if (validation.success) {
          return {
            kind: 'ready',
            diff,
            inspection,
            validation,
            agentSummary: outcome.output.trim(),
            attempts: attempt,
          };
        }
        const blocker = environmentBlocker(validation);
        if (blocker !== undefined) return { kind: 'environment_blocked', reason: blocker };
        last = {
          kind: 'rejected',
          stage: 'validation',
          reason: `Validation failed:\n${failedStepsSummary(validation, { limit: 4, outputLimit: 600 })}`,
          permanent: false,
          inspection,
          validation,
          attempts: attempt,
        };
      }
    }
    notes.push(repairNote(attempt, last.stage, last.reason));
  }
  // maxAttempts ≥ 1, so the loop ran and every path that did not return set `last`.
  return last as Extract<ImplementationResult, { kind: 'rejected' }>;
}

/** An issue's coding run: the execution prompt over the approved plan, measured against the base. */
export function implementInWorktree(
  deps: ImplementDeps,
  input: {
    readonly worktree: Worktree;
    readonly issue: Pick<Issue, 'number' | 'title' | 'body'>;
    readonly plan: IssuePlan;
    readonly trustedAuthor: boolean;
    readonly previousFailures: readonly string[];
    readonly signal: AbortSignal;
    readonly heartbeat: () => void;
  },
): Promise<ImplementationResult> {
  const { plan } = input;
  return runCodingAttempts(deps, {
    worktree: input.worktree,
    prompt: (attempt, notes) =>
      buildExecutionPrompt({
        repository: deps.repository,
        issue: input.issue,
        taskType: plan.triage.taskType,
        plan: plan.plan,
        attempt,
        repairNotes: notes,
        validationCommands: deps.validationCommands,
        limits: deps.limits,
        blockedPaths: deps.policy.blockedPaths,
        trustedAuthor: input.trustedAuthor,
      }),
    diffBase: input.worktree.baseSha,
    requireTestChanges: plan.triage.taskType === 'bug_fix',
    allowedPaths: plan.plan.estimatedFiles,
    repairAttempts: deps.limits.issueRepairMaxAttempts,
    previousFailures: input.previousFailures,
    signal: input.signal,
    heartbeat: input.heartbeat,
  });
}
