import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCoreMigrations, openDatabase } from '@patchloop/core';
import { createFakeClock } from '@patchloop/sandbox';
import { onTestFinished } from 'vitest';
import { loadOpenReviewMigrations } from './review-migrations.js';
import type { TrackedPullRequestRepositoryDeps } from './tracked-pull-request-repository.js';
import { createTrackedPullRequestRepository } from './tracked-pull-request-repository.js';

// Test-only builders shared by the tracked-pull-request tests (excluded from the build).
export const minute = 60_000;
export const day = 86_400_000;

export function setup(options: Pick<TrackedPullRequestRepositoryDeps, 'baseline'> = {}) {
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
    return createTrackedPullRequestRepository({ db, clock, ...options });
  };
  return { db, clock, restart, prs: createTrackedPullRequestRepository({ db, clock, ...options }) };
}

export const seen = (number: number, headSha = 'abc123', updatedAt = '2026-01-01T09:00:00Z') => ({
  number,
  headSha,
  ciState: 'success',
  createdAt: '2026-01-01T08:00:00Z',
  updatedAt,
});

export const processed = (number: number, key = `abc123:${number}`, updatedAt = '2026-01-01T09:00:00Z') => ({
  number,
  key,
  headSha: 'abc123',
  updatedAt,
  source: 'polling',
});
