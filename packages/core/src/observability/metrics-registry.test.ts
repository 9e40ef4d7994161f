import { describe, expect, it } from 'vitest';
import { createMetricsRegistry } from './metrics-registry.js';

describe('createMetricsRegistry', () => {
  it('accumulates counters per label set and renders them with their type', () => {
    const registry = createMetricsRegistry();
    const outcomes = registry.counter({
      name: 'patchloop_task_outcomes_total',
      help: 'Outcomes.',
      labelNames: ['type', 'outcome'],
    });

    outcomes.inc({ type: 'review_issue', outcome: 'succeeded' });
    outcomes.inc({ outcome: 'succeeded', type: 'review_issue' }, 2);
    outcomes.inc({ type: 'review_issue', outcome: 'retried' });

    expect(outcomes.value({ type: 'review_issue', outcome: 'succeeded' })).toBe(3);
    expect(registry.render()).toContain('# TYPE patchloop_task_outcomes_total counter\n');
    expect(registry.render()).toContain(
      'patchloop_task_outcomes_total{outcome="retried",type="review_issue"} 1\n',
    );
  });

  it('keeps the last value a gauge was set to and reads collected gauges at render time', () => {
    const registry = createMetricsRegistry();
    const remaining = registry.gauge({ name: 'patchloop_rate', help: 'Rate.', labelNames: ['client'] });
    let depth = 1;
    registry.collectedGauge({
      name: 'patchloop_depth',
      help: 'Depth.',
      collect: () => [{ labels: {}, value: depth }],
    });

    remaining.set({ client: 'read' }, 4999);
    remaining.set({ client: 'read' }, 4990);
    depth = 7;

    expect(remaining.value({ client: 'read' })).toBe(4990);
    expect(registry.render()).toContain('patchloop_rate{client="read"} 4990\n');
    expect(registry.render()).toContain('patchloop_depth 7\n');
  });

  it.each([
    [{ name: 'queue_depth', help: 'x' }, 'must match'],
    [{ name: 'patchloop_Depth', help: 'x' }, 'must match'],
    [{ name: 'patchloop_depth', help: 'x', labelNames: ['__reserved'] }, 'invalid label name'],
    [{ name: 'patchloop_depth', help: 'x', labelNames: ['bad-label'] }, 'invalid label name'],
  ])('refuses the definition %j', (definition, message) => {
    const registry = createMetricsRegistry();

    expect(() => registry.gauge(definition)).toThrow(message);
  });

  it('refuses a second metric with the same name', () => {
    const registry = createMetricsRegistry();
    registry.counter({ name: 'patchloop_x_total', help: 'x' });

    expect(() => registry.gauge({ name: 'patchloop_x_total', help: 'x' })).toThrow('registered twice');
  });

  it('refuses samples whose labels differ from the declared ones, and counters going down', () => {
    const registry = createMetricsRegistry();
    const counter = registry.counter({ name: 'patchloop_x_total', help: 'x', labelNames: ['type'] });

    expect(() => counter.inc({})).toThrow('takes labels [type]');
    expect(() => counter.inc({ type: 'a', extra: 'b' })).toThrow('takes labels [type]');
    expect(() => counter.inc({ type: 'a' }, -1)).toThrow('cannot go down');
    expect(registry.render()).not.toContain('patchloop_x_total{');
  });
});
