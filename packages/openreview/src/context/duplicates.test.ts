import { describe, expect, it } from 'vitest';
import { detectDuplicates, isDistinctiveTerm, matchDuplicate } from './duplicates.js';
import { formatTriageContext } from './related-work.js';
import { issue } from './test-builders.js';

const current = {
  number: 50,
  title: 'Webhook signature mismatch behind nginx proxy',
  body: 'Using X-Hub-Signature-256',
};

describe('isDistinctiveTerm', () => {
  it.each([
    ['config', false],
    ['proxy', false],
    ['signature', true],
    ['x-hub', true],
    ['v2', true],
    ['签名校验失败', true],
    ['签名', false],
    ['配置', false],
  ])('%s → %s', (term, expected) => {
    expect(isDistinctiveTerm(term)).toBe(expected);
  });
});

describe('detectDuplicates', () => {
  it('returns only the identically titled issue and the triage context shows its overlap terms', () => {
    const identical = issue({
      number: 12,
      title: 'Webhook signature mismatch behind nginx proxy!',
      state: 'closed',
    });
    const unrelated = issue({ number: 19, title: 'How do I set the config path question', body: 'config' });

    const duplicates = detectDuplicates(current, [
      identical,
      unrelated,
      issue({ number: 50, title: current.title }),
    ]);
    const triage = formatTriageContext({
      currentNumber: 50,
      duplicates,
      similarIssues: [identical, unrelated],
      relatedPullRequests: [],
    });

    expect(duplicates.map((match) => match.issue.number)).toEqual([12]);
    expect(triage).toContain('### Suspected duplicates (high confidence)\n- #12 [closed]');
    expect(triage).toContain('overlap terms: webhook, signature');
    expect(triage).toContain('### Related issues / usage discussions\n- #19 [open]');
  });

  it('does not match titles that share only generic words', () => {
    const candidate = issue({ number: 7, title: 'config path question for docker' });

    expect(
      matchDuplicate({ number: 8, title: 'config path question for windows', body: '' }, candidate),
    ).toBeNull();
  });

  it('matches two shared distinctive title terms with a high ratio', () => {
    const candidate = issue({ number: 9, title: 'signature mismatch nginx' });

    const match = matchDuplicate({ number: 10, title: 'nginx signature mismatch', body: '' }, candidate);

    expect(match?.score).toBe(3 * 3 + 3);
  });

  it('orders by score, then closed first, then newest', () => {
    const open = issue({ number: 1, title: current.title, state: 'open' });
    const closed = issue({ number: 2, title: current.title, state: 'closed' });

    const ordered = detectDuplicates(current, [open, closed]).map((match) => match.issue.number);

    expect(ordered).toEqual([2, 1]);
  });
});
