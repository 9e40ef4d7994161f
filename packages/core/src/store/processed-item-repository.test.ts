import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFakeClock } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadCoreMigrations } from './load-migrations.js';
import { openDatabase } from './open-database.js';
import { createProcessedItemRepository } from './processed-item-repository.js';

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'patchloop-'));
  const clock = createFakeClock(Date.UTC(2026, 0, 1));
  const db = openDatabase({ path: join(dir, 'state.db'), migrations: [loadCoreMigrations()], clock });
  onTestFinished(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { clock, items: createProcessedItemRepository({ db, clock }) };
}

describe('processedItemRepository', () => {
  it('records an item once and reports a second mark as already processed', () => {
    const { items } = setup();

    const first = items.markProcessed({ kind: 'issue_comment', itemKey: '901', note: 'replied' });
    const second = items.markProcessed({ kind: 'issue_comment', itemKey: '901' });

    expect(first).toBe(true);
    expect(second).toBe(false);
    expect(items.isProcessed('issue_comment', '901')).toBe(true);
  });

  it('keeps kinds apart', () => {
    const { items } = setup();
    items.markProcessed({ kind: 'issue_comment', itemKey: '7' });

    expect(items.isProcessed('review_comment', '7')).toBe(false);
  });

  it('lists the newest items of a kind first', async () => {
    const { items, clock } = setup();
    items.markProcessed({ kind: 'feedback', itemKey: 'old' });
    await clock.advance(1000);
    items.markProcessed({ kind: 'feedback', itemKey: 'new', note: 'n' });

    const listed = items.list({ kind: 'feedback' });

    expect(listed).toEqual([
      { kind: 'feedback', itemKey: 'new', processedAt: clock.now(), note: 'n' },
      { kind: 'feedback', itemKey: 'old', processedAt: clock.now() - 1000, note: null },
    ]);
  });

  it('prunes items processed before a cutoff', async () => {
    const { items, clock } = setup();
    items.markProcessed({ kind: 'feedback', itemKey: 'old' });
    await clock.advance(10_000);
    items.markProcessed({ kind: 'feedback', itemKey: 'new' });

    const pruned = items.pruneProcessedBefore(clock.now() - 5000);

    expect(pruned).toBe(1);
    expect(items.isProcessed('feedback', 'old')).toBe(false);
    expect(items.isProcessed('feedback', 'new')).toBe(true);
  });
});
