import { describe, expect, it } from 'vitest';
import {
  checkBranchName,
  issueBranchName,
  isTaskBranch,
  isValidBranchName,
  normalizeBranchPrefix,
  toBranchSlug,
} from './branch-names.js';

describe('toBranchSlug', () => {
  it.each([
    ['Fix empty payload crash', 'fix-empty-payload-crash'],
    ['[Bug] 保存失败', 'bug'],
    ['保存失败', 'task'],
    ['', 'task'],
    ['---', 'task'],
    ['A'.repeat(50), 'a'.repeat(32)],
    ['Crème brûlée recipe', 'creme-brulee-recipe'],
    ['  Trailing   spaces!!  ', 'trailing-spaces'],
    ['Handle ../../etc/passwd paths', 'handle-etc-passwd-paths'],
    ['fix: the thing that is thirty-one x', 'fix-the-thing-that-is-thirty-one'],
    ['abcdefghijklmnopqrstuvwxyz01234 5678', 'abcdefghijklmnopqrstuvwxyz01234'],
  ])('turns %j into %j', (title, slug) => {
    expect(toBranchSlug(title)).toBe(slug);
  });

  it('never ends with a dash after cutting to 32 characters', () => {
    const slug = toBranchSlug(`${'a'.repeat(31)} bcd`);

    expect(slug).toBe('a'.repeat(31));
  });
});

describe('normalizeBranchPrefix', () => {
  it.each([
    ['autocode', 'autocode'],
    ['/bots/autocode/', 'bots/autocode'],
    ['', 'autocode'],
    ['///', 'autocode'],
  ])('turns %j into %j', (prefix, normalized) => {
    expect(normalizeBranchPrefix(prefix)).toBe(normalized);
  });
});

describe('issueBranchName', () => {
  it('builds <prefix>/issue-<n>-<slug>', () => {
    expect(issueBranchName({ prefix: 'autocode', issueNumber: 7, title: 'Fix empty payload crash' })).toBe(
      'autocode/issue-7-fix-empty-payload-crash',
    );
  });

  it('trims slashes from the prefix', () => {
    expect(issueBranchName({ prefix: '/autocode/', issueNumber: 12, title: '' })).toBe(
      'autocode/issue-12-task',
    );
  });

  it.each([0, -3, 1.5, Number.NaN])('refuses the issue number %s', (issueNumber) => {
    expect(() => issueBranchName({ prefix: 'autocode', issueNumber, title: 'x' })).toThrow(
      /Issue number must be a positive integer/,
    );
  });

  it('refuses a prefix that makes the branch an illegal ref', () => {
    expect(() => issueBranchName({ prefix: 'bad prefix', issueNumber: 1, title: 'x' })).toThrow(
      /fix EXECUTION_BRANCH_PREFIX/,
    );
  });
});

describe('isTaskBranch', () => {
  it.each([
    ['autocode/issue-1-x', 'autocode', true],
    ['autocode/issue-1-x', '/autocode/', true],
    ['autocodex/issue-1-x', 'autocode', false],
    ['feature/autocode', 'autocode', false],
  ])('says %j with prefix %j is a task branch: %s', (branch, prefix, expected) => {
    expect(isTaskBranch(branch, prefix)).toBe(expected);
  });
});

describe('checkBranchName', () => {
  it.each([
    'main',
    'autocode/issue-7-fix-empty-payload-crash',
    'feature/a.b',
    'release-1.0',
    'x@y',
    'a/b/c',
    'ünïcode',
    'a.lockx',
  ])('accepts %j', (name) => {
    expect(checkBranchName(name)).toEqual({ ok: true });
  });

  it.each([
    ['', 'empty'],
    ['@', '"@"'],
    ['HEAD', 'HEAD is reserved'],
    ['-rf', 'starts with "-"'],
    ['/lead', 'starts or ends with "/"'],
    ['trail/', 'starts or ends with "/"'],
    ['a//b', '"//"'],
    ['a..b', '".."'],
    ['a@{1}', '"@{"'],
    ['ends.', 'ends with "."'],
    ['has space', '" "'],
    ['tab\there', 'U+0009'],
    ['tilde~1', '"~"'],
    ['caret^', '"^"'],
    ['co:lon', '":"'],
    ['quest?', '"?"'],
    ['star*', '"*"'],
    ['brack[et', '"["'],
    ['back\\slash', '"\\"'],
    ['del\u007f', 'U+007F'],
    ['a/.hidden', 'starts with "."'],
    ['.hidden', 'starts with "."'],
    ['refs.lock', 'ends with ".lock"'],
    ['a/b.lock/c', 'ends with ".lock"'],
    [`a/${'x'.repeat(256)}`, 'longer than 255 bytes'],
  ])('refuses %j because %s', (name, reason) => {
    const check = checkBranchName(name);

    expect(check.ok).toBe(false);
    expect(check.ok ? '' : check.reason).toContain(reason);
  });

  it('agrees with isValidBranchName', () => {
    expect(isValidBranchName('main')).toBe(true);
    expect(isValidBranchName('a..b')).toBe(false);
  });
});
