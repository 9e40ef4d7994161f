import path from 'node:path';
import type { ConfigContext } from './config-schema.js';
import type { EnvField, FieldOptions, FieldValue, ParseOutcome } from './env-field.js';
import { envField, fallbackOf, parsed, quote, rejected } from './env-field.js';
import { splitShellWords } from './split-shell-words.js';

// Every factory below returns a zod schema for one variable. Values are trimmed, blank means
// unset, and problems are phrased to follow "KEY: " in the ConfigError listing.

const identity = <T>(value: T): T => value;

/** `true` or `false`, case-insensitive. `1`, `yes`, `on` are errors, not silently false. */
export function booleanVar<const O extends FieldOptions<boolean>>(
  options: O,
): EnvField<FieldValue<boolean, O>> {
  const parse = (value: string): ParseOutcome<boolean> => {
    const lower = value.toLowerCase();
    if (lower === 'true') return parsed(true);
    if (lower === 'false') return parsed(false);
    return rejected(`expected true or false, got ${quote(value)}`);
  };
  return envField(parse, fallbackOf(options, identity), options.hint) as EnvField<FieldValue<boolean, O>>;
}

/** Bounds shared by integer and duration variables (inclusive, in the variable's own unit). */
export interface RangeOptions<D> extends FieldOptions<D> {
  readonly min?: number;
  readonly max?: number;
}

function describeRange(noun: string, min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `${noun} from ${min} to ${max}`;
  if (min !== undefined) return `${noun} of at least ${min}`;
  if (max !== undefined) return `${noun} of at most ${max}`;
  return noun;
}

function parseWholeNumber(value: string, options: RangeOptions<number>, noun: string): ParseOutcome<number> {
  const expected = describeRange(noun, options.min, options.max);
  if (!/^[+-]?\d+$/.test(value)) return rejected(`expected ${expected}, got ${quote(value)}`);
  const number = Number(value);
  const outOfRange =
    !Number.isSafeInteger(number) ||
    (options.min !== undefined && number < options.min) ||
    (options.max !== undefined && number > options.max);
  return outOfRange ? rejected(`expected ${expected}, got ${quote(value)}`) : parsed(number);
}

/** A base-10 whole number within `[min, max]`. */
export function integerVar<const O extends RangeOptions<number>>(
  options: O,
): EnvField<FieldValue<number, O>> {
  const parse = (value: string) => parseWholeNumber(value, options, 'a whole number');
  return envField(parse, fallbackOf(options, identity), options.hint) as EnvField<FieldValue<number, O>>;
}

const millisecondsPer = { seconds: 1_000, hours: 3_600_000, days: 86_400_000 } as const;

/** The unit an operator writes a duration in; the parsed value is always milliseconds. */
export type DurationUnit = keyof typeof millisecondsPer;

/** Options of a duration: bounds and default are in `unit`, the output is milliseconds. */
export interface DurationOptions extends RangeOptions<number> {
  readonly unit: DurationUnit;
}

/** A whole number of seconds/hours/days, converted to milliseconds here and nowhere else. */
export function durationVar<const O extends DurationOptions>(options: O): EnvField<FieldValue<number, O>> {
  const factor = millisecondsPer[options.unit];
  const parse = (value: string): ParseOutcome<number> => {
    const outcome = parseWholeNumber(value, options, `a whole number of ${options.unit}`);
    return outcome.ok ? parsed(outcome.value * factor) : outcome;
  };
  const toMs = (value: number) => value * factor;
  return envField(parse, fallbackOf(options, toMs), options.hint) as EnvField<FieldValue<number, O>>;
}

/** Seconds in the env, milliseconds in the config. */
export function secondsVar<const O extends RangeOptions<number>>(
  options: O,
): EnvField<FieldValue<number, O & { unit: 'seconds' }>> {
  return durationVar({ ...options, unit: 'seconds' }) as EnvField<
    FieldValue<number, O & { unit: 'seconds' }>
  >;
}

/** Options of a free-form string; `pattern` + `expected` make it strict. */
export interface StringOptions extends FieldOptions<string> {
  readonly pattern?: RegExp;
  /** How to describe a valid value, e.g. "a git branch name". */
  readonly expected?: string;
}

/** A trimmed string, optionally checked against a pattern. */
export function stringVar<const O extends StringOptions>(options: O): EnvField<FieldValue<string, O>> {
  const parse = (value: string): ParseOutcome<string> =>
    options.pattern === undefined || options.pattern.test(value)
      ? parsed(value)
      : rejected(
          `expected ${options.expected ?? `a value matching ${String(options.pattern)}`}, got ${quote(value)}`,
        );
  return envField(parse, fallbackOf(options, identity), options.hint) as EnvField<FieldValue<string, O>>;
}

