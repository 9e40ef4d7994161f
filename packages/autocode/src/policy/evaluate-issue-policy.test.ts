import { describe, expect, it } from 'vitest';
import type { PolicySettings } from '../config/policy-settings.js';
import type { IssuePlan } from '../planning/issue-plan.js';
import type { IssuePolicyInput } from './evaluate-issue-policy.js';
import { evaluateIssuePolicy } from './evaluate-issue-policy.js';
import { anIssuePlan, policySettingsWith } from './test-builders.js';

function evaluate(
  plan: IssuePlan,
  options: Partial<Omit<IssuePolicyInput, 'plan' | 'settings'>> & { settings?: Partial<PolicySettings> } = {},
) {
  return evaluateIssuePolicy({
    plan,
    labels: options.labels ?? [],
    explicit: options.explicit ?? false,
    authorIsApprover: options.authorIsApprover ?? false,
    settings: policySettingsWith(options.settings),
    ...(options.mode === undefined ? {} : { mode: options.mode }),
  });
}

const codes = (decision: ReturnType<typeof evaluate>) => decision.reasons.map((reason) => reason.code);
const messages = (decision: ReturnType<typeof evaluate>) => decision.reasons.map((reason) => reason.message);

const smallFeature = anIssuePlan({ triage: { taskType: 'small_feature', action: 'implement' } });
const riskyBugFix = anIssuePlan({
  triage: { riskLevel: 'high' },
  plan: { riskLevel: 'high', needsHumanApproval: true },
});

