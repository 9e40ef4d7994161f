import { describe, expect, it } from 'vitest';
import { examplePayload } from './example-payload.js';

describe('examplePayload', () => {
  it('returns a real example for the requested event and action', () => {
    const payload = examplePayload('pull_request', 'synchronize');

    expect(payload['action']).toBe('synchronize');
    expect(payload).toHaveProperty('pull_request.head.sha');
  });

  it('returns a fresh copy each time, so a test may edit it freely', () => {
    const first = examplePayload('issues', 'opened');

    (first['issue'] as { title: string }).title = 'edited by a test';

    expect((examplePayload('issues', 'opened')['issue'] as { title: string }).title).not.toBe(
      'edited by a test',
    );
  });

  it('names the available actions when the requested one has no example', () => {
    expect(() => examplePayload('issues', 'exploded')).toThrow(
      /no "issues.exploded" example \(it has: .*opened/,
    );
  });
});