/** Options of a secret: only presence and shape are checked; the value never enters a message. */
export interface SecretOptions extends FieldOptions<never> {
  readonly minLength?: number;
}

/** A token or shared secret. Problems describe the value's shape and never quote it. */
export function secretVar<const O extends SecretOptions>(options: O): EnvField<FieldValue<string, O>> {
  const parse = (value: string): ParseOutcome<string> => {
    if (/\s/.test(value)) return rejected('must not contain whitespace (the value is not shown)');
    if (options.minLength !== undefined && value.length < options.minLength) {
      return rejected(`must be at least ${options.minLength} characters long (the value is not shown)`);
    }
    return parsed(value);
  };
  return envField(parse, fallbackOf(options, identity), options.hint) as EnvField<FieldValue<string, O>>;
}

/** Options of an enum: `label` names the kind of thing in messages ("backend"). */
export interface EnumOptions<V extends string> extends FieldOptions<V> {
  readonly label?: string;
  /** Accepted spellings that map to a canonical value (e.g. `warning` → `warn`). */
  readonly aliases?: Readonly<Record<string, V>>;
}

function parseMember<V extends string>(
  raw: string,
  values: readonly V[],
  options: Pick<EnumOptions<V>, 'label' | 'aliases'>,
): ParseOutcome<V> {
  const lower = raw.toLowerCase();
  const aliased = options.aliases?.[lower];
  if (aliased !== undefined) return parsed(aliased);
  const member = values.find((value) => value === lower);
  if (member !== undefined) return parsed(member);
  return options.label === undefined
    ? rejected(`expected one of ${values.join(', ')}, got ${quote(raw)}`)
    : rejected(`unknown ${options.label} ${quote(raw)}; valid: ${values.join(', ')}`);
}

/** One of a fixed set of values, compared lower-cased. Unknown values are errors. */
export function enumVar<const V extends readonly string[], const O extends EnumOptions<V[number]>>(
  values: V,
  options: O,
): EnvField<FieldValue<V[number], O>> {
  const parse = (value: string) => parseMember(value, values, options);
  return envField(parse, fallbackOf(options, identity), options.hint) as EnvField<FieldValue<V[number], O>>;
}

function splitCsv(value: string): string[] {
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return [...new Set(items)];
}

/** Options of a comma-separated list; `itemPattern` + `expected` check each item. */
export interface CsvOptions extends FieldOptions<readonly string[]> {
  readonly lowerCase?: boolean;
  readonly itemPattern?: RegExp;
  readonly expected?: string;
}

/** A comma-separated list: items trimmed, empties and duplicates dropped. Blank means the default. */
export function csvVar(options: CsvOptions = {}): EnvField<readonly string[]> {
  const normalise = (items: readonly string[]) =>
    splitCsv(items.join(',')).map((item) => (options.lowerCase === true ? item.toLowerCase() : item));
  const parse = (value: string): ParseOutcome<readonly string[]> => {
    const items = normalise([value]);
    const bad =
      options.itemPattern === undefined ? undefined : items.find((item) => !options.itemPattern?.test(item));
    if (bad === undefined) return parsed(items);
    return rejected(
      `expected a comma-separated list of ${options.expected ?? 'values'}, got the item ${quote(bad)}`,
    );
  };
  const fallback = fallbackOf({ ...options, default: options.default ?? [] }, normalise);
  return envField(parse, fallback, options.hint) as EnvField<readonly string[]>;
}

/** A comma-separated list whose items must come from `values` (compared lower-cased). */
export function enumListVar<const V extends readonly string[]>(
  values: V,
  options: Omit<EnumOptions<V[number]>, 'default'> & { readonly default?: readonly V[number][] } = {},
): EnvField<readonly V[number][]> {
  const parse = (value: string): ParseOutcome<readonly V[number][]> => {
    const members: V[number][] = [];
    for (const item of splitCsv(value)) {
      const outcome = parseMember(item, values, options);
      if (!outcome.ok) return outcome;
      if (!members.includes(outcome.value)) members.push(outcome.value);
    }
    return parsed(members);
  };
  // Copied so freezing the loaded config never freezes a caller's default array.
  const fallback = fallbackOf({ ...options, default: options.default ?? [] }, (items) => [...items]);
  return envField(parse, fallback, options.hint) as EnvField<readonly V[number][]>;
}

