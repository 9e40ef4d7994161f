import { createRequire } from 'node:module';
import type { EnvRecord } from '@patchloop/core';
import type { Output } from './output.js';
import { helpText, parseCommandLine } from './parse-command-line.js';

/** The process facts the command needs, passed in so tests can run it in-process. */
export interface CliContext {
  readonly argv: readonly string[];
  readonly env: EnvRecord;
  readonly cwd: string;
  readonly homeDir: string;
  readonly output: Output;
  readonly untilShutdown: () => Promise<string>;
}

/** Exit code for usage errors (unknown command or bad flag), as is conventional for CLIs. */
export const usageErrorExitCode = 2;

/** Runs `patchloop` and returns its exit code. */
export async function runCli(context: CliContext): Promise<number> {
  const parsed = parseCommandLine(context.argv);
  switch (parsed.kind) {
    case 'help':
      context.output.out(helpText(parsed.topic));
      return 0;
    case 'version':
      context.output.out(cliVersion());
      return 0;
    case 'usage_error':
      context.output.err(`patchloop: ${parsed.message}`);
      context.output.err('Run "patchloop --help" for usage.');
      return usageErrorExitCode;
    case 'daemon': {
      // Loaded on demand so `--help` and usage errors answer without loading the daemons.
      const { runDaemon } = await import('./commands/run-daemon.js');
      return runDaemon({
        command: parsed.command,
        envFile: parsed.envFile,
        processEnv: context.env,
        cwd: context.cwd,
        homeDir: context.homeDir,
        output: context.output,
        untilShutdown: context.untilShutdown,
      });
    }
    case 'demo': {
      const { runDemo } = await import('./commands/demo/run-demo.js');
      return runDemo({
        keep: parsed.keep,
        output: context.output,
        processEnv: context.env,
        untilShutdown: context.untilShutdown,
      });
    }
    case 'doctor': {
      const { runDoctor } = await import('./commands/doctor/run-doctor.js');
      return runDoctor({ ...processFacts(context), daemon: parsed.daemon, envFile: parsed.envFile });
    }
    case 'tasks': {
      const { runTasksCommand } = await import('./commands/tasks/run-tasks-command.js');
      return runTasksCommand({
        ...processFacts(context),
        action: parsed.action,
        daemon: parsed.daemon,
        envFile: parsed.envFile,
        json: parsed.json,
        ...(parsed.taskId === undefined ? {} : { taskId: parsed.taskId }),
        ...(parsed.status === undefined ? {} : { status: parsed.status }),
      });
    }
    case 'state': {
      const { runStateCommand } = await import('./commands/state/run-state-command.js');
      return runStateCommand({
        ...processFacts(context),
        action: parsed.action,
        daemon: parsed.daemon,
        envFile: parsed.envFile,
        file: parsed.file,
        yes: parsed.yes,
      });
    }
    default: {
      const unreachable: never = parsed;
      return unreachable;
    }
  }
}

/** The process facts every admin command reads. */
function processFacts(context: CliContext) {
  return { processEnv: context.env, cwd: context.cwd, homeDir: context.homeDir, output: context.output };
}

/** The version of the installed `@patchloop/cli` package. */
export function cliVersion(): string {
  return (createRequire(import.meta.url)('../package.json') as { version: string }).version;
}
