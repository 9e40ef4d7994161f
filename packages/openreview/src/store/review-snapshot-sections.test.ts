import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStateSnapshot, loadCoreMigrations, openDatabase } from '@patchloop/core';
import { createFakeClock } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { pullRequestReviewMetadata } from './review-keys.js';
import { loadOpenReviewMigrations } from './review-migrations.js';
import { createReviewSnapshotSections } from './review-snapshot-sections.js';
import { createTrackedIssueRepository } from './tracked-issue-repository.js';
import { createTrackedPullRequestRepository } from './tracked-pull-request-repository.js';

function openStore() {
  const dir = mkdtempSync(join(tmpdir(), 'patchloop-'));
  const clock = createFakeClock(Date.UTC(2026, 0, 1, 10));
  const db = openDatabase({
    path: join(dir, 'state.db'),
    migrations: [loadCoreMigrations(), loadOpenReviewMigrations()],
    clock,
  });
  onTestFinished(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    snapshot: createStateSnapshot({ db, clock, sections: createReviewSnapshotSections() }),
    issues: createTrackedIssueRepository({ db, clock }),
    prs: createTrackedPullRequestRepository({ db, clock }),
  };
}

function seedStore(store: ReturnType<typeof openStore>): void {
  store.issues.markIssueProcessed({
    number: 817,
    key: 'issue-key',
    aliasKeys: ['alias'],
    source: 'polling',
    updatedAt: '2026-01-01T09:00:00Z',
  });
  store.prs.markPrProcessed({
    number: 714,
    key: 'abc123:digest',
    headSha: 'abc123',
    updatedAt: '2026-01-01T09:00:00Z',
    source: 'webhook',
    metadata: pullRequestReviewMetadata({ title: 'T', body: 'B', baseRef: 'main' }),
  });
}

describe('createReviewSnapshotSections', () => {
  it('exports both tables with key lists and metadata as readable JSON', () => {
    const store = openStore();
    seedStore(store);

    const document = store.snapshot.export();

    expect(document.tables['review_tracked_issues']).toEqual([
      expect.objectContaining({ number: 817, processed_keys: ['alias', 'issue-key'] }),
    ]);
    expect(document.tables['review_tracked_pull_requests']).toEqual([
      expect.objectContaining({
        number: 714,
        processed_review_keys: ['abc123:digest'],
        last_processed_review_metadata: expect.objectContaining({ baseRef: 'main' }),
      }),
    ]);
  });

  it('restores what was answered into a fresh store, so nothing is posted twice', () => {
    const source = openStore();
    seedStore(source);
    const document = source.snapshot.export();
    const target = openStore();

    target.snapshot.restore(document);

    expect(target.issues.isIssueProcessed(817, 'alias')).toBe(true);
    expect(target.prs.isPrReviewProcessed(714, 'abc123:digest')).toBe(true);
    expect(target.prs.get(714)).toEqual(source.prs.get(714));
  });

  it('refuses a document whose tracked rows do not match the schema', () => {
    const store = openStore();
    seedStore(store);
    const document = store.snapshot.export();
    const broken = {
      ...document,
      tables: { ...document.tables, review_tracked_issues: [{ number: 'seven' }] },
    };

    expect(() => store.snapshot.restore(broken)).toThrow(/snapshot was refused and nothing was changed/);
    expect(store.issues.isIssueProcessed(817, 'issue-key')).toBe(true);
  });
});
