import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError, GitError } from '../errors/app-error.js';
import type { Logger } from '../logging/create-logger.js';
import type { ChangedFile } from './changed-files.js';
import { parseChangedFiles } from './changed-files.js';
import type { GitRunner } from './create-git.js';
import type { ProtectedBranchRules, PushForce } from './push-guard.js';
import { checkPush } from './push-guard.js';

/** The name and email git records for PatchLoop's commits. */
export interface GitIdentity {
  readonly name: string;
  readonly email: string;
}

/** The whole change of a worktree against a base commit. */
export interface WorktreeDiff {
  readonly files: ChangedFile[];
  /** Unified diff text (binary files appear as "Binary files differ"), for secret scanning. */
  readonly patch: string;
}

/** Result of {@link WorktreeOperations.commitAll}. */
export type CommitResult =
  | { readonly kind: 'committed'; readonly sha: string }
  | { readonly kind: 'nothing_to_commit'; readonly sha: string };

/** Result of {@link WorktreeOperations.rebaseOnto}; conflicts are an outcome, not an exception. */
export type RebaseResult =
  | { readonly kind: 'up_to_date'; readonly headSha: string }
  | { readonly kind: 'rebased'; readonly headSha: string }
  | { readonly kind: 'conflict'; readonly files: string[] };

/** The git steps the pipeline runs inside one worktree. */
export interface WorktreeOperations {
  /** Every path changed against `base` (a sha or ref): commits, staged, unstaged and untracked. */
  changedFiles(base: string): Promise<ChangedFile[]>;
  /** Like `changedFiles`, plus the unified diff text. */
  diffAgainst(baseSha: string): Promise<WorktreeDiff>;
  /** Stages everything and commits (hooks off; identity per command, never via `git config`). */
  commitAll(input: { readonly message: string; readonly author?: GitIdentity }): Promise<CommitResult>;
  headSha(): Promise<string>;
  /** Fetches `<remote>/<baseBranch>` and rebases onto it; a conflict aborts the rebase. */
  rebaseOnto(baseBranch: string): Promise<RebaseResult>;
  /**
   * Like `rebaseOnto`, but each conflicted step is handed to `resolve` (which edits the files in
   * the worktree, e.g. a coding CLI); the step continues once no conflict marker is left. A failed
   * or incomplete resolution aborts the whole rebase and reports the conflict.
   */
  rebaseResolvingConflicts(
    baseBranch: string,
    resolve: (conflictedFiles: readonly string[]) => Promise<boolean>,
  ): Promise<RebaseResult>;
  /** Pushes HEAD to `branch` after the push guard approved it; throws PUSH_REFUSED otherwise. */
  push(input: { readonly branch: string; readonly force?: PushForce }): Promise<{ readonly sha: string }>;
}

/** Dependencies of {@link createWorktreeOperations}. */
export interface CreateWorktreeOperationsOptions {
  /** A runner whose base directory is the worktree. */
  readonly git: GitRunner;
  readonly remote: string;
  readonly identity: GitIdentity;
  readonly pushRules: ProtectedBranchRules;
  readonly logger: Logger;
}

/**
 * Diffs never run external diff drivers or textconv filters the agent could have configured, and
 * always use `a/`/`b/` prefixes whatever `diff.noprefix` says, so patch parsers see stable paths.
 */
const safeDiffFlags = [
  '--no-ext-diff',
  '--no-textconv',
  '--no-renames',
  '--no-color',
  '--src-prefix=a/',
  '--dst-prefix=b/',
];

