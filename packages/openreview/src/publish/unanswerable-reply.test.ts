import { describe, expect, it } from 'vitest';
import { replyFooter } from './reply-footer.js';
import { buildUnanswerableReply, categorizeReason, summarizeReason } from './unanswerable-reply.js';

describe('buildUnanswerableReply', () => {
  it('hands a new feature request over to the coding daemon', () => {
    const reply = buildUnanswerableReply('this is a new feature request needing maintainer decision');

    expect(reply).toContain("PatchLoop's coding daemon may pick it up through its task queue");
    expect(reply).toContain('PatchLoop review will then review the related pull requests');
    expect(reply).not.toContain('A maintainer will look at it');
  });

  it('uses the standard template for anything else', () => {
    const reply = buildUnanswerableReply('roadmap planning for the next release, needs a decision.');

    expect(reply).toContain('**project management**');
    expect(reply).toContain('A maintainer will look at it');
    expect(reply).not.toContain('coding daemon');
  });

  it('carries the footer', () => {
    expect(buildUnanswerableReply('unclear').endsWith(replyFooter)).toBe(true);
  });
});

describe('summarizeReason', () => {
  it.each([
    ['license question', 'license question'],
    ['This needs a decision from the maintainers, clearly.', 'needs maintainer decision'],
    ['The report is unclear and has missing info.', 'insufficient information'],
    ['We should discuss the architecture of the queue first.', 'architecture discussion'],
    ['', 'needs maintainer decision'],
  ])('turns %j into %j', (reason, expected) => {
    expect(summarizeReason(reason)).toBe(expected);
  });
});

describe('categorizeReason', () => {
  it.each([
    ['new feature request', 'new feature request'],
    ['功能请求', 'new feature request'],
    ['RFC: new storage', 'architecture discussion'],
    ['信息不足', 'insufficient information'],
    ['something else', 'needs maintainer decision'],
  ])('maps %j to %j', (reason, expected) => {
    expect(categorizeReason(reason)).toBe(expected);
  });
});
