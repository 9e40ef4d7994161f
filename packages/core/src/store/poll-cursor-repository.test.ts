import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFakeClock } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadCoreMigrations } from './load-migrations.js';
import { openDatabase } from './open-database.js';
import { createPollCursorRepository } from './poll-cursor-repository.js';

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'patchloop-'));
  const path = join(dir, 'state.db');
  const clock = createFakeClock(Date.UTC(2026, 0, 1));
  const db = openDatabase({ path, migrations: [loadCoreMigrations()], clock });
  onTestFinished(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { db, path, clock, cursors: createPollCursorRepository({ db, clock }) };
}

describe('pollCursorRepository', () => {
  it('returns undefined for a poller that never ran', () => {
    const { cursors } = setup();

    expect(cursors.get('issues')).toBeUndefined();
  });

  it('stores a cursor with its ETag and replaces it on the next put', async () => {
    const { cursors, clock } = setup();
    cursors.put({ name: 'issues', value: '2026-01-01T00:00:00Z', etag: 'W/"a"' });
    await clock.advance(60_000);

    const updated = cursors.put({ name: 'issues', value: '2026-01-01T00:01:00Z' });

    expect(updated).toEqual({
      name: 'issues',
      value: '2026-01-01T00:01:00Z',
      etag: null,
      updatedAt: clock.now(),
    });
    expect(cursors.get('issues')).toEqual(updated);
    expect(cursors.list()).toHaveLength(1);
  });

  it('survives closing and reopening the database file', () => {
    const { db, path, clock, cursors } = setup();
    cursors.put({ name: 'pulls', value: '2026-01-01T00:00:00Z' });
    db.close();

    const reopened = openDatabase({ path, migrations: [loadCoreMigrations()], clock });
    onTestFinished(() => {
      reopened.close();
    });

    expect(createPollCursorRepository({ db: reopened, clock }).get('pulls')?.value).toBe(
      '2026-01-01T00:00:00Z',
    );
  });

  it('removes a cursor so the poller starts over', () => {
    const { cursors } = setup();
    cursors.put({ name: 'issues', value: 'x' });

    expect(cursors.remove('issues')).toBe(true);
    expect(cursors.remove('issues')).toBe(false);
    expect(cursors.get('issues')).toBeUndefined();
  });
});
