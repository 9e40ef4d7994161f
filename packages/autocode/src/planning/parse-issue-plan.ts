import { z } from 'zod';
import { taskTypes } from '../config/policy-settings.js';
import { extractJsonObject, isRecord } from './extract-json-object.js';
import type { ExecutionPlan, IssuePlan, Triage } from './issue-plan.js';
import { riskLevels, triageActions } from './issue-plan.js';
import {
  capText,
  choiceField,
  confidenceField,
  flagField,
  pathListField,
  textField,
  textListField,
} from './plan-fields.js';

// A missing or non-object section reads as `{}` (spec §2.4), so every field takes its default.
const section = (value: unknown): Record<string, unknown> => (isRecord(value) ? value : {});

const triageSchema = z.preprocess(
  section,
  z
    .object({
      task_type: choiceField(taskTypes, 'high_risk_feature'),
      action: choiceField(triageActions, 'plan_only'),
      risk_level: choiceField(riskLevels, 'high'),
      reason: textField,
      confidence: confidenceField,
    })
    .transform(
      (raw): Triage => ({
        taskType: raw.task_type,
        action: raw.action,
        riskLevel: raw.risk_level,
        reason: raw.reason,
        confidence: raw.confidence,
      }),
    ),
);

const planSchema = z.preprocess(
  section,
  z
    .object({
      goal: textField,
      assumptions: textListField,
      acceptance_criteria: textListField,
      risk_level: choiceField(riskLevels, 'high'),
      estimated_files: pathListField,
      suggested_tests: textListField,
      needs_human_approval: flagField,
      blocked_reasons: textListField,
    })
    .transform(
      (raw): ExecutionPlan => ({
        goal: raw.goal,
        assumptions: raw.assumptions,
        acceptanceCriteria: raw.acceptance_criteria,
        riskLevel: raw.risk_level,
        estimatedFiles: raw.estimated_files,
        suggestedTests: raw.suggested_tests,
        needsHumanApproval: raw.needs_human_approval,
        blockedReasons: raw.blocked_reasons,
      }),
    ),
);

const answerSchema = z.object({ triage: triageSchema, plan: planSchema });

/**
 * Reads the planner's answer (spec autocode-execution §2.4) into an {@link IssuePlan}. Slightly
 * off fields are repaired conservatively (weakness 19); an answer with no JSON object, or with
 * neither a `triage` nor a `plan` object, gives the {@link degradedPlan}, which never executes.
 */
export function parseIssuePlan(text: string, issueTitle: string): IssuePlan {
  let answer: Record<string, unknown>;
  try {
    answer = extractJsonObject(text, 'issue plan');
  } catch (error) {
    return degradedPlan(issueTitle, error);
  }
  if (!isRecord(answer['triage']) && !isRecord(answer['plan'])) {
    return degradedPlan(issueTitle, 'the planner answer has neither a "triage" nor a "plan" object');
  }
  const parsed = answerSchema.safeParse(answer);
  if (!parsed.success) return degradedPlan(issueTitle, z.prettifyError(parsed.error));
  return { triage: parsed.data.triage, plan: parsed.data.plan, degraded: false };
}

/**
 * The conservative placeholder used when planning fails (planner error or unusable answer):
 * high risk, plan only, a human must approve, and `degraded` so it never executes.
 */
export function degradedPlan(issueTitle: string, error: unknown): IssuePlan {
  return {
    triage: {
      taskType: 'high_risk_feature',
      action: 'plan_only',
      riskLevel: 'high',
      reason: 'Automatic triage failed; the issue was downgraded conservatively.',
      confidence: 0,
    },
    plan: {
      goal: capText(issueTitle) || 'Pending manual confirmation',
      assumptions: ['The automatic plan failed; a maintainer has to confirm the scope.'],
      acceptanceCriteria: ['A maintainer confirms the scope and the acceptance criteria manually.'],
      riskLevel: 'high',
      estimatedFiles: [],
      suggestedTests: [],
      needsHumanApproval: true,
      blockedReasons: ['The automatic planning service is unavailable.'],
    },
    degraded: true,
    error: errorMessage(error),
  };
}

function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return capText(message) || 'unknown planning error';
}

/**
 * The plan as pretty JSON with the planner's own snake_case keys, in the order of spec §2.4
 * (goal, assumptions, acceptance_criteria, risk_level, estimated_files, suggested_tests,
 * needs_human_approval, blocked_reasons); prompts and PR bodies show it this way.
 */
export function planToJson(plan: ExecutionPlan): string {
  return JSON.stringify(
    {
      goal: plan.goal,
      assumptions: plan.assumptions,
      acceptance_criteria: plan.acceptanceCriteria,
      risk_level: plan.riskLevel,
      estimated_files: plan.estimatedFiles,
      suggested_tests: plan.suggestedTests,
      needs_human_approval: plan.needsHumanApproval,
      blocked_reasons: plan.blockedReasons,
    },
    null,
    2,
  );
}
