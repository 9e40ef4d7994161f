import { z } from 'zod';
import { taskTypes } from '../config/policy-settings.js';
import type { IssuePlan } from '../planning/issue-plan.js';
import { riskLevels, triageActions } from '../planning/issue-plan.js';

const texts = z.array(z.string());

/**
 * The stored shape of an IssuePlan (`autocode_issues.plan_json`, camelCase JSON). Checked on
 * write and on read: a plan that fails is re-planned, never executed from a guessed shape.
 */
export const IssuePlanColumn = z.object({
  triage: z.object({
    taskType: z.enum(taskTypes),
    action: z.enum(triageActions),
    riskLevel: z.enum(riskLevels),
    reason: z.string(),
    confidence: z.number().min(0).max(1),
  }),
  plan: z.object({
    goal: z.string(),
    assumptions: texts,
    acceptanceCriteria: texts,
    riskLevel: z.enum(riskLevels),
    estimatedFiles: texts,
    suggestedTests: texts,
    needsHumanApproval: z.boolean(),
    blockedReasons: texts,
  }),
  degraded: z.boolean(),
  error: z.string().exactOptional(),
}) satisfies z.ZodType<IssuePlan>;

/** Parses a stored plan; `undefined` when the text is not JSON or not an IssuePlan. */
export function readIssuePlan(text: string): IssuePlan | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = IssuePlanColumn.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
