import { describe, expect, it } from 'vitest';
import { isUsableSubject, normalizeIssueSubject, stripConventionalPrefixes } from './pr-title-rules.js';

describe('normalizeIssueSubject', () => {
  it.each([
    ['[Bug] Fix auth timeout', 'Fix auth timeout'],
    ['  [question]   fix: feat：Handle empty rows ', 'Handle empty rows'],
    ['【文档】补充部署说明文档', '补充部署说明文档'],
    ['[Bug]', ''],
    ['fix: abc', ''],
    ['[Bug] [UI] Button overlaps', '[UI] Button overlaps'],
  ])('turns %j into %j', (title, subject) => {
    expect(normalizeIssueSubject(title)).toBe(subject);
  });
});

describe('stripConventionalPrefixes', () => {
  it('removes prefixes repeatedly but leaves ordinary words alone', () => {
    expect(stripConventionalPrefixes('docs: chore(ci): Fixing the build')).toBe('Fixing the build');
    expect(stripConventionalPrefixes('Feature flags leak between tenants')).toBe(
      'Feature flags leak between tenants',
    );
  });
});

describe('isUsableSubject', () => {
  it.each([
    'Fix auth timeout',
    '启动早期失败时日志缺失',
    "What's new page shows stale entries",
    'Docs build fails on Windows',
  ])('accepts the statement %j', (text) => {
    expect(isUsableSubject(text)).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['  (#123) ', 'only a number'],
    ['导出支持 CSV 吗，还是要装插件', 'a question particle inside'],
    ['这个功能好用吗', 'ends with 吗'],
    ['如何配置代理', 'a Chinese question opener'],
    ['请问怎么部署', 'a Chinese request opener'],
    ['今天 突然 报错', 'a Chinese low-signal start, even with spaces'],
    ['服务启动后就挂了', 'a Chinese complaint ending'],
    ['建议个股分析界面略作调整', 'a suggestion with a vague ending'],
    ['How to configure the proxy', 'an English question opener'],
    ['Please add CSV export', 'an English request opener'],
    ['Is it possible to skip drafts', 'an English question opener'],
    ['Suddenly, the daemon exits', 'an English low-signal start'],
    ['The login page is broken!', 'an English complaint ending'],
    ['Export stopped working.', 'an English complaint ending with punctuation'],
    ['Does anyone else see this', 'an English question opener'],
  ])('rejects %j (%s)', (text) => {
    expect(isUsableSubject(text)).toBe(false);
  });
});
