import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCoreMigrations, openDatabase } from '@patchloop/core';
import { createFakeClock } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { issueProcessingKey } from './review-keys.js';
import { loadOpenReviewMigrations } from './review-migrations.js';
import { createTrackedIssueRepository } from './tracked-issue-repository.js';

// Acceptance scenarios of spec §10 covered here: 51, 52. In-flight claims (54) are gone: the
// queue serialises tasks per issue. There is no legacy JSON state to import, so the legacy-record
// scenarios (53 and the schema-1 loads 55/56) have nothing to apply to.

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'patchloop-'));
  const path = join(dir, 'state.db');
  const clock = createFakeClock(Date.UTC(2026, 0, 1, 10));
  const migrations = [loadCoreMigrations(), loadOpenReviewMigrations()];
  let db = openDatabase({ path, migrations, clock });
  onTestFinished(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const restart = () => {
    db.close();
    db = openDatabase({ path, migrations, clock });
    return createTrackedIssueRepository({ db, clock });
  };
  return { db, clock, restart, issues: createTrackedIssueRepository({ db, clock }) };
}

const reply = {
  number: 817,
  source: 'polling',
  createdAt: '2026-01-01T08:00:00Z',
  updatedAt: '2026-01-01T09:00:00Z',
};

describe('trackedIssueRepository', () => {
  it('reports an issue it never answered as unprocessed and untracked', () => {
    const { issues } = setup();

    expect(issues.isIssueProcessed(817, 'abc')).toBe(false);
    expect(issues.isTracked(817)).toBe(false);
  });

  it('treats a comment follow-up key as unanswered after only the initial reply', () => {
    const { issues } = setup();
    const initial = issueProcessingKey({ title: 'T', body: 'B' });
    const followUp = issueProcessingKey({
      title: 'T',
      body: 'B',
      fingerprint: 'issue_comment:9:0011223344556677',
    });

    issues.markIssueProcessed({ ...reply, key: initial });

    expect(issues.isIssueProcessed(817, initial)).toBe(true);
    expect(issues.isIssueProcessed(817, followUp)).toBe(false);
  });

  it('counts alias keys as answered alongside the primary key', () => {
    const { issues } = setup();

    issues.markIssueProcessed({ ...reply, key: 'comment-key', aliasKeys: ['initial-key'] });

    expect(issues.isIssueProcessed(817, 'comment-key')).toBe(true);
    expect(issues.isIssueProcessed(817, 'initial-key')).toBe(true);
    expect(issues.get(817)?.lastProcessedKey).toBe('comment-key');
  });

  it('records the reply time from the clock and the GitHub timestamps as given', () => {
    const { issues, clock } = setup();

    const tracked = issues.markIssueProcessed({ ...reply, key: 'k1', source: 'webhook' });

    expect(tracked).toEqual({
      number: 817,
      processedAt: clock.now(),
      createdAt: '2026-01-01T08:00:00Z',
      updatedAt: '2026-01-01T09:00:00Z',
      source: 'webhook',
      lastProcessedKey: 'k1',
      processedKeys: ['k1'],
    });
    expect(issues.get(817)).toEqual(tracked);
  });

  it('keeps only the 32 most recent keys, the primary key last', () => {
    const { issues } = setup();
    for (let index = 0; index < 40; index += 1) issues.markIssueProcessed({ ...reply, key: `k${index}` });

    issues.markIssueProcessed({ ...reply, key: 'primary', aliasKeys: ['k39', 'alias'] });

    const keys = issues.get(817)?.processedKeys ?? [];
    expect(keys).toHaveLength(32);
    expect(keys.slice(-3)).toEqual(['k39', 'alias', 'primary']);
    expect(issues.isIssueProcessed(817, 'k9')).toBe(false);
    expect(issues.isIssueProcessed(817, 'k10')).toBe(true);
  });

  it('keeps the stored GitHub timestamps when a later mark does not carry them', () => {
    const { issues } = setup();
    issues.markIssueProcessed({ ...reply, key: 'k1' });

    issues.markIssueProcessed({ number: 817, key: 'k2', source: 'webhook' });

    expect(issues.get(817)).toMatchObject({ createdAt: reply.createdAt, updatedAt: reply.updatedAt });
  });

  it('never treats an empty key as answered', () => {
    const { issues } = setup();
    issues.markIssueProcessed({ ...reply, key: 'k1' });

    expect(issues.isIssueProcessed(817, ' ')).toBe(false);
  });

  it('remembers answered keys across a restart', () => {
    const { issues, restart } = setup();
    issues.markIssueProcessed({ ...reply, key: 'k1', aliasKeys: ['k0'] });

    const reopened = restart();

    expect(reopened.isIssueProcessed(817, 'k0')).toBe(true);
    expect(reopened.isTracked(817)).toBe(true);
  });

  it('prunes only issues whose reply and GitHub activity are both older than the limit', async () => {
    const { issues, clock } = setup();
    issues.markIssueProcessed({
      ...reply,
      number: 1,
      key: 'old',
      updatedAt: '2025-06-01T00:00:00Z',
      createdAt: null,
    });
    issues.markIssueProcessed({ ...reply, number: 2, key: 'active', updatedAt: '2026-03-01T00:00:00Z' });
    await clock.set(Date.UTC(2026, 2, 2));
    issues.markIssueProcessed({
      ...reply,
      number: 3,
      key: 'recent',
      updatedAt: '2025-06-01T00:00:00Z',
      createdAt: null,
    });

    const removed = issues.pruneInactive(Date.UTC(2026, 1, 1));

    expect(removed).toBe(1);
    expect([1, 2, 3].map((number) => issues.isTracked(number))).toEqual([false, true, true]);
  });

  it('refuses a hand-edited key list that is not a JSON array of strings', () => {
    const { issues, db } = setup();
    issues.markIssueProcessed({ ...reply, key: 'k1' });
    db.prepare('UPDATE review_tracked_issues SET processed_keys = \'{"a":1}\'').run();

    expect(() => issues.get(817)).toThrow(/not a JSON array of strings/);
  });
});
