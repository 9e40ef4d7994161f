import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFakeClock } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createIdempotencyRepository } from './idempotency-repository.js';
import { loadCoreMigrations } from './load-migrations.js';
import { openDatabase } from './open-database.js';

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'patchloop-'));
  const clock = createFakeClock(Date.UTC(2026, 0, 1));
  const db = openDatabase({ path: join(dir, 'state.db'), migrations: [loadCoreMigrations()], clock });
  onTestFinished(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { db, clock, keys: createIdempotencyRepository({ db, clock }) };
}

describe('idempotencyRepository', () => {
  it('records the intent as pending the first time', () => {
    const { keys, clock } = setup();

    const first = keys.recordIntent('comment:pr:5:abc');

    expect(first).toEqual({
      created: true,
      record: {
        key: 'comment:pr:5:abc',
        state: 'pending',
        result: null,
        createdAt: clock.now(),
        updatedAt: clock.now(),
      },
    });
  });

  it('reports an existing pending intent so the caller checks GitHub before writing again', () => {
    const { keys } = setup();
    keys.recordIntent('comment:pr:5:abc');

    const second = keys.recordIntent('comment:pr:5:abc');

    expect(second.created).toBe(false);
    expect(second.record.state).toBe('pending');
  });

  it('marks the write done with its result, which a later intent sees', async () => {
    const { keys, clock } = setup();
    keys.recordIntent('comment:pr:5:abc');
    await clock.advance(1000);

    keys.markDone('comment:pr:5:abc', { commentId: 42 });
    const again = keys.recordIntent('comment:pr:5:abc');

    expect(again).toMatchObject({ created: false, record: { state: 'done', result: { commentId: 42 } } });
    expect(again.record.updatedAt).toBe(clock.now());
  });

  it('forgets an intent whose write certainly did not happen', () => {
    const { keys } = setup();
    keys.recordIntent('label:issue:3');

    expect(keys.forget('label:issue:3')).toBe(true);
    expect(keys.get('label:issue:3')).toBeUndefined();
    expect(keys.recordIntent('label:issue:3').created).toBe(true);
  });

  it('fails loudly on a result column that is not JSON', () => {
    const { db, keys } = setup();
    db.prepare("INSERT INTO idempotency_keys VALUES ('broken', 'done', '{not json', 1, 1)").run();

    expect(() => keys.get('broken')).toThrow(expect.objectContaining({ code: 'STORE_ROW_INVALID' }));
  });
});
