import { describe, expect, it } from 'vitest';
import { renderPrometheus } from './render-prometheus.js';

describe('renderPrometheus', () => {
  it('writes HELP and TYPE lines, then one sample per line with labels sorted by name', () => {
    const text = renderPrometheus([
      {
        name: 'patchloop_queue_tasks',
        help: 'Tasks by type and status.',
        type: 'gauge',
        samples: [{ labels: { type: 'review_issue', status: 'queued' }, value: 3 }],
      },
      { name: 'patchloop_up', help: 'Up.', type: 'gauge', samples: [{ labels: {}, value: 1 }] },
    ]);

    expect(text).toBe(
      [
        '# HELP patchloop_queue_tasks Tasks by type and status.',
        '# TYPE patchloop_queue_tasks gauge',
        'patchloop_queue_tasks{status="queued",type="review_issue"} 3',
        '# HELP patchloop_up Up.',
        '# TYPE patchloop_up gauge',
        'patchloop_up 1',
        '',
      ].join('\n'),
    );
  });

  it('escapes backslash, double quote and line feed in label values, and backslash and line feed in help', () => {
    const text = renderPrometheus([
      {
        name: 'patchloop_x_total',
        help: 'A\\B\nC "quoted"',
        type: 'counter',
        samples: [{ labels: { reason: 'C:\\tmp "x"\nnext' }, value: 2 }],
      },
    ]);

    expect(text.split('\n')).toEqual([
      '# HELP patchloop_x_total A\\\\B\\nC "quoted"',
      '# TYPE patchloop_x_total counter',
      'patchloop_x_total{reason="C:\\\\tmp \\"x\\"\\nnext"} 2',
      '',
    ]);
  });

  it.each([
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, '+Inf'],
    [Number.NEGATIVE_INFINITY, '-Inf'],
    [0.25, '0.25'],
  ])('renders the value %s as %s', (value, rendered) => {
    const text = renderPrometheus([
      { name: 'patchloop_v', help: 'v', type: 'gauge', samples: [{ labels: {}, value }] },
    ]);

    expect(text).toContain(`patchloop_v ${rendered}\n`);
  });

  it('renders nothing for no families', () => {
    expect(renderPrometheus([])).toBe('');
  });
});
