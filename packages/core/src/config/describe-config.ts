/** What a secret looks like in `describeConfig` output, logs and JSON of a loaded config. */
export const redactedValue = '[redacted]';

// Config keys (camelCase) and env names whose values are credentials. Matching by name means
// a secret added later is masked without anyone remembering to register it.
const secretConfigKey = /(token|secret|password|apikey|privatekey)$/i;
const secretEnvKey = /(TOKEN|SECRET|PASSWORD|API_KEY|PRIVATE_KEY)$/;

/** True for config keys holding credentials (`token`, `writeToken`, `webhookSecret`, `adminToken`). */
export function isSecretConfigKey(key: string): boolean {
  return secretConfigKey.test(key);
}

/** True for env names holding credentials (`GITHUB_TOKEN`, `GITHUB_WEBHOOK_SECRET`, `ADMIN_TOKEN`). */
export function isSecretEnvKey(key: string): boolean {
  return secretEnvKey.test(key);
}

/** A JSON-friendly view of a configuration value. */
export type ConfigDescription =
  | string
  | number
  | boolean
  | null
  | ConfigDescriptionObject
  | ConfigDescription[];

/** An object node of a configuration description. */
export interface ConfigDescriptionObject {
  readonly [key: string]: ConfigDescription;
}

function describeValue(value: unknown, key: string | undefined): ConfigDescription {
  if (key !== undefined && isSecretConfigKey(key) && typeof value === 'string') {
    return value === '' ? '' : redactedValue;
  }
  if (Array.isArray(value)) return value.map((item) => describeValue(item, undefined));
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([name, item]) => [name, describeValue(item, name)] as const);
    return Object.fromEntries(entries);
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  // Unset settings become null so JSON output still lists them.
  return null;
}

/**
 * A plain copy of a loaded configuration with every secret replaced by `[redacted]`: what
 * logs and `patchloop doctor` print. Unset values become `null`, so "not set" stays visible.
 */
export function describeConfig(config: object): ConfigDescriptionObject {
  return describeValue(config, undefined) as ConfigDescriptionObject;
}
