import { describe, expect, it } from 'vitest';
import type { TaskRouteQueryRules } from './task-route-query.js';
import { parseListLimit, parsePositiveInteger, parseTaskRouteQuery } from './task-route-query.js';

const deadLetterRules: TaskRouteQueryRules = {
  statuses: ['dead_letter'],
  defaultLimit: 200,
  queueFilter: true,
  supersededFilter: true,
};

describe('parseTaskRouteQuery', () => {
  it('selects every queue, the allowed statuses and the default limit when nothing is given', () => {
    expect(parseTaskRouteQuery({}, deadLetterRules)).toEqual({
      ok: true,
      value: {
        queues: ['issue', 'pr', 'source'],
        statuses: ['dead_letter'],
        limit: 200,
        includeSuperseded: true,
      },
    });
  });

  it('reads queue filters case-insensitively and returns them in canonical order', () => {
    const parsed = parseTaskRouteQuery(
      { queue: 'Source, ISSUE,issue', include_superseded: 'False' },
      deadLetterRules,
    );

    expect(parsed).toMatchObject({
      ok: true,
      value: { queues: ['issue', 'source'], includeSuperseded: false },
    });
  });

  it('accepts a repeated parameter like a comma-separated one', () => {
    const parsed = parseTaskRouteQuery({ queue: ['pr', 'issue'] }, deadLetterRules);

    expect(parsed).toMatchObject({ ok: true, value: { queues: ['issue', 'pr'] } });
  });

  it.each([
    [{ queue: 'foo' }, 'Unsupported task queue filter: foo'],
    [{ status: 'queued' }, 'Unsupported task status filter: queued'],
    [{ limit: '0' }, 'Task limit must be between 1 and 200'],
    [{ limit: '201' }, 'Task limit must be between 1 and 200'],
    [{ limit: 'ten' }, 'Task limit must be between 1 and 200'],
    [{ include_superseded: 'maybe' }, 'include_superseded must be true or false'],
  ])('refuses %o with "%s"', (query, detail) => {
    expect(parseTaskRouteQuery(query, deadLetterRules)).toEqual({ ok: false, detail });
  });

  it('ignores the parameters a route does not take', () => {
    const parsed = parseTaskRouteQuery(
      { queue: 'foo', include_superseded: 'maybe', page: '2' },
      { statuses: ['queued'], defaultLimit: 20 },
    );

    expect(parsed).toMatchObject({ ok: true, value: { queues: ['issue', 'pr', 'source'], limit: 20 } });
  });
});

describe('parseListLimit', () => {
  it('reads the limit and ignores every other parameter', () => {
    expect(parseListLimit({ limit: '20', queue: 'foo' }, 200)).toEqual({ ok: true, value: 20 });
    expect(parseListLimit({ limit: '-1' }, 200)).toMatchObject({ ok: false });
  });
});

describe('parsePositiveInteger', () => {
  it.each([
    ['12', 12],
    ['0', undefined],
    ['-3', undefined],
    ['1.5', undefined],
    ['abc', undefined],
    ['99999999999999999999', undefined],
  ])('parses %s as %s', (value, expected) => {
    expect(parsePositiveInteger(value)).toBe(expected);
  });
});
