import type { TaskType } from '../config/policy-settings.js';

/** What the planner may propose to do with an issue. */
export const triageActions = ['auto_fix', 'implement', 'plan_only', 'reject'] as const;
/** One of {@link triageActions}. */
export type TriageAction = (typeof triageActions)[number];

/** How risky the planner judges a change. */
export const riskLevels = ['low', 'medium', 'high'] as const;
/** One of {@link riskLevels}. */
export type RiskLevel = (typeof riskLevels)[number];

/** The planner's classification of an issue (spec autocode-execution §2.4, "triage"). */
export interface Triage {
  readonly taskType: TaskType;
  readonly action: TriageAction;
  readonly riskLevel: RiskLevel;
  readonly reason: string;
  /** 0..1. */
  readonly confidence: number;
}

/** The planner's structured plan (spec §2.4, "plan"). Paths are repository-relative and validated. */
export interface ExecutionPlan {
  readonly goal: string;
  readonly assumptions: readonly string[];
  readonly acceptanceCriteria: readonly string[];
  readonly riskLevel: RiskLevel;
  readonly estimatedFiles: readonly string[];
  readonly suggestedTests: readonly string[];
  readonly needsHumanApproval: boolean;
  readonly blockedReasons: readonly string[];
}

/**
 * Triage plus plan for one issue version. `degraded` means the planner failed (CLI error or an
 * answer that is not the schema) and a conservative placeholder stands in: such a plan never
 * executes, not even on an explicit approval (the original ran it anyway).
 */
export interface IssuePlan {
  readonly triage: Triage;
  readonly plan: ExecutionPlan;
  readonly degraded: boolean;
  /** Why the plan is degraded; absent otherwise. */
  readonly error?: string;
}