/** One command line, split into argv with POSIX shell-word rules. */
export function commandVar(
  options: Pick<FieldOptions<never>, 'hint'> = {},
): EnvField<readonly string[] | undefined> {
  const parse = (value: string): ParseOutcome<readonly string[]> => {
    const split = splitShellWords(value);
    return split.ok ? parsed(split.words) : rejected(`cannot split the command: ${split.problem}`);
  };
  return envField(parse, { kind: 'optional' }, options.hint);
}

/** One command per non-empty line, each split into argv with POSIX shell-word rules. */
export function commandListVar(
  options: Pick<FieldOptions<never>, 'hint'> = {},
): EnvField<readonly (readonly string[])[]> {
  const parse = (value: string): ParseOutcome<readonly (readonly string[])[]> => {
    const commands: (readonly string[])[] = [];
    const lines = value.split(/\r?\n/);
    for (const [index, line] of lines.entries()) {
      if (line.trim() === '') continue;
      const split = splitShellWords(line);
      if (!split.ok) return rejected(`line ${index + 1}: cannot split the command: ${split.problem}`);
      commands.push(split.words);
    }
    return parsed(commands);
  };
  const fallback = { kind: 'default', value: [] } as const;
  return envField(parse, fallback, options.hint) as EnvField<readonly (readonly string[])[]>;
}

/** Resolves `~`, `~/x` against `homeDir` and relative paths against `baseDir`; pure. */
export function resolveConfigPath(value: string, context: ConfigContext): ParseOutcome<string> {
  if (value.includes('\0')) return rejected('expected a file system path, got a value containing a NUL byte');
  if (value === '~') return parsed(path.resolve(context.homeDir));
  if (value.startsWith('~/')) return parsed(path.resolve(context.homeDir, value.slice(2)));
  if (value.startsWith('~')) {
    return rejected(`only "~" and "~/..." are expanded, got ${quote(value)} — write the full path`);
  }
  return parsed(path.resolve(context.baseDir, value));
}

/** A file system path, made absolute against the `.env` directory (or the home dir for `~`). */
export function pathVar<const O extends FieldOptions<string>>(
  context: ConfigContext,
  options: O,
): EnvField<FieldValue<string, O>> {
  const parse = (value: string) => resolveConfigPath(value, context);
  const toPath = (value: string) => {
    const outcome = resolveConfigPath(value, context);
    if (!outcome.ok) throw new TypeError(`Invalid built-in default path ${value}: ${outcome.problem}`);
    return outcome.value;
  };
  return envField(parse, fallbackOf(options, toPath), options.hint) as EnvField<FieldValue<string, O>>;
}

/** A repository as GitHub names it. */
export interface GitHubRepo {
  readonly owner: string;
  readonly name: string;
  /** `owner/name`. */
  readonly fullName: string;
}

// GitHub logins: alphanumerics and single inner hyphens; repository names: alphanumerics, `.`, `_`, `-`.
const repoPattern = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/;

/** An `owner/name` repository reference. */
export function repoVar<const O extends Omit<FieldOptions<never>, 'default'>>(
  options: O,
): EnvField<FieldValue<GitHubRepo, O>> {
  const parse = (value: string): ParseOutcome<GitHubRepo> => {
    const match = repoPattern.exec(value);
    const owner = match?.[1];
    const name = match?.[2];
    if (owner === undefined || name === undefined || name === '.' || name === '..') {
      return rejected(`expected "owner/name", got ${quote(value)}`);
    }
    return parsed({ owner, name, fullName: `${owner}/${name}` });
  };
  return envField(parse, fallbackOf(options, identity), options.hint) as EnvField<FieldValue<GitHubRepo, O>>;
}

/** An absolute http(s) URL, returned without a trailing slash so paths can be appended. */
export function urlVar<const O extends FieldOptions<string>>(options: O): EnvField<FieldValue<string, O>> {
  const parse = (value: string): ParseOutcome<string> => {
    const url = URL.canParse(value) ? new URL(value) : undefined;
    if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      return rejected(`expected an http(s) URL, got ${quote(value)}`);
    }
    if (url.username !== '' || url.password !== '') {
      return rejected('must not contain credentials; put tokens in their own variables');
    }
    return parsed(url.href.replace(/\/+$/, ''));
  };
  return envField(parse, fallbackOf(options, identity), options.hint) as EnvField<FieldValue<string, O>>;
}
