import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCoreMigrations, openDatabase } from '@patchloop/core';
import { createFakeClock } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadOpenReviewMigrations } from './review-migrations.js';

describe('loadOpenReviewMigrations', () => {
  it('creates the tracked issue and pull request tables after core migrations, idempotently', () => {
    const dir = mkdtempSync(join(tmpdir(), 'patchloop-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'state.db');
    const clock = createFakeClock();
    const migrations = [loadCoreMigrations(), loadOpenReviewMigrations()];
    openDatabase({ path, migrations, clock }).close();

    const db = openDatabase({ path, migrations, clock });
    const tables = db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'review_%'",
      )
      .all()
      .map((row) => row.name);
    db.close();

    expect(loadOpenReviewMigrations().namespace).toBe('openreview');
    expect(tables.sort()).toEqual(['review_tracked_issues', 'review_tracked_pull_requests']);
  });
});
