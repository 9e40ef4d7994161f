import { z } from 'zod';
import type { ConfigSection } from './config-schema.js';
import { composeSections, whenValid } from './config-schema.js';
import { commandVar, csvVar, enumListVar, enumVar, secondsVar, stringVar } from './env-parsers.js';

/** Every coding CLI PatchLoop can drive. Any other name is a configuration error. */
export const cliBackendNames = [
  'codex',
  'copilot',
  'cursor',
  'opencode',
  'claude',
  'gemini',
  'custom',
] as const;

/** One coding CLI backend name. */
export type CliBackendName = (typeof cliBackendNames)[number];

/** `call`: the backend bills per request, so prompts ask for everything in one reply. */
export type CliBilling = 'call' | 'token';

/** How to run one backend: one entry of the failover chain, models in preference order. */
export interface CliProfile {
  readonly backend: CliBackendName;
  /** First model to try; undefined = the CLI's own default model. */
  readonly model: string | undefined;
  /** Models tried next with the same backend, in order. */
  readonly fallbackModels: readonly string[];
  /** Flag placed before the model; undefined = the backend's built-in flag. */
  readonly modelFlag: string | undefined;
  /** Replaces the backend's base argv; required for `custom`. */
  readonly command: readonly string[] | undefined;
  readonly billing: CliBilling;
  /** Preferred model for todo/refactor execution. */
  readonly todoModel: string | undefined;
  /** Preferred model for simple review feedback. */
  readonly simpleModel: string | undefined;
}

/** The coding CLI chain both daemons share: the primary backend, then the fallbacks in order. */
export interface CodingCliSettings {
  readonly primary: CliProfile;
  readonly fallbacks: readonly CliProfile[];
  /** Wall-clock limit of one CLI invocation (per candidate). */
  readonly timeoutMs: number;
}

/** Per-daemon defaults of the coding CLI section. */
export interface CodingCliDefaults {
  readonly timeoutSeconds: number;
}

const modelVar = () => stringVar({ pattern: /^\S+$/, expected: 'a model name without spaces' });
const flagVar = () =>
  stringVar({ pattern: /^--?[A-Za-z0-9][A-Za-z0-9-]*$/, expected: 'a flag such as --model' });
const modelListVar = () => csvVar({});

// The CLI_<NAME>_* variables, by suffix. One section per backend reads its own copies.
const backendFields = () => ({
  MODELS: modelListVar(),
  PRIMARY_MODEL: modelVar(),
  FALLBACK_MODELS: modelListVar(),
  MODEL_FLAG: flagVar(),
  COMMAND: commandVar({}),
  BILLING: enumVar(['call', 'token'], {}),
  TODO_MODEL: modelVar(),
  SIMPLE_MODEL: modelVar(),
});

type BackendValues = {
  readonly [K in keyof ReturnType<typeof backendFields>]: z.output<ReturnType<typeof backendFields>[K]>;
};

/** The env name of a per-backend variable, e.g. `cliVariable('codex', 'MODELS')` → `CLI_CODEX_MODELS`. */
export function cliVariable(backend: CliBackendName, suffix: keyof BackendValues): string {
  return `CLI_${backend.toUpperCase()}_${suffix}`;
}

function backendSection(backend: CliBackendName): ConfigSection<BackendValues> {
  const fields = Object.entries(backendFields());
  const shape = Object.fromEntries(
    fields.map(([suffix, field]) => [cliVariable(backend, suffix as keyof BackendValues), field]),
  );
  const bySuffix = (env: Record<string, unknown>) =>
    Object.fromEntries(
      fields.map(([suffix]) => [suffix, env[cliVariable(backend, suffix as keyof BackendValues)]]),
    );
  // The dynamic keys lose their static types; this cast restores them in one place.
  return z.object(shape).transform((env) => bySuffix(env) as BackendValues);
}

const baseSection = (defaults: CodingCliDefaults) =>
  z.object({
    PRIMARY_CLI: enumVar(cliBackendNames, { default: 'copilot', label: 'backend' }),
    FALLBACK_CLIS: enumListVar(cliBackendNames, { label: 'backend' }),
    // Legacy single-name alias of FALLBACK_CLIS, used only when FALLBACK_CLIS is unset.
    FALLBACK_CLI: enumListVar(cliBackendNames, { label: 'backend' }),
    PRIMARY_MODEL: modelVar(),
    PRIMARY_FALLBACK_MODEL: modelListVar(),
    PRIMARY_MODEL_FLAG: flagVar(),
    PRIMARY_CLI_COMMAND: commandVar({}),
    FALLBACK_MODEL: modelVar(),
    FALLBACK_FALLBACK_MODEL: modelListVar(),
    FALLBACK_MODEL_FLAG: flagVar(),
    FALLBACK_CLI_COMMAND: commandVar({}),
    CLI_TIMEOUT: secondsVar({ min: 1, max: 86_400, default: defaults.timeoutSeconds }),
  });

type BaseValues = z.output<ReturnType<typeof baseSection>>;
type SectionValues = { readonly base: BaseValues } & { readonly [B in CliBackendName]: BackendValues };

