import { describe, expect, it } from 'vitest';
import { issueCommitMessage } from './commit-message.js';

function subjectOf(message: string): string {
  return message.split('\n')[0] ?? '';
}

describe('issueCommitMessage', () => {
  it('builds <prefix>(issue-<n>): <slug> from a bug fix title', () => {
    const message = issueCommitMessage({
      taskType: 'bug_fix',
      issueNumber: 12,
      title: 'Fix empty payload crash',
    });

    expect(subjectOf(message)).toBe('fix(issue-12): fix-empty-payload-crash');
  });

  it('falls back to chore and task for an unknown type and a blank title', () => {
    const message = issueCommitMessage({ taskType: undefined, issueNumber: 12, title: '   ' });

    expect(subjectOf(message)).toBe('chore(issue-12): task');
  });

  it.each([
    ['small_feature', 'feat'],
    ['high_risk_feature', 'feat'],
    ['todo_refactor', 'refactor'],
    ['bug_fix', 'fix'],
  ] as const)('uses the %s prefix %s', (taskType, prefix) => {
    const message = issueCommitMessage({ taskType, issueNumber: 3, title: 'x' });

    expect(subjectOf(message)).toBe(`${prefix}(issue-3): x`);
  });

  it.each([
    ['[Feature] add export', 'add-export'],
    ['【Bug】 Crash on start', 'crash-on-start'],
    ['保存失败', 'task'],
    ['[Bug] 保存失败 when `id` is "null"', 'when-id-is-null'],
    ['Crème brûlée; rm -rf / && echo $HOME', 'creme-brulee-rm-rf-echo-home'],
    ['line one\nline two\r\n', 'line-one-line-two'],
    ['A'.repeat(60), 'a'.repeat(40)],
    [`${'a'.repeat(39)} bcd`, 'a'.repeat(39)],
  ])('sanitises %j to the slug %j', (title, slug) => {
    const message = issueCommitMessage({ taskType: 'bug_fix', issueNumber: 1, title });

    expect(subjectOf(message)).toBe(`fix(issue-1): ${slug}`);
  });

  it('ends with a Refs line and a trailer paragraph after a blank line', () => {
    const message = issueCommitMessage({ taskType: 'bug_fix', issueNumber: 12, title: 'Fix it' });

    expect(message).toBe('fix(issue-12): fix-it\n\nRefs #12\n\nGenerated-by: PatchLoop\n');
  });
});
