import { loadAutocodeConfig, startAutocode } from '@patchloop/autocode';
import type { DestinationStream, EnvRecord, Logger } from '@patchloop/core';
import { AppError, createLogger, mergeEnv, readEnvFile } from '@patchloop/core';
import { loadOpenReviewConfig, startOpenReview } from '@patchloop/openreview';
import type { Output } from '../output.js';
import type { DaemonCommand } from '../parse-command-line.js';

/** What running a daemon needs from the process; `bin.ts` supplies the real values. */
export interface RunDaemonOptions {
  readonly command: DaemonCommand;
  /** `--env FILE`; undefined means the optional default `./.env`. */
  readonly envFile: string | undefined;
  readonly processEnv: EnvRecord;
  readonly cwd: string;
  readonly homeDir: string;
  readonly output: Output;
  /** Resolves when the daemon should stop (SIGINT/SIGTERM in production). */
  readonly untilShutdown: () => Promise<string>;
  /** Log destination; stdout when omitted. */
  readonly logDestination?: DestinationStream;
}

/** A daemon as the command sees it: start from env, stop on shutdown. */
interface Startable {
  start(
    env: EnvRecord,
    context: { baseDir: string; homeDir: string },
    logger: (level: string) => Logger,
  ): Promise<{
    url: string;
    stop(): Promise<void>;
  }>;
}

const daemons: Record<DaemonCommand, Startable> = {
  review: {
    start: async (env, context, makeLogger) => {
      const config = loadOpenReviewConfig(env, context);
      return startOpenReview({ config, logger: makeLogger(config.logLevel), parentEnv: env });
    },
  },
  code: {
    start: async (env, context, makeLogger) => {
      const config = loadAutocodeConfig(env, context);
      return startAutocode({ config, logger: makeLogger(config.logLevel), parentEnv: env });
    },
  },
};

/**
 * `patchloop review` / `patchloop code`: reads the env file under the real environment, validates
 * the whole config before touching disk or network, starts the daemon and stops it on shutdown.
 * Returns the process exit code: 0 after a clean stop, 1 when configuration or startup fails.
 */
export async function runDaemon(options: RunDaemonOptions): Promise<number> {
  let running: { url: string; stop(): Promise<void> };
  try {
    const file = readEnvFile({
      path: options.envFile ?? '.env',
      cwd: options.cwd,
      required: options.envFile !== undefined,
    });
    const env = mergeEnv({ fileEnv: file.values, processEnv: options.processEnv });
    const name = options.command === 'review' ? 'openreview' : 'autocode';
    running = await daemons[options.command].start(
      env,
      { baseDir: file.baseDir, homeDir: options.homeDir },
      (level) =>
        createLogger({
          level,
          name,
          ...(options.logDestination ? { destination: options.logDestination } : {}),
        }),
    );
  } catch (error) {
    options.output.err(startupFailureMessage(error));
    return 1;
  }

  options.output.out(`patchloop ${options.command}: listening on ${running.url}`);
  const signal = await options.untilShutdown();
  options.output.out(`patchloop ${options.command}: ${signal} received, stopping`);
  await running.stop();
  return 0;
}

/** Configuration and store errors are the operator's to fix: print their message, not a stack. */
function startupFailureMessage(error: unknown): string {
  if (error instanceof AppError) return error.message;
  if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
    return `${error.message}: another process uses that port; set SERVER_PORT to a free one.`;
  }
  return `Startup failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}
