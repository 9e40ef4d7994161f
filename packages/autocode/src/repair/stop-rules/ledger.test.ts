import { describe, expect, it } from 'vitest';
import {
  markAddressed,
  markDeclined,
  markHandedBack,
  mergeLedger,
  openEntries,
  reopenHandedBack,
} from './ledger.js';
import { aFeedbackItem, aLedgerEntry } from './test-builders.js';

describe('mergeLedger', () => {
  it('adds a new fingerprint as an open entry with its id, kind, author and summary', () => {
    const item = aFeedbackItem({ id: '5', author: 'bob', body: 'Handle the empty list.\nIt crashes today.' });

    const entries = mergeLedger([], [item]);

    expect(entries).toEqual([
      {
        fingerprint: item.fingerprint,
        itemId: '5',
        kind: 'review_comment',
        author: 'bob',
        summary: 'src/config.ts:12: Handle the empty list.',
        state: 'open',
        round: null,
        reason: null,
      },
    ]);
  });

  it('keeps the state of a known fingerprint', () => {
    const existing = [aLedgerEntry({ itemId: '5', state: 'addressed', round: 2 })];
    const item = aFeedbackItem({ id: '5' });

    const entries = mergeLedger(existing, [item]);

    expect(entries).toEqual(existing);
  });

  it('keeps entries that GitHub no longer lists', () => {
    const existing = [aLedgerEntry({ itemId: '1' })];

    const entries = mergeLedger(existing, [aFeedbackItem({ id: '2' })]);

    expect(entries.map((entry) => entry.itemId)).toEqual(['1', '2']);
  });

  it('adds an item listed twice once', () => {
    const item = aFeedbackItem({ id: '3' });

    const entries = mergeLedger([], [item, item]);

    expect(entries).toHaveLength(1);
  });

  it.each([
    {
      rule: 'summarises a review body without a location',
      item: { kind: 'review' as const, path: null, line: null, body: 'Needs tests for the parser.' },
      summary: 'Needs tests for the parser.',
    },
    {
      rule: 'uses the path without a line for a file-level comment',
      item: { path: 'README.md', line: null, body: 'Typo here' },
      summary: 'README.md: Typo here',
    },
    {
      rule: 'skips hidden markers, headings and blank lines to find the first line',
      item: {
        path: null,
        line: null,
        body: '<!-- openreview:idempotency:pr-review:abc -->\n\n## Verdict: not ready\n\nmore',
      },
      summary: 'Verdict: not ready',
    },
    {
      rule: 'caps the summary at 120 characters',
      item: { path: null, line: null, body: 'x'.repeat(300) },
      summary: `${'x'.repeat(119)}…`,
    },
    {
      rule: 'says so when the item has no text',
      item: { path: null, line: null, body: '  \n ' },
      summary: '(no text)',
    },
  ])('$rule', ({ item, summary }) => {
    const entries = mergeLedger([], [aFeedbackItem(item)]);

    expect(entries[0]?.summary).toBe(summary);
  });
});

describe('openEntries', () => {
  it('returns only the open entries', () => {
    const entries = [
      aLedgerEntry({ itemId: '1' }),
      aLedgerEntry({ itemId: '2', state: 'addressed', round: 1 }),
      aLedgerEntry({ itemId: '3', state: 'declined', reason: 'out of scope' }),
      aLedgerEntry({ itemId: '4', state: 'handed_back' }),
    ];

    expect(openEntries(entries).map((entry) => entry.itemId)).toEqual(['1']);
  });
});

describe('markAddressed', () => {
  it('marks the named open entries addressed by the round and leaves the rest', () => {
    const first = aLedgerEntry({ itemId: '1' });
    const second = aLedgerEntry({ itemId: '2' });

    const entries = markAddressed([first, second], [first.fingerprint], 3);

    expect(entries).toEqual([{ ...first, state: 'addressed', round: 3 }, second]);
  });

  it('does not move a declined or handed-back entry', () => {
    const declined = aLedgerEntry({ itemId: '1', state: 'declined', reason: 'wrong' });
    const handedBack = aLedgerEntry({ itemId: '2', state: 'handed_back' });

    const entries = markAddressed([declined, handedBack], [declined.fingerprint, handedBack.fingerprint], 2);

    expect(entries).toEqual([declined, handedBack]);
  });
});

describe('markDeclined', () => {
  it('declines an open entry with the reason', () => {
    const entry = aLedgerEntry();

    expect(markDeclined(entry, 'conflicts with the issue')).toEqual({
      ...entry,
      state: 'declined',
      reason: 'conflicts with the issue',
    });
  });

  it('leaves an addressed entry as it is', () => {
    const entry = aLedgerEntry({ state: 'addressed', round: 1 });

    expect(markDeclined(entry, 'late')).toBe(entry);
  });
});

describe('markHandedBack', () => {
  it('hands back every open entry and keeps addressed and declined ones', () => {
    const open = aLedgerEntry({ itemId: '1' });
    const addressed = aLedgerEntry({ itemId: '2', state: 'addressed', round: 1 });
    const declined = aLedgerEntry({ itemId: '3', state: 'declined', reason: 'no' });

    const entries = markHandedBack([open, addressed, declined]);

    expect(entries).toEqual([{ ...open, state: 'handed_back' }, addressed, declined]);
  });
});

describe('reopenHandedBack', () => {
  it('reopens handed-back entries when PatchLoop is re-invited', () => {
    const handedBack = aLedgerEntry({ itemId: '1', state: 'handed_back' });
    const addressed = aLedgerEntry({ itemId: '2', state: 'addressed', round: 1 });

    const entries = reopenHandedBack([handedBack, addressed]);

    expect(entries).toEqual([{ ...handedBack, state: 'open' }, addressed]);
  });
});
