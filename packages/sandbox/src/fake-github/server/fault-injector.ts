/** A scripted failure: matching requests get this answer `times` times, then normal service resumes. */
export interface FaultSpec {
  readonly method?: string;
  /** Exact path (e.g. `/repos/acme/widgets/issues`), the route's template, or a RegExp on the path. */
  readonly path?: string | RegExp;
  /** Status to answer with; omit to only delay (`delayMs`) and then serve normally. */
  readonly status?: number;
  readonly times?: number;
  readonly retryAfterSeconds?: number;
  /** Real milliseconds to wait before answering: simulates a slow or hanging GitHub. */
  readonly delayMs?: number;
  readonly body?: unknown;
  /** Answer as GitHub's secondary rate limit: 403, `retry-after`, its documented message. */
  readonly secondaryRateLimit?: boolean;
}

/** Holds scripted faults in the order they were added. */
export interface FaultInjector {
  add(fault: FaultSpec): void;
  /** Forgets every pending fault. */
  clear(): void;
  /** Faults that still have uses left. */
  pending(): readonly FaultSpec[];
  /** Consumes one use of the first fault matching the request, if any. */
  take(method: string, pathname: string, template: string | undefined): FaultSpec | undefined;
}

interface ArmedFault {
  readonly spec: FaultSpec;
  remaining: number;
}

/** Creates an empty fault list. */
export function createFaultInjector(): FaultInjector {
  let faults: ArmedFault[] = [];
  const matches = (
    spec: FaultSpec,
    method: string,
    pathname: string,
    template: string | undefined,
  ): boolean => {
    if (spec.method !== undefined && spec.method.toUpperCase() !== method) return false;
    if (spec.path === undefined) return true;
    if (spec.path instanceof RegExp) return spec.path.test(pathname);
    return spec.path === pathname || spec.path === template;
  };
  return {
    add: (spec) => {
      faults.push({ spec, remaining: spec.times ?? 1 });
    },
    clear: () => {
      faults = [];
    },
    pending: () => faults.filter((fault) => fault.remaining > 0).map((fault) => fault.spec),
    take: (method, pathname, template) => {
      const fault = faults.find((f) => f.remaining > 0 && matches(f.spec, method, pathname, template));
      if (fault === undefined) return undefined;
      fault.remaining -= 1;
      return fault.spec;
    },
  };
}
