import { z } from 'zod';

/** A zod schema for one environment variable: a raw string (or nothing) in, a typed value out. */
export type EnvField<T> = z.ZodType<T, string | undefined>;

/** Outcome of parsing one non-blank value; `problem` is phrased to follow "KEY: ". */
export type ParseOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problem: string };

/** Options every variable accepts. Blank counts as unset, so a `default` or `required` applies. */
export interface FieldOptions<D> {
  /** What to do about a problem; appended after an em dash. */
  readonly hint?: string;
  readonly required?: boolean;
  readonly default?: D;
}

/** The value type of a field: present when it is required or has a default, else maybe undefined. */
export type FieldValue<T, O> = O extends { readonly required: true }
  ? T
  : O extends { readonly default: unknown }
    ? T
    : T | undefined;

/** How a blank or missing value is handled. */
export type Fallback<T> =
  | { readonly kind: 'default'; readonly value: T }
  | { readonly kind: 'required' }
  | { readonly kind: 'optional' };

/** A successful parse. */
export function parsed<T>(value: T): ParseOutcome<T> {
  return { ok: true, value };
}

/** A failed parse with the problem to report. */
export function rejected<T>(problem: string): ParseOutcome<T> {
  return { ok: false, problem };
}

/** Quotes a raw value for a message, shortened so a pasted blob cannot flood the error. */
export function quote(raw: string): string {
  return JSON.stringify(raw.length > 80 ? `${raw.slice(0, 77)}...` : raw);
}

/** Appends a hint to a problem, in the `problem — hint` form every config message uses. */
export function withHint(problem: string, hint: string | undefined): string {
  return hint === undefined || hint === '' ? problem : `${problem} — ${hint}`;
}

/** Chooses the fallback from the options, converting a default through `toValue`. */
export function fallbackOf<D, T>(options: FieldOptions<D>, toValue: (value: D) => T): Fallback<T> {
  if (options.default !== undefined) return { kind: 'default', value: toValue(options.default) };
  return options.required === true ? { kind: 'required' } : { kind: 'optional' };
}

/**
 * Builds one variable's schema from a pure parser: trims, treats blank as unset, applies the
 * fallback, and turns a parse problem into one zod issue whose message carries the hint.
 * The raw value is never attached to the issue, so secrets cannot leak through it.
 */
export function envField<T>(
  parse: (value: string) => ParseOutcome<T>,
  fallback: Fallback<T>,
  hint: string | undefined,
): EnvField<T | undefined> {
  return z
    .string()
    .optional()
    .transform((raw, ctx): T | undefined => {
      const value = raw?.trim() ?? '';
      if (value === '') {
        if (fallback.kind === 'default') return fallback.value;
        if (fallback.kind === 'optional') return undefined;
        ctx.addIssue({ code: 'custom', message: withHint('required but not set', hint) });
        return z.NEVER;
      }
      const outcome = parse(value);
      if (outcome.ok) return outcome.value;
      ctx.addIssue({ code: 'custom', message: withHint(outcome.problem, hint) });
      return z.NEVER;
    });
}
