import type { ExecutionMode } from '../config/execution-settings.js';
import type { PolicySettings, TaskType } from '../config/policy-settings.js';
import type { IssuePlan } from '../planning/issue-plan.js';
import { isLowRiskSmallFeature } from './auto-execute.js';

/** Why the policy gate held an issue back; stable codes for the task record and tests. */
export type PolicyReasonCode =
  | 'plan_degraded'
  | 'triage_rejected'
  | 'label_not_allowed'
  | 'type_requires_approval'
  | 'plan_requires_approval'
  | 'high_risk'
  | 'feature_needs_approval';

/** One reason of a {@link PolicyDecision}. `hard` reasons hold even for an approved issue. */
export interface PolicyReason {
  readonly code: PolicyReasonCode;
  /** One English sentence naming the values involved. */
  readonly message: string;
  readonly hard: boolean;
}

/** The gate's verdict on one planned issue. */
export interface PolicyDecision {
  /** No reason left: the issue may be implemented now. */
  readonly allowed: boolean;
  /** Something would need a human (a hard reason, or an approval an approver may have waived). */
  readonly requiresApproval: boolean;
  /** Hard reasons, plus the approval reasons unless the issue is authorised. */
  readonly reasons: readonly PolicyReason[];
}

/** Inputs of {@link evaluateIssuePolicy}. */
export interface IssuePolicyInput {
  readonly plan: IssuePlan;
  readonly labels: readonly string[];
  /** An approver asked for this run (comment command, admin API). */
  readonly explicit: boolean;
  /** The issue's author may approve work (one of EXECUTION_APPROVER_PERMISSIONS). */
  readonly authorIsApprover: boolean;
  readonly settings: PolicySettings;
  /**
   * EXECUTION_MODE. Only `auto` changes the outcome: it lifts R6 for a low-risk `small_feature`
   * (R3 still applies through EXECUTION_REQUIRE_APPROVAL_FOR). Absent means "not auto".
   */
  readonly mode?: ExecutionMode;
}

const featureTypes: ReadonlySet<TaskType> = new Set(['small_feature', 'high_risk_feature']);

/**
 * The policy gate (spec §2.5 rules R1-R6, "owner" read as "an approver"), preceded by one new
 * hard rule: a degraded plan never runs, not even when an approver asked for it, because its
 * goal is only the issue title and it carries no file hints.
 */
export function evaluateIssuePolicy(input: IssuePolicyInput): PolicyDecision {
  const { plan, settings } = input;
  const { triage } = plan;

  if (plan.degraded) {
    const detail = plan.error === undefined || plan.error === '' ? '' : ` (${plan.error})`;
    return blockedBy({
      code: 'plan_degraded',
      message: `the planner failed${detail}, so there is no plan to execute; plan the issue again first`,
      hard: true,
    });
  }
  // R1: an explicit request cannot override the planner's own verdict.
  if (triage.action === 'reject') {
    return blockedBy({
      code: 'triage_rejected',
      message: `the planner judged the issue unsuitable for automatic work: ${triage.reason || 'no reason given'}`,
      hard: true,
    });
  }

  const hard: PolicyReason[] = [];
  const approval: PolicyReason[] = [];
  const isFeature = featureTypes.has(triage.taskType);
  const authorized = input.explicit || (input.authorIsApprover && !isFeature);

  // R2: the label allow-list is hard; an approval cannot stand in for a missing label.
  const labelReason = checkLabels(input.labels, settings.allowedLabels);
  if (labelReason !== undefined) hard.push(labelReason);
  // R3: types the operator reserved for humans.
  if (settings.requireApprovalFor.includes(triage.taskType)) {
    approval.push(
      needsApproval(
        'type_requires_approval',
        `task type \`${triage.taskType}\` needs a maintainer's approval`,
      ),
    );
  }
  // R4: blocked reasons only count when the plan itself asks for a human.
  if (plan.plan.needsHumanApproval) {
    if (!settings.allowHighRiskAutorun) {
      approval.push(needsApproval('plan_requires_approval', "the plan asks for a maintainer's approval"));
    }
    for (const blocker of plan.plan.blockedReasons) {
      approval.push(needsApproval('plan_requires_approval', `the plan names a blocker: ${blocker}`));
    }
  }
  // R5: either side rating the work high is enough.
  if ((triage.riskLevel === 'high' || plan.plan.riskLevel === 'high') && !settings.allowHighRiskAutorun) {
    approval.push(
      needsApproval(
        'high_risk',
        `the risk level is high (triage \`${triage.riskLevel}\`, plan \`${plan.plan.riskLevel}\`) and EXECUTION_ALLOW_HIGH_RISK_AUTORUN is off`,
      ),
    );
  }
  // R6: features never start on their own, whoever opened the issue, except the low-risk
  // small features the `auto` mode opts into.
  const featureAutorun = input.mode === 'auto' && isLowRiskSmallFeature(plan);
  if (isFeature && !authorized && !featureAutorun) {
    approval.push(
      needsApproval(
        'feature_needs_approval',
        `feature work (\`${triage.taskType}\`) never starts automatically; an approver has to ask for it`,
      ),
    );
  }

  const reasons = authorized ? hard : [...hard, ...approval];
  return {
    allowed: reasons.length === 0,
    requiresApproval: hard.length > 0 || approval.length > 0,
    reasons,
  };
}

function blockedBy(reason: PolicyReason): PolicyDecision {
  return { allowed: false, requiresApproval: true, reasons: [reason] };
}

function needsApproval(code: PolicyReasonCode, message: string): PolicyReason {
  return { code, message, hard: false };
}

/** R2: with an allow-list configured, the issue needs one of its labels (ignoring case). */
function checkLabels(labels: readonly string[], allowedLabels: readonly string[]): PolicyReason | undefined {
  if (allowedLabels.length === 0) return undefined;
  const allowed = new Set(allowedLabels.map((label) => label.trim().toLowerCase()));
  if (labels.some((label) => allowed.has(label.trim().toLowerCase()))) return undefined;
  const quote = (values: readonly string[]) =>
    values.length === 0 ? 'none' : values.map((value) => `\`${value}\``).join(', ');
  return {
    code: 'label_not_allowed',
    message: `the issue carries none of the labels EXECUTION_ALLOWED_LABELS allows (${quote(allowedLabels)}); its labels: ${quote(labels)}`,
    hard: true,
  };
}