/** The legacy flat variables that stand in for a profile's own CLI_<NAME>_* values. */
interface LegacyValues {
  readonly model: string | undefined;
  readonly fallbackModels: readonly string[];
  readonly modelFlag: string | undefined;
  readonly command: readonly string[] | undefined;
}

function legacyFor(role: 'primary' | 'fallback', base: BaseValues): LegacyValues {
  return role === 'primary'
    ? {
        model: base.PRIMARY_MODEL,
        fallbackModels: base.PRIMARY_FALLBACK_MODEL,
        modelFlag: base.PRIMARY_MODEL_FLAG,
        command: base.PRIMARY_CLI_COMMAND,
      }
    : {
        model: base.FALLBACK_MODEL,
        fallbackModels: base.FALLBACK_FALLBACK_MODEL,
        modelFlag: base.FALLBACK_MODEL_FLAG,
        command: base.FALLBACK_CLI_COMMAND,
      };
}

/** Builds one profile with the original's precedence: CLI_<NAME>_MODELS, then per-name, then legacy. */
function toProfile(backend: CliBackendName, own: BackendValues, legacy: LegacyValues): CliProfile {
  const [listedModel, ...listedFallbacks] = own.MODELS;
  const fromList = listedModel !== undefined;
  return {
    backend,
    model: fromList ? listedModel : (own.PRIMARY_MODEL ?? legacy.model),
    fallbackModels: fromList
      ? listedFallbacks
      : own.FALLBACK_MODELS.length > 0
        ? own.FALLBACK_MODELS
        : legacy.fallbackModels,
    modelFlag: own.MODEL_FLAG ?? legacy.modelFlag,
    command: own.COMMAND ?? legacy.command,
    billing: own.BILLING ?? (backend === 'copilot' || backend === 'cursor' ? 'call' : 'token'),
    todoModel: own.TODO_MODEL,
    simpleModel: own.SIMPLE_MODEL,
  };
}

function toSettings(values: SectionValues): CodingCliSettings {
  const { base } = values;
  const fallbackNames = base.FALLBACK_CLIS.length > 0 ? base.FALLBACK_CLIS : base.FALLBACK_CLI;
  return {
    primary: toProfile(base.PRIMARY_CLI, values[base.PRIMARY_CLI], legacyFor('primary', base)),
    // A fallback may name the primary backend: the original used that for "same CLI, other model".
    fallbacks: fallbackNames.map((name) => toProfile(name, values[name], legacyFor('fallback', base))),
    timeoutMs: base.CLI_TIMEOUT,
  };
}

function checkProfiles(values: SectionValues, ctx: z.RefinementCtx): void {
  const settings = toSettings(values);
  const fallbackNames = settings.fallbacks.map((profile) => profile.backend);
  const legacyFallbackKeys = [
    'FALLBACK_MODEL',
    'FALLBACK_FALLBACK_MODEL',
    'FALLBACK_MODEL_FLAG',
    'FALLBACK_CLI_COMMAND',
  ] as const;
  if (fallbackNames.length > 1) {
    const isSet = (name: (typeof legacyFallbackKeys)[number]) => (values.base[name]?.length ?? 0) > 0;
    for (const key of legacyFallbackKeys.filter(isSet)) {
      const message = `applies to every fallback backend (${fallbackNames.join(', ')}) — set the CLI_<NAME>_* variables of each backend instead`;
      ctx.addIssue({ code: 'custom', path: [key], message });
    }
  }
  for (const [index, profile] of [settings.primary, ...settings.fallbacks].entries()) {
    if (profile.backend !== 'custom') continue;
    const role = index === 0 ? 'PRIMARY_CLI=custom' : 'FALLBACK_CLIS lists custom';
    if (profile.command === undefined || profile.command.length === 0) {
      const message = `required when ${role} — set the command PatchLoop runs; it gets the prompt on stdin and its path in PATCHLOOP_PROMPT_FILE`;
      ctx.addIssue({ code: 'custom', path: [cliVariable('custom', 'COMMAND')], message });
    }
    const models = [profile.model, ...profile.fallbackModels, profile.todoModel, profile.simpleModel];
    if (profile.modelFlag === undefined && models.some((model) => model !== undefined)) {
      const message =
        'required when a model is set for the custom backend — set the flag your command takes before the model name, e.g. --model';
      ctx.addIssue({ code: 'custom', path: [cliVariable('custom', 'MODEL_FLAG')], message });
    }
  }
}

/**
 * The coding CLI section: PRIMARY_CLI, FALLBACK_CLIS (legacy FALLBACK_CLI), the legacy
 * PRIMARY_* / FALLBACK_* model and command variables, every CLI_<NAME>_* variable and CLI_TIMEOUT.
 */
export function codingCliSettings(defaults: CodingCliDefaults): ConfigSection<CodingCliSettings> {
  const backends = Object.fromEntries(cliBackendNames.map((name) => [name, backendSection(name)]));
  const sections = { base: baseSection(defaults), ...backends } as {
    base: ReturnType<typeof baseSection>;
  } & {
    [B in CliBackendName]: ConfigSection<BackendValues>;
  };
  return composeSections(sections)
    .superRefine((values, ctx) => checkProfiles(values, ctx), {
      when: whenValid(['base', ...cliBackendNames]),
    })
    .transform((values) => toSettings(values));
}
