import { describe, expect, it } from 'vitest';
import { formatReply } from './format-reply.js';
import { replyFooter } from './reply-footer.js';
import { truncationNote } from './truncate-reply.js';

function format(kind: 'issue' | 'review' | 'follow_up', text: string): string | undefined {
  return formatReply({ kind, text, maxLength: 4_000 });
}

function body(reply: string | undefined): string {
  return (reply ?? '').replace(`\n\n${replyFooter}`, '');
}

describe('formatReply', () => {
  it.each([
    ['empty', ''],
    ['whitespace', '  \n\n '],
    ['only tool traces', '● Read src/a.ts\n$ rg poll\n---'],
  ])('returns undefined for an answer that is %s, never a footer-only comment', (_name, text) => {
    expect(format('issue', text)).toBeUndefined();
    expect(format('review', text)).toBeUndefined();
  });

  it('ends every reply with the footer', () => {
    expect(format('issue', 'It works.')).toBe(`**Conclusion**\nIt works.\n\n${replyFooter}`);
  });

  it('formats a review with the five labels in canonical order and numbered problems', () => {
    const text = [
      '- **Ready to merge**: after fixes',
      '- Necessity: needed, polling loses items',
      '- PR type: bug fix',
      '- Linked issue: #42',
      '- Description completeness: complete',
      '',
      '### Main problems',
      '- [Correctness blocker] The cursor is never rewound.',
      '  Evidence: `src/poller.ts` line 40.',
      '- [Nice to have] Add a test for 304 answers.',
    ].join('\n');

    expect(body(format('review', text))).toBe(
      [
        '**Review summary**',
        '- **Necessity**: needed, polling loses items',
        '- **Linked issue**: #42',
        '- **PR type**: bug fix',
        '- **Description completeness**: complete',
        '- **Ready to merge**: after fixes',
        '',
        '**Main problems**',
        '1. [Correctness blocker] The cursor is never rewound.',
        '   Evidence: `src/poller.ts` line 40.',
        '2. [Nice to have] Add a test for 304 answers.',
      ].join('\n'),
    );
  });

  it.each([
    ['plain', 'Main problems: no blocking problems found'],
    ['backticked', '`Main problems`: no blocking problems found'],
    ['bold', '**Main problems:** no blocking problems found'],
    ['Chinese backticked', '`主要问题`：未发现阻断性问题'],
  ])('keeps the %s inline no-problems line as one bullet (weakness 7)', (_name, line) => {
    const reply = body(format('review', `Necessity: yes\n${line}`));

    expect(reply).toMatch(/\*\*Main problems\*\*\n- (no blocking problems found|未发现阻断性问题)$/);
  });

  it("accepts the original's Chinese labels", () => {
    const text = '必要性：需要\n`是否可直接合入`：是\n主要问题\n1. 缺少测试\n2. 文档未更新';

    expect(body(format('review', text))).toBe(
      [
        '**Review summary**',
        '- **Necessity**: 需要',
        '- **Ready to merge**: 是',
        '',
        '**Main problems**',
        '1. 缺少测试',
        '2. 文档未更新',
      ].join('\n'),
    );
  });

  it('keeps prose outside the labels instead of dropping it', () => {
    const text =
      'Necessity: yes\nThe refactor is large but mechanical.\nMain problems: no blocking problems found';

    expect(body(format('review', text))).toContain('The refactor is large but mechanical.');
  });

  it('returns a review with no recognised label verbatim', () => {
    expect(body(format('review', 'Looks fine to me overall.'))).toBe('Looks fine to me overall.');
  });

  it('formats a follow-up with its conclusion, blocking flag and numbered notes', () => {
    const text = [
      'Conclusion: partially',
      'Still blocking: no',
      'Notes',
      '- The rollback remark is withdrawn.',
      '- The README change is still worth adding.',
    ].join('\n');

    expect(body(format('follow_up', text))).toBe(
      [
        '**Follow-up conclusion**',
        '- **Conclusion**: partially',
        '- **Still blocking**: no',
        '',
        '**Notes**',
        '1. The rollback remark is withdrawn.',
        '2. The README change is still worth adding.',
      ].join('\n'),
    );
  });

  it("accepts the original's Chinese follow-up labels", () => {
    const text = '结论：接受\n是否仍有阻断：否\n说明\n- 理由一\n- 理由二';

    expect(body(format('follow_up', text))).toBe(
      '**Follow-up conclusion**\n- **Conclusion**: 接受\n- **Still blocking**: 否\n\n**Notes**\n1. 理由一\n2. 理由二',
    );
  });

  it('omits a follow-up notes section that only says none', () => {
    const reply = body(format('follow_up', 'Conclusion: accept\nStill blocking: no\nNotes: none'));

    expect(reply).toBe('**Follow-up conclusion**\n- **Conclusion**: accept\n- **Still blocking**: no');
  });

  it('formats an issue reply as conclusion, suggested checks and notes', () => {
    const text = [
      'Conclusion:',
      'Polling stops because the cursor is saved before the items are handled.',
      '- Set `POLL_INTERVAL_SECONDS` to 60.',
      '* Restart the daemon.',
      '',
      'This is fixed on main by #20.',
    ].join('\n');

    expect(body(format('issue', text))).toBe(
      [
        '**Conclusion**',
        'Polling stops because the cursor is saved before the items are handled.',
        '',
        '**Suggested checks**',
        '- Set `POLL_INTERVAL_SECONDS` to 60.',
        '- Restart the daemon.',
        '',
        '**Notes**',
        'This is fixed on main by #20.',
      ].join('\n'),
    );
  });

  it('keeps a numbered issue list numbered', () => {
    const reply = body(format('issue', 'Do this:\n1. First step.\n2. Second step.'));

    expect(reply).toContain('**Suggested checks**\n1. First step.\n2. Second step.');
  });

  it('drops internal triage fields from an issue reply', () => {
    const reply = body(format('issue', 'Reply mode: duplicate\nThis duplicates #12.'));

    expect(reply).toBe('**Conclusion**\nThis duplicates #12.');
  });

  it('cuts after formatting so body, footer and marker fit the limit, keeping numbered items', () => {
    const problems = Array.from({ length: 200 }, (_, index) => `- Problem number ${index + 1} in src/a.ts.`);
    const text = ['Necessity: yes', 'Main problems:', ...problems].join('\n');
    const marker = '<!-- openreview:idempotency:pr-review:0123456789abcdef0123 -->';

    const reply = formatReply({ kind: 'review', text, maxLength: 1_000, reservedLength: marker.length + 2 });

    expect(`${reply}\n\n${marker}`.length).toBeLessThanOrEqual(1_000);
    expect(reply).toContain('2. Problem number 2 in src/a.ts.');
    expect(reply).toContain(`${truncationNote}\n\n${replyFooter}`);
    expect(reply).not.toMatch(/\n- Problem number/);
  });

  it('closes a code fence left open by the cut', () => {
    const text = `Conclusion.\n\`\`\`\n${'line of code\n'.repeat(400)}\`\`\``;

    const reply = formatReply({ kind: 'issue', text, maxLength: 800 }) ?? '';

    expect(reply.match(/```/g)).toHaveLength(2);
    expect(reply.length).toBeLessThanOrEqual(800 - 80);
  });
});
