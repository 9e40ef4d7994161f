import type { Clock, EnvRecord, ProcessRunner } from '@patchloop/core';
import {
  buildAgentEnvironment,
  createExecaProcessRunner,
  createSilentLogger,
  createSystemClock,
} from '@patchloop/core';
import type { Output } from '../../output.js';
import { checkCodingClis } from './check-coding-clis.js';
import type { DoctorDaemon, DoctorTarget } from './check-config.js';
import { checkConfig } from './check-config.js';
import { checkGit } from './check-git.js';
import { checkGitHub } from './check-github.js';
import { checkRepository } from './check-repository.js';
import type { DoctorCheck } from './doctor-report.js';
import { formatDoctorReport, skippedCheck } from './doctor-report.js';

/** What `patchloop doctor` needs from the process; `bin.ts` supplies the real values. */
export interface RunDoctorOptions {
  readonly daemon: DoctorDaemon;
  /** `--env FILE`; undefined means the optional default `./.env`. */
  readonly envFile: string | undefined;
  readonly processEnv: EnvRecord;
  readonly cwd: string;
  readonly homeDir: string;
  readonly output: Output;
}

/**
 * `patchloop doctor`: checks the configuration, the GitHub tokens, git, the local clone and every
 * configured coding CLI, prints one line per check, the masked configuration and a summary.
 * Returns 0 when every check passed, 1 otherwise.
 */
export async function runDoctor(options: RunDoctorOptions): Promise<number> {
  const clock = createSystemClock();
  const runner = createExecaProcessRunner({ clock });
  const { check: configCheck, target } = checkConfig(options);
  // Children get the coding CLI's secret-free environment; git must never stop to ask for a password.
  const childEnv = buildAgentEnvironment(target?.env ?? options.processEnv);
  const gitEnv = { ...childEnv, GIT_TERMINAL_PROMPT: '0' };

  const [gitCheck, dependentChecks] = await Promise.all([
    checkGit({ runner, env: gitEnv, cwd: options.cwd }),
    target === undefined
      ? Promise.resolve(skippedChecks(options.daemon))
      : runDependentChecks(target, { runner, clock, childEnv, gitEnv, cwd: options.cwd }),
  ]);
  const checks = [configCheck, gitCheck, ...dependentChecks];
  for (const line of formatDoctorReport(checks, target?.description)) options.output.out(line);
  return checks.every((check) => check.ok) ? 0 : 1;
}

interface DependentDeps {
  readonly runner: ProcessRunner;
  readonly clock: Clock;
  readonly childEnv: Record<string, string>;
  readonly gitEnv: Record<string, string>;
  readonly cwd: string;
}

/** The checks that need a loaded configuration; they run side by side. */
async function runDependentChecks(target: DoctorTarget, deps: DependentDeps): Promise<DoctorCheck[]> {
  const groups = await Promise.all([
    checkGitHub({
      daemon: target.daemon,
      github: target.github,
      dryRun: target.dryRun,
      clock: deps.clock,
      logger: createSilentLogger(),
    }),
    checkRepository({
      runner: deps.runner,
      env: deps.gitEnv,
      path: target.localRepo.path,
      remote: target.remote,
      remoteSetting: target.daemon === 'code' ? 'EXECUTION_PUSH_REMOTE' : undefined,
      defaultBranch: target.localRepo.defaultBranch,
      repo: target.github.repo,
    }),
    checkCodingClis({ cli: target.cli, runner: deps.runner, env: deps.childEnv, cwd: deps.cwd }),
  ]);
  return groups.flat();
}

/** Without a configuration only git can be checked; the rest is reported as skipped. */
function skippedChecks(daemon: DoctorDaemon): DoctorCheck[] {
  const reason = 'the configuration did not load';
  return [
    skippedCheck('GitHub token', reason),
    ...(daemon === 'code' ? [skippedCheck('GitHub write token', reason)] : []),
    skippedCheck('Local repository', reason),
    skippedCheck('Coding CLIs', reason),
  ];
}
