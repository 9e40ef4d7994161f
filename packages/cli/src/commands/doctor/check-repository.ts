import { realpath, stat } from 'node:fs/promises';
import type { GitHubRepo, ProcessResult, ProcessRunner } from '@patchloop/core';
import type { DoctorCheck } from './doctor-report.js';
import { skippedCheck } from './doctor-report.js';

/** What the local repository checks need. */
export interface CheckRepositoryInput {
  readonly runner: ProcessRunner;
  /** Environment for git: no secrets, prompts off. */
  readonly env: Readonly<Record<string, string>>;
  /** LOCAL_REPO_PATH, absolute. */
  readonly path: string;
  readonly remote: string;
  /** The variable that names the remote, for the fix text. */
  readonly remoteSetting: string | undefined;
  readonly defaultBranch: string;
  readonly repo: GitHubRepo;
}

const repositoryCheck = 'Local repository';
const remoteCheck = 'Git remote';
const branchCheck = 'Default branch';

/**
 * Checks LOCAL_REPO_PATH: a directory at the root of a git work tree, with the daemon's remote,
 * on which the default branch exists (fetched as `refs/remotes/<remote>/<branch>` or listed by the remote).
 */
export async function checkRepository(input: CheckRepositoryInput): Promise<DoctorCheck[]> {
  const repository = await checkWorkTree(input);
  if (!repository.ok) {
    return [
      repository,
      skippedCheck(remoteCheck, 'LOCAL_REPO_PATH is not a usable clone'),
      skippedCheck(branchCheck, 'LOCAL_REPO_PATH is not a usable clone'),
    ];
  }
  const remote = await checkRemote(input);
  if (!remote.ok) return [repository, remote, skippedCheck(branchCheck, `remote ${input.remote} is missing`)];
  return [repository, remote, await checkDefaultBranch(input)];
}

async function git(input: CheckRepositoryInput, args: string[], timeoutMs = 10_000): Promise<ProcessResult> {
  return input.runner.run({ command: 'git', args, cwd: input.path, env: input.env, timeoutMs });
}

function succeeded(result: ProcessResult): result is Extract<ProcessResult, { kind: 'exited' }> {
  return result.kind === 'exited' && result.exitCode === 0;
}

async function checkWorkTree(input: CheckRepositoryInput): Promise<DoctorCheck> {
  const cloneFix = `clone ${input.repo.fullName} there (git clone <url> ${input.path}) or set LOCAL_REPO_PATH to your clone`;
  const info = await stat(input.path).catch(() => undefined);
  if (info === undefined) {
    return { name: repositoryCheck, ok: false, detail: `${input.path} does not exist`, fix: cloneFix };
  }
  if (!info.isDirectory()) {
    return { name: repositoryCheck, ok: false, detail: `${input.path} is not a directory`, fix: cloneFix };
  }
  const result = await git(input, ['rev-parse', '--show-toplevel']);
  if (!succeeded(result)) {
    return {
      name: repositoryCheck,
      ok: false,
      detail: `${input.path} is not a git work tree`,
      fix: cloneFix,
    };
  }
  // A directory nested in some other work tree passes rev-parse; the clone's root is what counts.
  const top = await realpath(result.stdout.trim()).catch(() => result.stdout.trim());
  const own = await realpath(input.path);
  if (top !== own) {
    return {
      name: repositoryCheck,
      ok: false,
      detail: `${input.path} lies inside the work tree ${top} instead of being a clone's root`,
      fix: cloneFix,
    };
  }
  return { name: repositoryCheck, ok: true, detail: `${input.path} is a git work tree` };
}

async function checkRemote(input: CheckRepositoryInput): Promise<DoctorCheck> {
  const result = await git(input, ['remote', 'get-url', input.remote]);
  if (succeeded(result)) {
    return { name: remoteCheck, ok: true, detail: `${input.remote} → ${result.stdout.trim()}` };
  }
  const alternative =
    input.remoteSetting === undefined ? '' : `, or set ${input.remoteSetting} to an existing remote`;
  return {
    name: remoteCheck,
    ok: false,
    detail: `${input.path} has no remote named ${input.remote}`,
    fix: `git -C ${input.path} remote add ${input.remote} <url of ${input.repo.fullName}>${alternative}`,
  };
}

async function checkDefaultBranch(input: CheckRepositoryInput): Promise<DoctorCheck> {
  const ref = `refs/remotes/${input.remote}/${input.defaultBranch}`;
  if (succeeded(await git(input, ['show-ref', '--verify', '--quiet', ref]))) {
    return { name: branchCheck, ok: true, detail: `${input.defaultBranch} found as ${ref}` };
  }
  const listed = await git(input, ['ls-remote', '--heads', input.remote, input.defaultBranch], 30_000);
  const head = `refs/heads/${input.defaultBranch}`;
  if (succeeded(listed) && listed.stdout.split('\n').some((line) => line.trim().endsWith(`\t${head}`))) {
    return {
      name: branchCheck,
      ok: true,
      detail: `${input.defaultBranch} exists on ${input.remote} (not fetched yet; git fetch ${input.remote} will fetch it)`,
    };
  }
  return {
    name: branchCheck,
    ok: false,
    detail: `${input.defaultBranch} is neither ${ref} nor a branch of ${input.remote}`,
    fix: `set LOCAL_REPO_DEFAULT_BRANCH to the default branch of ${input.repo.fullName}, or run git -C ${input.path} fetch ${input.remote}`,
  };
}
