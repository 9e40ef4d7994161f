import { describe, expect, it } from 'vitest';
import type { ExecutionPlan } from './issue-plan.js';
import { degradedPlan, parseIssuePlan, planToJson } from './parse-issue-plan.js';

const title = 'Fix empty payload crash';

function answer(triage: unknown, plan: unknown): string {
  return JSON.stringify({ triage, plan });
}

const validTriage = {
  task_type: 'bug_fix',
  action: 'auto_fix',
  risk_level: 'low',
  reason: 'Clear crash with a stack trace.',
  confidence: 0.9,
};

const validPlan = {
  goal: 'Guard against empty payloads',
  assumptions: ['Payload comes from the webhook'],
  acceptance_criteria: ['Empty payload returns 400'],
  risk_level: 'low',
  estimated_files: ['src/webhook.ts', 'tests/webhook.test.ts'],
  suggested_tests: ['empty payload test'],
  needs_human_approval: false,
  blocked_reasons: [],
};

function planWith(fields: Record<string, unknown>) {
  return parseIssuePlan(answer(validTriage, { ...validPlan, ...fields }), title).plan;
}

function triageWith(fields: Record<string, unknown>) {
  return parseIssuePlan(answer({ ...validTriage, ...fields }, validPlan), title).triage;
}

describe('parseIssuePlan', () => {
  it('reads a valid triage and plan answer', () => {
    const result = parseIssuePlan(answer(validTriage, validPlan), title);

    expect(result).toEqual({
      triage: {
        taskType: 'bug_fix',
        action: 'auto_fix',
        riskLevel: 'low',
        reason: 'Clear crash with a stack trace.',
        confidence: 0.9,
      },
      plan: {
        goal: 'Guard against empty payloads',
        assumptions: ['Payload comes from the webhook'],
        acceptanceCriteria: ['Empty payload returns 400'],
        riskLevel: 'low',
        estimatedFiles: ['src/webhook.ts', 'tests/webhook.test.ts'],
        suggestedTests: ['empty payload test'],
        needsHumanApproval: false,
        blockedReasons: [],
      },
      degraded: false,
    });
  });

  it('degrades an answer that is not JSON at all', () => {
    const result = parseIssuePlan('this is not JSON at all', title);

    expect(result.degraded).toBe(true);
    expect(result.triage.taskType).toBe('high_risk_feature');
    expect(result.triage.action).toBe('plan_only');
    expect(result.plan.needsHumanApproval).toBe(true);
    expect(result.error).toContain('issue plan');
  });

  it('degrades an answer with neither a triage nor a plan object', () => {
    const result = parseIssuePlan('{"answer": "bug_fix"}', title);

    expect(result.degraded).toBe(true);
    expect(result.error).toContain('neither');
  });

  it('uses conservative triage defaults when only a plan is given', () => {
    const result = parseIssuePlan(JSON.stringify({ plan: validPlan }), title);

    expect(result.degraded).toBe(false);
    expect(result.triage).toEqual({
      taskType: 'high_risk_feature',
      action: 'plan_only',
      riskLevel: 'high',
      reason: '',
      confidence: 0,
    });
    expect(result.plan.goal).toBe('Guard against empty payloads');
  });

  it('reads the triage and gives an empty high-risk plan when only a triage is given', () => {
    const result = parseIssuePlan(JSON.stringify({ triage: validTriage }), title);

    expect(result.triage.taskType).toBe('bug_fix');
    expect(result.plan.goal).toBe('');
    expect(result.plan.riskLevel).toBe('high');
    expect(result.plan.estimatedFiles).toEqual([]);
  });

  it('reads an answer wrapped in a json fence', () => {
    const text = `Here is the plan:\n\`\`\`json\n${answer({ ...validTriage, task_type: 'todo_refactor' }, { goal: 'Tidy the README' })}\n\`\`\``;

    const result = parseIssuePlan(text, title);

    expect(result.triage.taskType).toBe('todo_refactor');
    expect(result.plan.goal).toBe('Tidy the README');
  });

  it.each([
    ['HIGH', 'high'],
    ['urgent', 'high'],
    [' Low ', 'low'],
    ['MEDIUM', 'medium'],
    [3, 'high'],
    [undefined, 'high'],
  ])('reads plan risk %j as %s', (risk, expected) => {
    expect(planWith({ risk_level: risk }).riskLevel).toBe(expected);
  });

  it.each([
    ['BUG_FIX', 'bug_fix'],
    ['feature', 'high_risk_feature'],
    [null, 'high_risk_feature'],
  ])('reads task type %j as %s', (taskType, expected) => {
    expect(triageWith({ task_type: taskType }).taskType).toBe(expected);
  });

  it.each([
    ['Implement', 'implement'],
    ['merge', 'plan_only'],
    [42, 'plan_only'],
  ])('reads action %j as %s', (action, expected) => {
    expect(triageWith({ action }).action).toBe(expected);
  });

  it.each([
    [0.75, 0.75],
    ['0.6', 0.6],
    [7, 1],
    [-2, 0],
    ['high', 0],
    [null, 0],
    [Number.NaN, 0],
  ])('reads confidence %j as %s', (confidence, expected) => {
    expect(triageWith({ confidence }).confidence).toBe(expected);
  });

  it.each([
    [true, true],
    [false, false],
    ['false', false],
    ['FALSE', false],
    [' True ', true],
    [undefined, false],
    [null, false],
    ['perhaps', true],
  ])('reads needs_human_approval %j as %s', (value, expected) => {
    expect(planWith({ needs_human_approval: value }).needsHumanApproval).toBe(expected);
  });

  it('makes a lone string where a list is expected into one item, never characters', () => {
    const plan = planWith({ assumptions: 'The cache is warm', estimated_files: 'src/cache.ts' });

    expect(plan.assumptions).toEqual(['The cache is warm']);
    expect(plan.estimatedFiles).toEqual(['src/cache.ts']);
  });

  it('trims list items, stringifies scalars and drops empties and objects', () => {
    const plan = planWith({ acceptance_criteria: ['  ok  ', '', '   ', 3, true, null, { a: 1 }, ['x']] });

    expect(plan.acceptanceCriteria).toEqual(['ok', '3', 'true']);
  });

  it('caps strings at 500 characters and lists at 20 items', () => {
    const plan = planWith({
      goal: `  ${'g'.repeat(600)}  `,
      suggested_tests: Array.from({ length: 30 }, (_, index) => `test ${index}`),
    });

    expect(plan.goal).toBe('g'.repeat(500));
    expect(plan.suggestedTests).toHaveLength(20);
    expect(plan.suggestedTests[19]).toBe('test 19');
  });

  it.each([
    ['src/a.ts', ['src/a.ts']],
    ['./src/a.ts', ['src/a.ts']],
    ['src\\win\\path.ts', ['src/win/path.ts']],
    ['docs/', ['docs/']],
    ['src//double///slash.ts', ['src/double/slash.ts']],
    ['`src/quoted.ts`', ['src/quoted.ts']],
    ['/etc/passwd', []],
    ['C:\\repo\\a.ts', []],
    ['~/secrets', []],
    ['../outside.ts', []],
    ['src/../../outside.ts', []],
    ['https://example.com/a.ts', []],
    ['file:///repo/a.ts', []],
    ['.', []],
    ['', []],
  ])('normalises estimated file %j to %j', (path, expected) => {
    expect(planWith({ estimated_files: [path] }).estimatedFiles).toEqual(expected);
  });

  it('deduplicates estimated files after normalising them', () => {
    const plan = planWith({ estimated_files: ['src/a.ts', './src/a.ts', 'src\\a.ts', 'src/b.ts'] });

    expect(plan.estimatedFiles).toEqual(['src/a.ts', 'src/b.ts']);
  });

  it('keeps non-ASCII text as the planner wrote it', () => {
    expect(planWith({ goal: '修复保存失败' }).goal).toBe('修复保存失败');
  });
});

