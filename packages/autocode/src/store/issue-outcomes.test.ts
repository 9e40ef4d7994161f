import { describe, expect, it } from 'vitest';
import type { IssueOutcome } from './issue-outcomes.js';
import { issueOutcomes, isTerminalSuccess, needsPeople } from './issue-outcomes.js';

const table: readonly [IssueOutcome, boolean, boolean][] = [
  ['planned', false, true],
  ['blocked', false, true],
  ['failed', false, true],
  ['dry_run', true, false],
  ['pr_opened', true, false],
  ['pr_updated', true, false],
  ['manual_action', true, true],
  ['resolved_by_user', true, true],
  ['skipped', false, false],
];

describe('issueOutcomes', () => {
  it('classifies every outcome', () => {
    expect(table.map(([outcome]) => outcome).sort()).toEqual([...issueOutcomes].sort());
  });

  it.each(table)('treats %s as terminal success=%s and needing people=%s', (outcome, terminal, people) => {
    expect([isTerminalSuccess(outcome), needsPeople(outcome)]).toEqual([terminal, people]);
  });
});
