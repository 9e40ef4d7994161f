import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCoreMigrations, openDatabase } from '@patchloop/core';
import { createFakeClock } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadAutocodeMigrations } from './autocode-migrations.js';
import type { BacklogItemRepository, UpsertBacklogItemInput } from './backlog-item-repository.js';
import { createBacklogItemRepository } from './backlog-item-repository.js';

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'patchloop-'));
  const clock = createFakeClock(Date.UTC(2026, 0, 1, 10));
  const db = openDatabase({
    path: join(dir, 'autocode.db'),
    migrations: [loadCoreMigrations(), loadAutocodeMigrations()],
    clock,
  });
  onTestFinished(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { db, clock, items: createBacklogItemRepository({ db, clock }) };
}

const created: UpsertBacklogItemInput = {
  itemKey: 'backlog:0123456789abcdef',
  source: 'backlog',
  sourcePath: 'TODO.md',
  lineNumber: 4,
  title: 'Retry webhook deliveries',
  issueTitle: '[Feature] Retry webhook deliveries',
  issueNumber: 41,
  issueUrl: 'https://github.example/o/r/issues/41',
  status: 'created',
};
const skipped: UpsertBacklogItemInput = {
  itemKey: 'plan:fedcba9876543210',
  source: 'plan',
  sourcePath: 'docs/plan.md',
  lineNumber: 9,
  title: 'Maybe rewrite everything',
  status: 'skipped',
  reason: 'not actionable',
};
const idle: UpsertBacklogItemInput = {
  itemKey: 'idle:00112233aabbccdd',
  source: 'idle',
  sourcePath: 'src/a.ts',
  lineNumber: 17,
  title: 'TODO: handle timeouts (src/a.ts:17)',
  status: 'dry_run',
};

describe('backlogItemRepository', () => {
  it('records an item with its issue link and the time it was first synced', () => {
    const { items, clock } = setup();

    const record = items.upsert(created);

    expect(record).toEqual({
      ...created,
      reason: null,
      checked: false,
      createdAt: clock.now(),
      updatedAt: clock.now(),
      lastIssueCheckAt: null,
    });
    expect(items.get(created.itemKey)).toEqual(record);
    expect(items.get('backlog:missing')).toBeUndefined();
  });

  it('follows a moved item, keeps its issue link and tick, and replaces status and reason', async () => {
    const { items, clock } = setup();
    items.upsert({ ...created, status: 'skipped', reason: 'waiting' });
    items.markChecked(created.itemKey);
    await clock.advance(60_000);

    const moved = items.upsert({
      itemKey: created.itemKey,
      source: 'backlog',
      sourcePath: 'docs/TODO.md',
      lineNumber: 12,
      title: created.title,
      issueNumber: null,
      status: 'created',
    });

    expect(moved).toMatchObject({
      sourcePath: 'docs/TODO.md',
      lineNumber: 12,
      issueTitle: created.issueTitle,
      issueNumber: 41,
      issueUrl: created.issueUrl,
      status: 'created',
      reason: null,
      checked: true,
      createdAt: clock.now() - 60_000,
      updatedAt: clock.now(),
    });
  });

  it('sets the tick from an upsert that knows it', () => {
    const { items } = setup();
    items.upsert({ ...created, checked: true });

    const unticked = items.upsert({ ...created, checked: false });

    expect(unticked.checked).toBe(false);
  });

  it('finds the item synced to an issue, the most recently updated first', async () => {
    const { items, clock } = setup();
    items.upsert(created);
    await clock.advance(1000);
    items.upsert({ ...created, itemKey: 'backlog:1111111111111111', lineNumber: 8 });

    expect(items.findByIssue(41)?.itemKey).toBe('backlog:1111111111111111');
    expect(items.findByIssue(42)).toBeUndefined();
  });

  it('records a status with its reason, and clears the reason when none is given', async () => {
    const { items, clock } = setup();
    items.upsert(created);
    await clock.advance(1000);

    const closed = items.setStatus(created.itemKey, 'closed_upstream', 'issue #41 was closed');
    const ticked = items.setStatus(created.itemKey, 'closed_by_tick');

    expect(closed).toMatchObject({ status: 'closed_upstream', reason: 'issue #41 was closed' });
    expect(ticked).toMatchObject({ status: 'closed_by_tick', reason: null, updatedAt: clock.now() });
  });

  it('records the tick and the time of the last issue lookup', async () => {
    const { items, clock } = setup();
    items.upsert(created);
    await clock.advance(1000);

    const checked = items.markChecked(created.itemKey);
    const looked = items.recordIssueCheck(created.itemKey);

    expect(checked.checked).toBe(true);
    expect(looked.lastIssueCheckAt).toBe(clock.now());
  });

  it('lists items by file and line, filtered by source and status', () => {
    const { items } = setup();
    items.upsert(idle);
    items.upsert(skipped);
    items.upsert(created);
    items.upsert({ ...created, itemKey: 'backlog:2222222222222222', lineNumber: 2, status: 'skipped' });

    const keys = (filter?: Parameters<BacklogItemRepository['list']>[0]) =>
      items.list(filter).map((item) => item.itemKey);

    expect(keys()).toEqual(['backlog:2222222222222222', created.itemKey, skipped.itemKey, idle.itemKey]);
    expect(keys({ source: 'backlog' })).toEqual(['backlog:2222222222222222', created.itemKey]);
    expect(keys({ status: 'skipped' })).toEqual(['backlog:2222222222222222', skipped.itemKey]);
    expect(keys({ source: 'backlog', status: 'created' })).toEqual([created.itemKey]);
    expect(keys({ source: 'idle', status: 'created' })).toEqual([]);
  });

  it('counts items in total and per status', () => {
    const { items } = setup();
    items.upsert(created);
    items.upsert(skipped);
    items.upsert(idle);
    items.setStatus(idle.itemKey, 'skipped');

    expect(items.counts()).toEqual({
      total: 3,
      byStatus: { created: 1, skipped: 2, dry_run: 0, closed_upstream: 0, closed_by_tick: 0 },
    });
  });

  it('refuses an item without a key or a title', () => {
    const { items } = setup();

    expect(() => items.upsert({ ...created, title: ' ' })).toThrow(/needs a key and a title/);
    expect(items.counts().total).toBe(0);
  });

  it.each([
    ['setStatus', (repo: BacklogItemRepository) => repo.setStatus('backlog:missing', 'skipped')],
    ['markChecked', (repo: BacklogItemRepository) => repo.markChecked('backlog:missing')],
    ['recordIssueCheck', (repo: BacklogItemRepository) => repo.recordIssueCheck('backlog:missing')],
  ])('refuses %s for an item that is not recorded', (_name, write) => {
    const { items } = setup();

    expect(() => write(items)).toThrow(/Backlog item backlog:missing is not recorded/);
  });

  it('reads a stored item with an unknown status as STORE_ROW_INVALID', () => {
    const { items, db } = setup();
    items.upsert(created);
    db.prepare("UPDATE autocode_backlog_items SET status = 'synced'").run();

    expect(() => items.get(created.itemKey)).toThrow(/autocode_backlog_items\.status of row backlog:/);
  });
});