describe('degradedPlan', () => {
  it('gives a conservative plan that needs a human and carries the error', () => {
    const result = degradedPlan('  Fix auth timeout ', new Error('planner offline'));

    expect(result).toEqual({
      triage: {
        taskType: 'high_risk_feature',
        action: 'plan_only',
        riskLevel: 'high',
        reason: 'Automatic triage failed; the issue was downgraded conservatively.',
        confidence: 0,
      },
      plan: {
        goal: 'Fix auth timeout',
        assumptions: ['The automatic plan failed; a maintainer has to confirm the scope.'],
        acceptanceCriteria: ['A maintainer confirms the scope and the acceptance criteria manually.'],
        riskLevel: 'high',
        estimatedFiles: [],
        suggestedTests: [],
        needsHumanApproval: true,
        blockedReasons: ['The automatic planning service is unavailable.'],
      },
      degraded: true,
      error: 'planner offline',
    });
  });

  it('uses a placeholder goal when the title is blank', () => {
    expect(degradedPlan('   ', 'timeout').plan.goal).toBe('Pending manual confirmation');
  });
});

describe('planToJson', () => {
  it('renders pretty JSON with the planner keys in the spec order', () => {
    const plan: ExecutionPlan = {
      blockedReasons: ['none'],
      needsHumanApproval: false,
      suggestedTests: ['t'],
      estimatedFiles: ['src/中文.ts'],
      riskLevel: 'medium',
      acceptanceCriteria: ['c'],
      assumptions: ['a'],
      goal: 'g',
    };

    const json = planToJson(plan);

    expect(json).toBe(
      [
        '{',
        '  "goal": "g",',
        '  "assumptions": [',
        '    "a"',
        '  ],',
        '  "acceptance_criteria": [',
        '    "c"',
        '  ],',
        '  "risk_level": "medium",',
        '  "estimated_files": [',
        '    "src/中文.ts"',
        '  ],',
        '  "suggested_tests": [',
        '    "t"',
        '  ],',
        '  "needs_human_approval": false,',
        '  "blocked_reasons": [',
        '    "none"',
        '  ]',
        '}',
      ].join('\n'),
    );
  });

  it('round-trips through parseIssuePlan', () => {
    const original = parseIssuePlan(answer(validTriage, validPlan), title).plan;

    const reparsed = parseIssuePlan(JSON.stringify({ plan: JSON.parse(planToJson(original)) }), title).plan;

    expect(reparsed).toEqual(original);
  });
});
