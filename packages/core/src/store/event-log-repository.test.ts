import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFakeClock } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createEventLogRepository } from './event-log-repository.js';
import { loadCoreMigrations } from './load-migrations.js';
import { openDatabase } from './open-database.js';

function setup(retain?: number) {
  const dir = mkdtempSync(join(tmpdir(), 'patchloop-'));
  const clock = createFakeClock(Date.UTC(2026, 0, 1));
  const db = openDatabase({ path: join(dir, 'state.db'), migrations: [loadCoreMigrations()], clock });
  onTestFinished(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { db, clock, events: createEventLogRepository({ db, clock, retain }) };
}

describe('eventLogRepository', () => {
  it('appends an event stamped with the clock and reads it back', () => {
    const { events, clock } = setup();

    const entry = events.append({
      category: 'poll',
      level: 'warn',
      message: 'GitHub answered 502',
      data: { status: 502 },
    });

    expect(events.list()).toEqual([entry]);
    expect(entry).toMatchObject({ at: clock.now(), category: 'poll', level: 'warn', data: { status: 502 } });
  });

  it('keeps only the newest entries', () => {
    const { events } = setup(3);

    for (let n = 1; n <= 5; n += 1) events.append({ category: 'poll', level: 'info', message: `poll ${n}` });

    expect(events.list().map((entry) => entry.message)).toEqual(['poll 5', 'poll 4', 'poll 3']);
  });

  it('keeps the newest 1000 by default', () => {
    const { db, events } = setup();

    for (let n = 0; n < 1005; n += 1) events.append({ category: 'poll', level: 'debug', message: 'tick' });

    expect(db.prepare('SELECT COUNT(*) FROM events').pluck().get()).toBe(1000);
  });

  it('filters by category and level', () => {
    const { events } = setup();
    events.append({ category: 'poll', level: 'info', message: 'a' });
    events.append({ category: 'task', level: 'error', message: 'b' });
    events.append({ category: 'task', level: 'info', message: 'c' });

    expect(events.list({ category: 'task', level: 'error' }).map((e) => e.message)).toEqual(['b']);
    expect(events.list({ limit: 1 }).map((e) => e.message)).toEqual(['c']);
  });
});
