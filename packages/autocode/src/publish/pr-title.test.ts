import { describe, expect, it } from 'vitest';
import { buildPrTitle, maxSubjectLength, shouldKeepExistingPrTitle } from './pr-title.js';

/** The subject between `<prefix>: ` and ` (#<n>)`. */
function subjectOf(title: string): string {
  return title.replace(/^\w+: /, '').replace(/ \(#\d+\)$/, '');
}

describe('buildPrTitle', () => {
  it('uses the plan goal without its redundant verb when the issue title is a complaint', () => {
    const title = buildPrTitle({
      taskType: 'bug_fix',
      issueTitle: '今天突然就跑不动了',
      issueNumber: 839,
      planGoal: '修复启动早期失败时日志缺失与根因不透明问题',
    });

    expect(title).toBe('fix: 启动早期失败时日志缺失与根因不透明问题 (#839)');
  });

  it('drops the tag, version token, directory slash and trailing consequence of a title', () => {
    const title = buildPrTitle({
      taskType: 'bug_fix',
      issueTitle: '[Bug] macOS 桌面端 v3.17.1 打包缺失 strategies/ 目录，导致 Agent 0 skills 加载',
      issueNumber: 1377,
      planGoal: '',
    });

    expect(title).toBe('fix: macOS 桌面端打包缺失 strategies 目录 (#1377)');
  });

  it('keeps an English title as written after dropping its tag', () => {
    const title = buildPrTitle({
      taskType: 'bug_fix',
      issueTitle: '[Bug] Fix auth timeout',
      issueNumber: 1,
      planGoal: 'Raise the auth timeout',
    });

    expect(title).toBe('fix: Fix auth timeout (#1)');
  });

  it.each([
    ['bug_fix', '[Bug]', '修复登录超时后会话丢失的问题。再补测试', 'fix: 登录超时后会话丢失的问题 (#21)'],
    ['small_feature', '[Feature]', '新增导出 CSV 的按钮', 'feat: 导出 CSV 的按钮 (#21)'],
    [
      'small_feature',
      '[feature request]',
      'Add a CSV export button. It goes on the report page.',
      'feat: Add a CSV export button (#21)',
    ],
  ] as const)('uses the goal for a bare %s tag title %j', (taskType, issueTitle, planGoal, expected) => {
    const title = buildPrTitle({ taskType, issueTitle, issueNumber: 21, planGoal });

    expect(title).toBe(expected);
    expect(subjectOf(title)).not.toMatch(/^\[|^修复/);
  });

  it('falls back to "resolve issue #n" when neither title nor goal says anything', () => {
    const title = buildPrTitle({ taskType: 'bug_fix', issueTitle: '', issueNumber: 5, planGoal: '' });

    expect(title).toBe('fix: resolve issue #5 (#5)');
  });

  it.each([
    ['Why does the export fail on empty rows?', 'Handle empty rows in the export'],
    ['Can you add dark mode to the settings page', 'Add dark mode to the settings page'],
    ['为什么导出总是失败', '处理导出中的空行'],
    ['Today the dashboard is empty', 'Show cached data on the dashboard'],
    ['Export to CSV does not work', 'Handle empty rows in the export'],
    ['fix: (#12)', 'Handle empty rows in the export'],
  ])('prefers the goal over the informal title %j', (issueTitle, planGoal) => {
    const title = buildPrTitle({ taskType: 'small_feature', issueTitle, issueNumber: 9, planGoal });

    expect(subjectOf(title)).toBe(planGoal);
  });

  it('cuts a long subject at a separator and marks the cut with an ellipsis', () => {
    const title = buildPrTitle({
      taskType: 'bug_fix',
      issueTitle: 'The importer drops every row after the first empty line in large CSV uploads',
      issueNumber: 6,
      planGoal: '',
    });

    expect(title).toBe('fix: The importer drops every row after… (#6)');
    expect([...subjectOf(title)].length).toBeLessThanOrEqual(maxSubjectLength + 1);
  });

  it('cuts a long Chinese subject at the last full-width comma', () => {
    const title = buildPrTitle({
      taskType: 'bug_fix',
      issueTitle: '导入器在处理大型文件时会丢失空行之后的所有数据，并且日志中没有任何错误提示信息和告警',
      issueNumber: 7,
      planGoal: '',
    });

    expect(title).toBe('fix: 导入器在处理大型文件时会丢失空行之后的所有数据… (#7)');
  });

  it('cuts hard at 36 characters when no separator leaves 18', () => {
    const title = buildPrTitle({
      taskType: 'todo_refactor',
      issueTitle: 'x'.repeat(50),
      issueNumber: 8,
      planGoal: '',
    });

    expect(title).toBe(`refactor: ${'x'.repeat(36)}… (#8)`);
  });

  it.each([
    ['fix: feat: Handle empty payloads', 'Handle empty payloads'],
    ['Bug：Handle empty payloads', 'Handle empty payloads'],
    ['feat(api)!: Handle empty payloads', 'Handle empty payloads'],
    ['Handle `null` payloads in v2.3.1 parser', 'Handle null payloads in parser'],
  ])('strips conventional prefixes and noise from %j', (issueTitle, subject) => {
    const title = buildPrTitle({ taskType: 'bug_fix', issueTitle, issueNumber: 4, planGoal: '' });

    expect(subjectOf(title)).toBe(subject);
  });

  it('removes newlines, control and bidi characters from user-controlled text', () => {
    const title = buildPrTitle({
      taskType: 'bug_fix',
      issueTitle: 'Crash\non \u202eempty\u0007 payload\r\n',
      issueNumber: 3,
      planGoal: '',
    });

    expect(title).toBe('fix: Crash on empty payload (#3)');
  });

  it('uses chore for an unknown task type', () => {
    const title = buildPrTitle({
      taskType: undefined,
      issueTitle: 'Bump the lint config',
      issueNumber: 2,
      planGoal: '',
    });

    expect(title).toBe('chore: Bump the lint config (#2)');
  });

  it('never exceeds 256 characters even for a huge issue number', () => {
    const title = buildPrTitle({
      taskType: 'bug_fix',
      issueTitle: 'y'.repeat(5_000),
      issueNumber: 10 ** 15,
      planGoal: '',
    });

    expect([...title].length).toBeLessThanOrEqual(256);
  });
});

describe('shouldKeepExistingPrTitle', () => {
  it.each([
    ['fix: 修复工作区执行问题 (#1)', 'bug_fix', 1],
    ['Fix: Handle empty payloads (#1)', 'bug_fix', 1],
    ['feat: Add CSV export (#1)', 'small_feature', 1],
    ['chore: Bump the lint config (#1)', undefined, 1],
  ] as const)('keeps %j', (existing, taskType, issueNumber) => {
    expect(shouldKeepExistingPrTitle(existing, taskType, issueNumber)).toBe(true);
  });

  it.each([
    ['fix: analysis status result 返回 null(#1382)', 'no space before the number'],
    ['feat: analysis status result is empty (#1382)', 'another prefix'],
    ['fix: analysis status result is empty (#1383)', 'another issue number'],
    ['fix: analysis status result is empty and more and more (#1382)', 'a subject over 36 characters'],
    ['fix: analysis status result is empt… (#1382)', 'a cut subject'],
    ['fix: fix: analysis status is empty (#1382)', 'a second conventional prefix'],
    ['fix: why is it empty? (#1382)', 'an informal subject'],
    ['fix: abc (#1382)', 'a subject under five characters'],
    ['fix: analysis status\nis empty (#1382)', 'a line break'],
  ])('rewrites %j (%s)', (existing) => {
    expect(shouldKeepExistingPrTitle(existing, 'bug_fix', 1382)).toBe(false);
  });
});
