import { describe, expect, it } from 'vitest';
import { createFaultInjector } from './fault-injector.js';

describe('createFaultInjector', () => {
  it('uses a fault the given number of times, in the order faults were added', () => {
    const faults = createFaultInjector();
    faults.add({ path: '/user', status: 502, times: 2 });
    faults.add({ status: 500 });

    const taken = [1, 2, 3, 4].map(() => faults.take('GET', '/user', '/user')?.status);

    expect(taken).toEqual([502, 502, 500, undefined]);
  });

  it('matches on method, exact path, route template or a RegExp', () => {
    const faults = createFaultInjector();
    faults.add({ method: 'post', path: /\/comments$/, status: 503 });

    expect(faults.take('GET', '/repos/a/b/issues/1/comments', undefined)).toBeUndefined();
    expect(faults.take('POST', '/repos/a/b/issues/1/comments', undefined)?.status).toBe(503);
  });

  it('forgets every pending fault on clear', () => {
    const faults = createFaultInjector();
    faults.add({ status: 500, times: 5 });

    faults.clear();

    expect(faults.pending()).toEqual([]);
  });
});
