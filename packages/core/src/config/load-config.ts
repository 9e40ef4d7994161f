import path from 'node:path';
import { inspect } from 'node:util';
import type { z } from 'zod';
import { AppError } from '../errors/app-error.js';
import type { ConfigProblem } from './config-error.js';
import { ConfigError } from './config-error.js';
import type { ConfigContext, ConfigSchema, EnvRecord } from './config-schema.js';
import { describeConfig, isSecretEnvKey, redactedValue } from './describe-config.js';

/** Where relative and `~` paths in the env point; both must be absolute. */
export type LoadConfigOptions = ConfigContext;

/**
 * Parses `env` with a daemon's schema into a deep-frozen, typed, camelCase config, or throws
 * ONE ConfigError listing every bad key. Pure: no process, file or clock access. The frozen
 * result masks secrets when serialised (`JSON.stringify`, pino) or inspected (`util.inspect`).
 */
export function loadConfig<T extends object>(
  schema: ConfigSchema<T>,
  env: EnvRecord,
  options: LoadConfigOptions,
): T {
  for (const [name, dir] of [
    ['baseDir', options.baseDir],
    ['homeDir', options.homeDir],
  ] as const) {
    if (!path.isAbsolute(dir)) {
      throw new AppError('INTERNAL_INVARIANT', `loadConfig needs an absolute ${name}, got "${dir}".`);
    }
  }
  // A config schema is parsed once per process: zod's JIT would compile every section's object
  // parser for that single use (measured ~4x slower than interpreting), costing startup time.
  const result = schema({ baseDir: options.baseDir, homeDir: options.homeDir }).safeParse(env, {
    jitless: true,
  });
  if (!result.success) throw new ConfigError(toProblems(result.error.issues, env));
  return freezeConfig(result.data);
}

function toProblems(issues: readonly z.core.$ZodIssue[], env: EnvRecord): ConfigProblem[] {
  const secrets = Object.entries(env)
    .filter(([key, value]) => isSecretEnvKey(key) && value !== undefined && value.trim().length >= 4)
    .map(([, value]) => (value ?? '').trim());
  const seen = new Set<string>();
  const problems: ConfigProblem[] = [];
  for (const issue of issues) {
    const key =
      [...issue.path].reverse().find((part): part is string => typeof part === 'string') ?? '(config)';
    // Belt and braces: parsers never quote secrets, but a token pasted into the wrong
    // variable would otherwise be echoed back in that variable's "got ..." text.
    const message = secrets.reduce((text, secret) => text.replaceAll(secret, redactedValue), issue.message);
    const id = `${key}\u0000${message}`;
    if (seen.has(id)) continue; // sections that read the same variable report it once
    seen.add(id);
    problems.push({ key, message });
  }
  return problems;
}

// Serialisation hooks are non-enumerable so equality checks and Object.keys see only settings.
function freezeConfig<T>(value: T): T {
  if (Array.isArray(value)) {
    for (const item of value) freezeConfig(item);
    return Object.freeze(value);
  }
  if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) freezeConfig(item);
    const masked = () => describeConfig(value);
    Object.defineProperty(value, 'toJSON', { value: masked, enumerable: false });
    Object.defineProperty(value, inspect.custom, { value: masked, enumerable: false });
    return Object.freeze(value);
  }
  return value;
}
