import { z } from 'zod';

/** A flat environment: variable name → raw value. Unset variables are absent or undefined. */
export type EnvRecord = Readonly<Record<string, string | undefined>>;

/** What parsing needs besides the variables: where relative and `~` paths point. */
export interface ConfigContext {
  /** Relative paths resolve here: the directory of the `.env` file, not the package dir. */
  readonly baseDir: string;
  /** `~` expands to this directory. */
  readonly homeDir: string;
}

/** A daemon's configuration schema: built per context, it maps a flat env to the typed config. */
export type ConfigSchema<T> = (context: ConfigContext) => z.ZodType<T>;

/** One settings section: reads the env variables it owns and maps them to a nested object. */
export type ConfigSection<T> = z.ZodType<T>;

type SectionOutputs<S extends Record<string, z.ZodType>> = { readonly [K in keyof S]: z.output<S[K]> };

/**
 * Runs every section over the same env and gathers their outputs under the section names.
 * Sections parse independently, so a bad key in one section never hides a problem (including
 * a cross-key check) in another: the resulting error lists everything at once.
 */
export function composeSections<S extends Record<string, z.ZodType>>(
  sections: S,
): z.ZodType<SectionOutputs<S>> {
  const names = Object.keys(sections);
  const fanOut = (env: unknown): Record<string, unknown> =>
    Object.fromEntries(names.map((name) => [name, env]));
  return z.preprocess(fanOut, z.object(sections)) as unknown as z.ZodType<SectionOutputs<S>>;
}

/**
 * A `when` guard for cross-key refinements: run the check only when none of `keys` (env
 * names in a section, or section names in a composition) already failed, so the check sees
 * parsed values and reports alongside the per-key problems instead of after they are fixed.
 */
export function whenValid(keys: readonly string[]): (payload: z.core.ParsePayload) => boolean {
  // An issue without a path concerns the whole input, so no key can be trusted then.
  return (payload) =>
    !payload.issues.some((issue) => issue.path === undefined || keys.includes(String(issue.path[0])));
}
