import { describe, expect, it } from 'vitest';
import { cursorOf, isPending } from './feedback-cursor.js';
import { anItem } from './test-builders.js';

describe('isPending', () => {
  it('counts every item as pending without a cursor', () => {
    expect(isPending(anItem(), null)).toBe(true);
  });

  it.each([
    ['a later time', '2026-03-24T10:00:01Z', '101', true],
    ['an earlier time', '2026-03-24T09:59:59Z', '102', false],
    ['the cursor time and an id the cursor lists', '2026-03-24T10:00:00Z', '101', false],
    ['the cursor time and another id', '2026-03-24T10:00:00Z', '102', true],
  ])('decides an item at %s', (_name, at, id, expected) => {
    const cursor = { at: '2026-03-24T10:00:00+00:00', ids: ['101'] };

    expect(isPending(anItem({ at, id }), cursor)).toBe(expected);
  });

  it('treats Z and +00:00 as the same instant', () => {
    const item = anItem({ at: '2026-03-24T10:00:00Z', id: '101' });

    expect(isPending(item, { at: '2026-03-24T10:00:00+00:00', ids: ['101'] })).toBe(false);
    expect(isPending(item, { at: '2026-03-24T10:00:00+00:00', ids: [] })).toBe(true);
  });

  it('compares instants across time zones (weakness 28)', () => {
    const item = anItem({ at: '2026-03-24T11:30:00+02:00' });

    expect(isPending(item, { at: '2026-03-24T10:00:00Z', ids: [] })).toBe(false);
  });

  it('never counts an item without id as pending at the cursor time', () => {
    expect(isPending(anItem({ id: '' }), { at: '2026-03-24T10:00:00Z', ids: [] })).toBe(false);
  });

  it('compares strings when a time does not parse', () => {
    expect(isPending(anItem({ at: 'b' }), { at: 'a', ids: [] })).toBe(true);
  });
});

describe('cursorOf', () => {
  it('returns null for an empty batch', () => {
    expect(cursorOf([])).toBeNull();
  });

  it('takes the newest instant and the sorted ids at it', () => {
    const items = [
      anItem({ id: '201', at: '2026-03-24T10:00:00Z' }),
      anItem({ id: '5', at: '2026-03-24T09:00:00Z' }),
      anItem({ id: '100', at: '2026-03-24T10:00:00+00:00' }),
      anItem({ id: '99', at: '2026-03-24T10:00:00Z' }),
    ];

    expect(cursorOf(items)).toEqual({ at: '2026-03-24T10:00:00Z', ids: ['99', '100', '201'] });
  });

  it('picks the newest instant even when the strings order differently', () => {
    const items = [
      anItem({ id: '1', at: '2026-03-24T11:30:00+02:00' }),
      anItem({ id: '2', at: '2026-03-24T10:00:00Z' }),
    ];

    expect(cursorOf(items)).toEqual({ at: '2026-03-24T10:00:00Z', ids: ['2'] });
  });

  it('marks every item of its batch as handled', () => {
    const items = [anItem({ id: '1', at: '2026-03-24T09:00:00Z' }), anItem({ id: '2' }), anItem({ id: '3' })];

    const cursor = cursorOf(items);

    expect(items.filter((item) => isPending(item, cursor))).toEqual([]);
  });
});
