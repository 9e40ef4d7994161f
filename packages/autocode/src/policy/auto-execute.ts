import type { ExecutionMode } from '../config/execution-settings.js';
import type { IssuePlan } from '../planning/issue-plan.js';

/** Inputs of {@link shouldAutoExecute}. */
export interface AutoExecuteInput {
  readonly mode: ExecutionMode;
  /** EXECUTION_AUTO_IMPLEMENT_ON_ISSUE_OPEN. */
  readonly autoImplementOnIssueOpen: boolean;
  readonly plan: IssuePlan;
}

/**
 * True for a `small_feature` the planner rates low-risk on both triage and plan: the only
 * feature the `auto` mode may start without an approver.
 */
export function isLowRiskSmallFeature(plan: IssuePlan): boolean {
  return (
    plan.triage.taskType === 'small_feature' &&
    plan.triage.riskLevel === 'low' &&
    plan.plan.riskLevel === 'low'
  );
}

/**
 * Whether a planned issue is implemented without anyone asking (spec §2.6). Modes:
 * - `manual`: never; only an approver's explicit request starts work.
 * - `semi_auto`: `bug_fix` and `todo_refactor` issues, when EXECUTION_AUTO_IMPLEMENT_ON_ISSUE_OPEN is on.
 * - `auto`: as `semi_auto`, plus low-risk `small_feature` issues ({@link isLowRiskSmallFeature}).
 * A degraded plan or a planner verdict other than `auto_fix`/`implement` never auto-executes,
 * and a `true` here still goes through the policy gate afterwards.
 */
export function shouldAutoExecute(input: AutoExecuteInput): boolean {
  const { mode, plan } = input;
  if (mode === 'manual' || !input.autoImplementOnIssueOpen || plan.degraded) return false;
  // `plan_only` is the planner saying "do not write code for this"; `reject` the gate refuses anyway.
  if (plan.triage.action !== 'auto_fix' && plan.triage.action !== 'implement') return false;
  const { taskType } = plan.triage;
  if (taskType === 'bug_fix' || taskType === 'todo_refactor') return true;
  return mode === 'auto' && isLowRiskSmallFeature(plan);
}
