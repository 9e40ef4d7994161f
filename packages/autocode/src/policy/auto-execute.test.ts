import { describe, expect, it } from 'vitest';
import type { TaskType } from '../config/policy-settings.js';
import type { RiskLevel, TriageAction } from '../planning/issue-plan.js';
import { isLowRiskSmallFeature, shouldAutoExecute } from './auto-execute.js';
import { anIssuePlan } from './test-builders.js';

const planOf = (taskType: TaskType, riskLevel: RiskLevel = 'low', action: TriageAction = 'auto_fix') =>
  anIssuePlan({ triage: { taskType, riskLevel, action }, plan: { riskLevel } });

describe('shouldAutoExecute', () => {
  it.each<TaskType>(['bug_fix', 'todo_refactor', 'small_feature', 'high_risk_feature'])(
    'never runs a %s in manual mode',
    (taskType) => {
      expect(
        shouldAutoExecute({ mode: 'manual', autoImplementOnIssueOpen: true, plan: planOf(taskType) }),
      ).toBe(false);
    },
  );

  it.each([
    ['bug_fix', true],
    ['todo_refactor', true],
    ['small_feature', false],
    ['high_risk_feature', false],
  ] as const)('runs a %s in semi_auto mode with auto-implement on: %s', (taskType, expected) => {
    expect(
      shouldAutoExecute({ mode: 'semi_auto', autoImplementOnIssueOpen: true, plan: planOf(taskType) }),
    ).toBe(expected);
  });

  it.each(['semi_auto', 'auto'] as const)(
    'waits for approval in %s mode while auto-implement is off',
    (mode) => {
      expect(shouldAutoExecute({ mode, autoImplementOnIssueOpen: false, plan: planOf('bug_fix') })).toBe(
        false,
      );
    },
  );

  it('runs a low-risk small feature in auto mode', () => {
    expect(
      shouldAutoExecute({
        mode: 'auto',
        autoImplementOnIssueOpen: true,
        plan: planOf('small_feature', 'low', 'implement'),
      }),
    ).toBe(true);
  });

  it.each([
    anIssuePlan({ triage: { taskType: 'small_feature', riskLevel: 'medium' }, plan: { riskLevel: 'low' } }),
    anIssuePlan({ triage: { taskType: 'small_feature', riskLevel: 'low' }, plan: { riskLevel: 'high' } }),
    planOf('high_risk_feature'),
  ])('keeps other features waiting in auto mode (case %#)', (plan) => {
    expect(shouldAutoExecute({ mode: 'auto', autoImplementOnIssueOpen: true, plan })).toBe(false);
  });

  it('runs bug fixes in auto mode whatever their risk; the policy gate judges the risk', () => {
    expect(
      shouldAutoExecute({ mode: 'auto', autoImplementOnIssueOpen: true, plan: planOf('bug_fix', 'high') }),
    ).toBe(true);
  });

  it.each<TriageAction>(['plan_only', 'reject'])(
    'does not run a plan whose triage action is %s',
    (action) => {
      expect(
        shouldAutoExecute({
          mode: 'auto',
          autoImplementOnIssueOpen: true,
          plan: planOf('bug_fix', 'low', action),
        }),
      ).toBe(false);
    },
  );

  it('never runs a degraded plan', () => {
    const plan = anIssuePlan({ degraded: true, error: 'planner timed out' });

    expect(shouldAutoExecute({ mode: 'auto', autoImplementOnIssueOpen: true, plan })).toBe(false);
  });
});

describe('isLowRiskSmallFeature', () => {
  it('needs a small feature rated low by both triage and plan', () => {
    expect([
      isLowRiskSmallFeature(planOf('small_feature')),
      isLowRiskSmallFeature(planOf('small_feature', 'medium')),
      isLowRiskSmallFeature(planOf('bug_fix')),
    ]).toEqual([true, false, false]);
  });
});
