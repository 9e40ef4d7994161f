import { AppError } from '../errors/app-error.js';
import type { MetricFamily, MetricSample, MetricType } from './render-prometheus.js';
import { renderPrometheus } from './render-prometheus.js';

/** Label values keyed by label name; every declared label must be given, and no other. */
export type MetricLabels = Readonly<Record<string, string>>;

/** Declares a metric; `name` must start with `patchloop_`. */
export interface MetricDefinition {
  readonly name: string;
  readonly help: string;
  readonly labelNames?: readonly string[];
}

/** A monotonic counter (Prometheus convention: name ends in `_total`). */
export interface Counter {
  inc(labels?: MetricLabels, by?: number): void;
  value(labels?: MetricLabels): number;
}

/** A value that goes up and down, set by the code that knows it (e.g. rate-limit remaining). */
export interface Gauge {
  set(labels: MetricLabels, value: number): void;
  value(labels?: MetricLabels): number | undefined;
}

/** A gauge whose samples are computed at scrape time (e.g. queue depth read from the database). */
export interface CollectedGaugeDefinition extends MetricDefinition {
  readonly collect: () => readonly MetricSample[];
}

/** Holds a daemon's metrics and renders them for `GET /metrics`; one registry per daemon, never global. */
export interface MetricsRegistry {
  counter(definition: MetricDefinition): Counter;
  gauge(definition: MetricDefinition): Gauge;
  collectedGauge(definition: CollectedGaugeDefinition): void;
  /** Every family in registration order, with samples in first-seen order. */
  collect(): readonly MetricFamily[];
  /** The Prometheus text exposition of `collect()`. */
  render(): string;
}

const METRIC_NAME = /^patchloop_[a-z0-9_]*[a-z0-9]$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

interface Family {
  readonly definition: MetricDefinition;
  readonly type: MetricType;
  readonly samples: () => readonly MetricSample[];
}

/** Creates an empty registry; names are checked at registration so a typo fails at startup. */
export function createMetricsRegistry(): MetricsRegistry {
  const families = new Map<string, Family>();

  const register = (family: Family): void => {
    const { name, labelNames = [] } = family.definition;
    if (!METRIC_NAME.test(name)) {
      throw new AppError('METRIC_INVALID', `Metric name "${name}" must match ${METRIC_NAME.source}.`);
    }
    const badLabel = labelNames.find((label) => !LABEL_NAME.test(label) || label.startsWith('__'));
    if (badLabel !== undefined) {
      throw new AppError('METRIC_INVALID', `Metric ${name} declares an invalid label name "${badLabel}".`);
    }
    if (families.has(name)) throw new AppError('METRIC_INVALID', `Metric ${name} is registered twice.`);
    families.set(name, family);
  };

  const valueStore = (definition: MetricDefinition) => {
    const values = new Map<string, { labels: MetricLabels; value: number }>();
    const keyOf = (labels: MetricLabels): string => {
      const declared = definition.labelNames ?? [];
      const given = Object.keys(labels);
      if (given.length !== declared.length || declared.some((label) => labels[label] === undefined)) {
        throw new AppError(
          'METRIC_INVALID',
          `Metric ${definition.name} takes labels [${declared.join(', ')}], got [${given.join(', ')}].`,
        );
      }
      return JSON.stringify(declared.map((label) => labels[label]));
    };
    return {
      get: (labels: MetricLabels) => values.get(keyOf(labels))?.value,
      put: (labels: MetricLabels, value: number) => {
        values.set(keyOf(labels), { labels: { ...labels }, value });
      },
      samples: (): readonly MetricSample[] => [...values.values()],
    };
  };

  const collect = (): readonly MetricFamily[] =>
    [...families.values()].map(({ definition, type, samples }) => ({
      name: definition.name,
      help: definition.help,
      type,
      samples: samples(),
    }));

  return {
    counter: (definition) => {
      const store = valueStore(definition);
      register({ definition, type: 'counter', samples: store.samples });
      return {
        inc: (labels = {}, by = 1) => {
          if (!(by >= 0)) {
            throw new AppError('METRIC_INVALID', `Counter ${definition.name} cannot go down (got ${by}).`);
          }
          store.put(labels, (store.get(labels) ?? 0) + by);
        },
        value: (labels = {}) => store.get(labels) ?? 0,
      };
    },
    gauge: (definition) => {
      const store = valueStore(definition);
      register({ definition, type: 'gauge', samples: store.samples });
      return { set: (labels, value) => store.put(labels, value), value: (labels = {}) => store.get(labels) };
    },
    collectedGauge: (definition) => {
      register({ definition, type: 'gauge', samples: definition.collect });
    },
    collect,
    render: () => renderPrometheus(collect()),
  };
}
