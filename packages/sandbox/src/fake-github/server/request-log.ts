/** One request the fake GitHub answered. */
export interface RequestRecord {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly status: number;
  readonly login?: string;
  /** The parsed JSON body, when there was one. */
  readonly body?: unknown;
  /** The matched operation of GitHub's REST description, e.g. `issues/create-comment`. */
  readonly operationId?: string;
  /** True when the request carried `If-None-Match` (a conditional request). */
  readonly conditional: boolean;
}

/** A request that does not fit GitHub's REST description (or crashed the fake). */
export interface OpenApiViolation {
  readonly method: string;
  readonly path: string;
  readonly reason: string;
}
