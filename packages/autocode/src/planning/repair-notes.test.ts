import { describe, expect, it } from 'vitest';
import { seedRepairNotes } from './repair-notes.js';

const history = [
  { reason: 'Out of scope: src/market_analyzer.py', findingCodes: ['out_of_scope' as const] },
  { reason: 'Validation failed: pytest tests/test_app.py' },
];

describe('seedRepairNotes', () => {
  it('drops failures that were only out-of-scope edits for issues', () => {
    expect(seedRepairNotes(history, 'issue')).toEqual(['Validation failed: pytest tests/test_app.py']);
  });

  it('keeps out-of-scope failures for review-feedback repairs', () => {
    expect(seedRepairNotes(history, 'review_feedback')).toEqual([
      'Out of scope: src/market_analyzer.py',
      'Validation failed: pytest tests/test_app.py',
    ]);
  });

  it('keeps an issue failure that had other findings besides out-of-scope', () => {
    const failures = [
      {
        reason: 'Out of scope and no tests',
        findingCodes: ['out_of_scope' as const, 'missing_tests' as const],
      },
    ];

    expect(seedRepairNotes(failures, 'issue')).toEqual(['Out of scope and no tests']);
  });

  it('keeps the last 3 failures, oldest first', () => {
    const failures = ['r1', 'r2', 'r3', 'r4'].map((reason) => ({ reason }));

    expect(seedRepairNotes(failures, 'issue')).toEqual(['r2', 'r3', 'r4']);
  });

  it('cuts each reason to 200 characters and skips blank ones', () => {
    const notes = seedRepairNotes([{ reason: 'z'.repeat(250) }, { reason: '  ' }], 'issue');

    expect(notes).toEqual([`${'z'.repeat(200)}…`]);
  });
});
