import type { PolicySettings } from '../config/policy-settings.js';
import { policyDefaults } from '../config/policy-settings.js';
import type { ExecutionPlan, IssuePlan, Triage } from '../planning/issue-plan.js';

// Builders for the policy tests: a sound low-risk bug-fix plan that each test bends one way.

/** An issue plan; `triage` and `plan` fields override a low-risk `bug_fix`/`auto_fix`. */
export function anIssuePlan(
  overrides: {
    triage?: Partial<Triage>;
    plan?: Partial<ExecutionPlan>;
    degraded?: boolean;
    error?: string;
  } = {},
): IssuePlan {
  return {
    triage: {
      taskType: 'bug_fix',
      action: 'auto_fix',
      riskLevel: 'low',
      reason: 'a clear defect',
      confidence: 0.9,
      ...overrides.triage,
    },
    plan: {
      goal: 'Fix the crash on empty payloads',
      assumptions: [],
      acceptanceCriteria: ['empty payloads are rejected with a 400'],
      riskLevel: 'low',
      estimatedFiles: ['src/handler.ts'],
      suggestedTests: ['src/handler.test.ts'],
      needsHumanApproval: false,
      blockedReasons: [],
      ...overrides.plan,
    },
    degraded: overrides.degraded ?? false,
    ...(overrides.error === undefined ? {} : { error: overrides.error }),
  };
}

/** Policy settings with the shipped defaults, overridable per test. */
export function policySettingsWith(overrides: Partial<PolicySettings> = {}): PolicySettings {
  return {
    allowedLabels: [],
    requireApprovalFor: policyDefaults.requireApprovalFor,
    allowHighRiskAutorun: false,
    blockedPaths: policyDefaults.blockedPaths,
    documentationScope: {
      paths: policyDefaults.documentationPaths,
      extensions: policyDefaults.documentationExtensions,
    },
    ...overrides,
  };
}
