import type { ProcessRunner } from '@patchloop/core';
import type { DoctorCheck } from './doctor-report.js';

/** A git version as `git --version` prints it. */
export interface GitVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

/** The oldest git PatchLoop supports: worktree and ref handling it relies on settled by 2.30. */
export const minimumGitVersion: GitVersion = { major: 2, minor: 30, patch: 0 };

/** Reads `git version 2.39.5` (also `2.39.5.windows.1`, `2.39.GIT`) into numbers; undefined when unrecognised. */
export function parseGitVersion(text: string): GitVersion | undefined {
  const match = /git version (\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  if (match === null) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3] ?? 0) };
}

/** True when `version` is `minimum` or newer. */
export function isGitVersionAtLeast(version: GitVersion, minimum: GitVersion): boolean {
  if (version.major !== minimum.major) return version.major > minimum.major;
  if (version.minor !== minimum.minor) return version.minor > minimum.minor;
  return version.patch >= minimum.patch;
}

/** What the git check needs: the runner and the environment git runs with. */
export interface CheckGitInput {
  readonly runner: ProcessRunner;
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
}

const name = 'Git';
const wanted = `${minimumGitVersion.major}.${minimumGitVersion.minor}`;
const installFix = `install git ${wanted} or newer and make sure it is on PATH`;

/** Runs `git --version` and checks it is at least {@link minimumGitVersion}. */
export async function checkGit(input: CheckGitInput): Promise<DoctorCheck> {
  const result = await input.runner.run({
    command: 'git',
    args: ['--version'],
    cwd: input.cwd,
    env: input.env,
    timeoutMs: 10_000,
  });
  if (result.kind === 'not_found') return { name, ok: false, detail: 'git is not on PATH', fix: installFix };
  if (result.kind !== 'exited' || result.exitCode !== 0) {
    const why = result.kind === 'exited' ? `exited with ${result.exitCode}` : result.kind.replace('_', ' ');
    return { name, ok: false, detail: `git --version ${why}`, fix: installFix };
  }
  const text = result.stdout.trim();
  const version = parseGitVersion(text);
  if (version === undefined)
    return { name, ok: false, detail: `unrecognised answer "${text}"`, fix: installFix };
  if (!isGitVersionAtLeast(version, minimumGitVersion)) {
    return { name, ok: false, detail: `${text} is older than ${wanted}`, fix: installFix };
  }
  return { name, ok: true, detail: text };
}