/** Creates the worktree-level git operations over `git`. */
export function createWorktreeOperations(options: CreateWorktreeOperationsOptions): WorktreeOperations {
  const { git, remote, identity } = options;
  /**
   * Identity through GIT_AUTHOR_ and GIT_COMMITTER_ variables for this one command: they beat
   * any inherited ones and `user.*` config, and nothing is written to the shared repo config.
   */
  const identityEnv = (author: GitIdentity = identity): Record<string, string> => ({
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_COMMITTER_NAME: identity.name,
    GIT_COMMITTER_EMAIL: identity.email,
  });

  const gitPath = async (name: string): Promise<string> => {
    const out = (await git.run(['rev-parse', '--git-path', name])).trim();
    return path.resolve(git.baseDir, out);
  };

  /**
   * Stages the whole worktree into a scratch copy of the index and runs `fn` with that
   * index: the comparison then sees untracked and unstaged files too, while the real index
   * (and so the agent's view) stays untouched.
   */
  const withScratchIndex = async <T>(fn: (env: Record<string, string>) => Promise<T>): Promise<T> => {
    const index = await gitPath('index');
    const scratch = `${index}.patchloop-${randomUUID()}`;
    try {
      if (fs.existsSync(index)) {
        fs.copyFileSync(index, scratch);
        // Keep the index's mtime: git treats entries modified in the same second as the index
        // as "racily clean" and re-reads them; a fresh mtime would hide same-size edits.
        const { atime, mtime } = fs.statSync(index);
        fs.utimesSync(scratch, atime, mtime);
      }
      const env = { GIT_INDEX_FILE: scratch };
      await git.run(['add', '--all', '--', '.'], { env });
      return await fn(env);
    } finally {
      fs.rmSync(scratch, { force: true });
    }
  };

  const listChanges = async (base: string, env: Record<string, string>): Promise<ChangedFile[]> => {
    const raw = await git.run(['diff', '--cached', '--raw', '-z', ...safeDiffFlags, base, '--'], { env });
    const numstat = await git.run(['diff', '--cached', '--numstat', '-z', ...safeDiffFlags, base, '--'], {
      env,
    });
    return parseChangedFiles(raw, numstat);
  };

  const headSha = async (): Promise<string> => (await git.run(['rev-parse', 'HEAD'])).trim();

  const rebaseOnto = async (baseBranch: string): Promise<RebaseResult> => {
    const onto = `refs/remotes/${remote}/${baseBranch}`;
    await git.run(['fetch', '--no-tags', remote, `+refs/heads/${baseBranch}:${onto}`]);
    const ontoSha = (await git.run(['rev-parse', `${onto}^{commit}`])).trim();
    const mergeBase = await git.tryRun(['merge-base', 'HEAD', ontoSha]);
    if (mergeBase.ok && mergeBase.stdout.trim() === ontoSha)
      return { kind: 'up_to_date', headSha: await headSha() };

    const rebase = await git.tryRun(['rebase', '--no-autosquash', ontoSha], { env: identityEnv() });
    if (rebase.ok) return { kind: 'rebased', headSha: await headSha() };

    const conflicted = await git.run(['diff', '--name-only', '--diff-filter=U', '-z']);
    const files = conflicted.split('\0').filter((file) => file !== '');
    const abort = await git.tryRun(['rebase', '--abort']);
    if (!abort.ok) options.logger.warn({ stderr: abort.stderr }, 'git rebase --abort failed');
    if (files.length > 0) return { kind: 'conflict', files };
    // Not a conflict (dirty tree, missing identity...): report git's reason instead of guessing.
    throw new GitError(
      `git rebase onto ${remote}/${baseBranch} failed: ${rebase.stderr.trim() || rebase.stdout.trim()}`,
    );
  };

  const conflictedFiles = async (): Promise<string[]> =>
    (await git.run(['diff', '--name-only', '--diff-filter=U', '-z']))
      .split('\0')
      .filter((file) => file !== '');

  const rebaseResolvingConflicts = async (
    baseBranch: string,
    resolve: (files: readonly string[]) => Promise<boolean>,
  ): Promise<RebaseResult> => {
    const first = await rebaseOnto(baseBranch);
    if (first.kind !== 'conflict') return first;
    const onto = (await git.run(['rev-parse', `refs/remotes/${remote}/${baseBranch}^{commit}`])).trim();
    let step = await git.tryRun(['rebase', '--no-autosquash', onto], { env: identityEnv() });
    for (let round = 0; !step.ok && round < maxRebaseRounds; round += 1) {
      const files = await conflictedFiles();
      const resolved = files.length > 0 && (await resolve(files)) && !(await hasConflictMarkers(git, files));
      if (!resolved) {
        await git.tryRun(['rebase', '--abort']);
        return { kind: 'conflict', files };
      }
      await git.run(['add', '--all', '--', '.']);
      step = await git.tryRun(['-c', 'core.editor=true', 'rebase', '--continue'], { env: identityEnv() });
    }
    if (!step.ok) {
      const files = await conflictedFiles();
      await git.tryRun(['rebase', '--abort']);
      return { kind: 'conflict', files };
    }
    return { kind: 'rebased', headSha: await headSha() };
  };

  return {
    rebaseResolvingConflicts,
    changedFiles: (base) => withScratchIndex((env) => listChanges(base, env)),
    diffAgainst: (baseSha) =>
      withScratchIndex(async (env) => ({
        files: await listChanges(baseSha, env),
        patch: await git.run(['diff', '--cached', ...safeDiffFlags, baseSha, '--'], { env }),
      })),
    commitAll: async ({ message, author }) => {
      await git.run(['add', '--all', '--', '.']);
      const staged = await git.tryRun(['diff', '--cached', '--quiet']);
      if (staged.ok) return { kind: 'nothing_to_commit', sha: await headSha() };
      // The message goes through a file so that no content (leading dashes, newlines) is parsed as an option.
      const messageFile = await gitPath(`PATCHLOOP_COMMIT_MSG-${randomUUID()}`);
      fs.writeFileSync(messageFile, message);
      try {
        await git.run(['commit', '--quiet', '--no-verify', '--file', messageFile], {
          env: identityEnv(author),
        });
      } finally {
        fs.rmSync(messageFile, { force: true });
      }
      return { kind: 'committed', sha: await headSha() };
    },
    headSha,
    rebaseOnto,
    push: async ({ branch, force }) => {
      const check = checkPush({
        ...options.pushRules,
        branch,
        remote,
        ...(force === undefined ? {} : { force }),
      });
      if (!check.ok) throw new AppError('PUSH_REFUSED', `Refused to push to "${branch}": ${check.reason}.`);
      const leaseArgs = force === 'with-lease' ? [await leaseArgument(git, remote, check.branch)] : [];
      await git.run(['push', '--no-verify', ...leaseArgs, remote, check.refspec]);
      const sha = await headSha();
      options.logger.info({ branch: check.branch, sha, force: force ?? 'none' }, 'Pushed branch');
      return { sha };
    },
  };
}

const maxRebaseRounds = 20;

/** Whether any of `files` still holds a conflict marker line. */
async function hasConflictMarkers(git: GitRunner, files: readonly string[]): Promise<boolean> {
  for (const file of files) {
    const absolute = path.join(git.baseDir, file);
    if (!fs.existsSync(absolute)) continue;
    if (/^(<{7}|={7}|>{7})( |$)/m.test(fs.readFileSync(absolute, 'utf8'))) return true;
  }
  return false;
}

/**
 * `--force-with-lease=refs/heads/<b>:<expected>` with the sha we last fetched, or an empty
 * expectation (the branch must not exist) when we never saw it: an explicit lease, so a
 * background fetch cannot silently move the expectation.
 */
async function leaseArgument(git: GitRunner, remote: string, branch: string): Promise<string> {
  const tracking = await git.tryRun([
    'rev-parse',
    '--verify',
    '--quiet',
    `refs/remotes/${remote}/${branch}^{commit}`,
  ]);
  const expected = tracking.ok ? tracking.stdout.trim() : '';
  return `--force-with-lease=refs/heads/${branch}:${expected}`;
}
