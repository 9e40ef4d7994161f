import { loadAutocodeConfig } from '@patchloop/autocode';
import type {
  CodingCliSettings,
  ConfigDescriptionObject,
  EnvRecord,
  GitHubSettings,
  LocalRepoSettings,
} from '@patchloop/core';
import { AppError, describeConfig, mergeEnv, readEnvFile } from '@patchloop/core';
import { loadOpenReviewConfig } from '@patchloop/openreview';
import type { DoctorCheck } from './doctor-report.js';

/** The daemon whose configuration doctor checks. */
export type DoctorDaemon = 'review' | 'code';

/** What the other checks need from a loaded configuration, the same for both daemons. */
export interface DoctorTarget {
  readonly daemon: DoctorDaemon;
  /** The merged environment (env file under the real one); secrets included, never printed. */
  readonly env: EnvRecord;
  readonly github: GitHubSettings;
  readonly dryRun: boolean;
  readonly localRepo: LocalRepoSettings;
  /** The remote the daemon fetches from and pushes to: EXECUTION_PUSH_REMOTE for code, `origin` for review. */
  readonly remote: string;
  readonly cli: CodingCliSettings;
  /** The configuration with secrets masked, for printing. */
  readonly description: ConfigDescriptionObject;
}

/** Where the configuration comes from; the same inputs `patchloop review|code` read. */
export interface CheckConfigInput {
  readonly daemon: DoctorDaemon;
  readonly envFile: string | undefined;
  readonly processEnv: EnvRecord;
  readonly cwd: string;
  readonly homeDir: string;
}

/** The config check, plus the loaded target when it passed. */
export interface CheckConfigResult {
  readonly check: DoctorCheck;
  readonly target: DoctorTarget | undefined;
}

/**
 * Loads the daemon's configuration exactly as the daemon would. A bad configuration is one
 * failed check whose detail is the ConfigError listing every bad key.
 */
export function checkConfig(input: CheckConfigInput): CheckConfigResult {
  const name = 'Configuration';
  const source = input.envFile ?? '.env';
  try {
    const file = readEnvFile({ path: source, cwd: input.cwd, required: input.envFile !== undefined });
    const env = mergeEnv({ fileEnv: file.values, processEnv: input.processEnv });
    const context = { baseDir: file.baseDir, homeDir: input.homeDir };
    const target = input.daemon === 'code' ? codeTarget(env, context) : reviewTarget(env, context);
    const origin = file.found ? file.path : 'the environment (no env file found)';
    return {
      check: { name, ok: true, detail: `${input.daemon} configuration from ${origin} is valid` },
      target,
    };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return {
      check: {
        name,
        ok: false,
        detail: error.message,
        fix: `correct the keys listed above in ${source} or in the environment, then run doctor again`,
      },
      target: undefined,
    };
  }
}

function codeTarget(env: EnvRecord, context: { baseDir: string; homeDir: string }): DoctorTarget {
  const config = loadAutocodeConfig(env, context);
  return {
    daemon: 'code',
    env,
    github: config.github,
    dryRun: config.dryRun,
    localRepo: config.localRepo,
    remote: config.execution.pushRemote,
    cli: config.cli,
    description: describeConfig(config),
  };
}

function reviewTarget(env: EnvRecord, context: { baseDir: string; homeDir: string }): DoctorTarget {
  const config = loadOpenReviewConfig(env, context);
  return {
    daemon: 'review',
    env,
    github: config.github,
    dryRun: config.dryRun,
    localRepo: config.localRepo,
    remote: 'origin',
    cli: config.cli,
    description: describeConfig(config),
  };
}