describe('evaluateIssuePolicy', () => {
  it('allows a low-risk bug fix without any reason', () => {
    expect(evaluate(anIssuePlan())).toEqual({ allowed: true, requiresApproval: false, reasons: [] });
  });

  it('holds a small feature back when its type needs approval', () => {
    const decision = evaluate(smallFeature, { settings: { requireApprovalFor: ['small_feature'] } });

    expect(decision.allowed).toBe(false);
    expect(messages(decision)).toContain("task type `small_feature` needs a maintainer's approval");
  });

  it('allows an explicitly requested small feature when no type needs approval', () => {
    expect(evaluate(smallFeature, { explicit: true, settings: { requireApprovalFor: [] } })).toEqual({
      allowed: true,
      requiresApproval: false,
      reasons: [],
    });
  });

  it('does not let an approver-authored feature start on its own', () => {
    const decision = evaluate(smallFeature, {
      authorIsApprover: true,
      settings: { requireApprovalFor: ['small_feature'] },
    });

    expect(decision.allowed).toBe(false);
    expect(codes(decision)).toEqual(['type_requires_approval', 'feature_needs_approval']);
    expect(messages(decision)[1]).toContain('`small_feature`');
  });

  it('lets an explicit request waive the high-risk and plan-approval reasons', () => {
    expect(evaluate(riskyBugFix, { explicit: true })).toEqual({
      allowed: true,
      requiresApproval: true,
      reasons: [],
    });
  });

  it('holds a high-risk bug fix back without an explicit request', () => {
    const decision = evaluate(riskyBugFix);

    expect(decision).toMatchObject({ allowed: false, requiresApproval: true });
    expect(codes(decision)).toEqual(['plan_requires_approval', 'high_risk']);
    expect(messages(decision)[1]).toContain('risk level is high');
  });

  it('lets an approver-authored bug fix through its approval reasons', () => {
    expect(evaluate(riskyBugFix, { authorIsApprover: true }).allowed).toBe(true);
  });

  it('runs a high-risk bug fix without the approval flag when high-risk autorun is on', () => {
    const plan = anIssuePlan({ triage: { riskLevel: 'high' }, plan: { riskLevel: 'high' } });

    expect(evaluate(plan, { settings: { allowHighRiskAutorun: true } }).allowed).toBe(true);
  });

  it('keeps only the plan blockers when high-risk autorun is on', () => {
    const plan = anIssuePlan({
      plan: { needsHumanApproval: true, blockedReasons: ['needs a staging database'] },
    });

    const decision = evaluate(plan, { settings: { allowHighRiskAutorun: true } });

    expect(decision.reasons).toEqual([
      {
        code: 'plan_requires_approval',
        message: 'the plan names a blocker: needs a staging database',
        hard: false,
      },
    ]);
  });

  it('ignores plan blockers while the plan does not ask for approval', () => {
    const plan = anIssuePlan({
      triage: { taskType: 'todo_refactor' },
      plan: { blockedReasons: ['unsure about naming'], needsHumanApproval: false },
    });

    expect(evaluate(plan).allowed).toBe(true);
  });

  it('refuses a plan the triage rejected, even on an explicit request', () => {
    const plan = anIssuePlan({ triage: { action: 'reject', reason: 'asks for a new product' } });

    const decision = evaluate(plan, { explicit: true });

    expect(decision).toEqual({
      allowed: false,
      requiresApproval: true,
      reasons: [
        {
          code: 'triage_rejected',
          message: 'the planner judged the issue unsuitable for automatic work: asks for a new product',
          hard: true,
        },
      ],
    });
  });

  it('refuses an issue without an allowed label, even on an explicit request', () => {
    const decision = evaluate(anIssuePlan(), {
      explicit: true,
      labels: ['bug'],
      settings: { allowedLabels: ['autocode'] },
    });

    expect(decision.allowed).toBe(false);
    expect(decision.reasons).toEqual([
      {
        code: 'label_not_allowed',
        message:
          'the issue carries none of the labels EXECUTION_ALLOWED_LABELS allows (`autocode`); its labels: `bug`',
        hard: true,
      },
    ]);
  });

  it('compares labels ignoring case and surrounding spaces', () => {
    expect(
      evaluate(anIssuePlan(), { labels: [' AutoCode '], settings: { allowedLabels: ['autocode'] } }).allowed,
    ).toBe(true);
  });

  it('says "none" for an issue without labels', () => {
    const decision = evaluate(anIssuePlan(), { settings: { allowedLabels: ['autocode'] } });

    expect(messages(decision)[0]).toContain('its labels: none');
  });

  it.each([false, true])('never runs a degraded plan (explicit: %s)', (explicit) => {
    const plan = anIssuePlan({ degraded: true, error: 'planner timed out' });

    const decision = evaluate(plan, {
      explicit,
      authorIsApprover: true,
      settings: { requireApprovalFor: [] },
    });

    expect(decision).toEqual({
      allowed: false,
      requiresApproval: true,
      reasons: [
        {
          code: 'plan_degraded',
          message:
            'the planner failed (planner timed out), so there is no plan to execute; plan the issue again first',
          hard: true,
        },
      ],
    });
  });

  it('lets the auto mode start a low-risk small feature no type approval covers', () => {
    const decision = evaluate(smallFeature, {
      mode: 'auto',
      settings: { requireApprovalFor: ['high_risk_feature'] },
    });

    expect(decision.allowed).toBe(true);
  });

  it('still applies EXECUTION_REQUIRE_APPROVAL_FOR to features in auto mode', () => {
    const decision = evaluate(smallFeature, { mode: 'auto' });

    expect(codes(decision)).toEqual(['type_requires_approval']);
  });

  it.each(['semi_auto', 'manual'] as const)('keeps features behind an approver in %s mode', (mode) => {
    const decision = evaluate(smallFeature, { mode, settings: { requireApprovalFor: [] } });

    expect(codes(decision)).toEqual(['feature_needs_approval']);
  });

  it('lists hard reasons before approval reasons', () => {
    const plan = anIssuePlan({ triage: { taskType: 'high_risk_feature', riskLevel: 'high' } });

    const decision = evaluate(plan, { settings: { allowedLabels: ['autocode'] } });

    expect(decision.reasons.map((reason) => [reason.code, reason.hard])).toEqual([
      ['label_not_allowed', true],
      ['type_requires_approval', false],
      ['high_risk', false],
      ['feature_needs_approval', false],
    ]);
  });
});
