import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A commit as read from git. Dates are ISO-8601 strings as git prints them. */
export interface GitCommit {
  readonly sha: string;
  readonly tree: string;
  readonly parents: readonly string[];
  readonly authorName: string;
  readonly authorEmail: string;
  readonly authorDate: string;
  readonly committerName: string;
  readonly committerEmail: string;
  readonly committerDate: string;
  readonly message: string;
}

/** One changed file between two commits, in GitHub's vocabulary. */
export interface GitFileChange {
  readonly filename: string;
  readonly previousFilename: string | undefined;
  readonly status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed';
  readonly additions: number;
  readonly deletions: number;
  readonly blobSha: string;
  readonly patch: string | undefined;
}

/** Size of a pull request's change, as GitHub counts it. */
export interface ChangeStats {
  readonly commits: number;
  readonly additions: number;
  readonly deletions: number;
  readonly changedFiles: number;
}

/**
 * Read-only git queries against the bare repository that backs the fake's pull requests.
 * The small reads are synchronous so the model's getters stay synchronous; they take milliseconds.
 */
export interface BareRepositoryReader {
  readonly path: string;
  /** The commit SHA of a branch name or SHA, or undefined when it does not exist. */
  resolveSync(ref: string): string | undefined;
  /** Every branch and its head SHA, in one git call. */
  branchHeadsSync(): Map<string, string>;
  /** Commits and line counts of `head` since it forked from `base`. */
  statsSync(baseSha: string, headSha: string): ChangeStats;
  /** Whether `head` merges into `base` without conflicts (`git merge-tree`). */
  canMergeSync(baseSha: string, headSha: string): boolean;
  mergeBase(a: string, b: string): Promise<string | undefined>;
  /** Commits reachable from `to` but not from `from`, oldest first. */
  commits(from: string, to: string): Promise<GitCommit[]>;
  commit(sha: string): Promise<GitCommit | undefined>;
  /** Files changed on `head` since it forked from `base` (GitHub's three-dot diff). */
  changedFiles(base: string, head: string): Promise<GitFileChange[]>;
}

const fieldSeparator = '\u001f';
const recordSeparator = '\u001e';
const commitFormat = ['%H', '%T', '%P', '%an', '%ae', '%aI', '%cn', '%ce', '%cI', '%B'].join('%x1f');
// Pin output-affecting settings so a developer's git config cannot change what the fake serves.
const baseArgs = ['-c', 'core.quotePath=false', '-c', 'diff.noprefix=false', '-c', 'log.showSignature=false'];

/** Opens the bare repository at `path` (nothing is checked until the first query). */
export function openBareRepository(path: string): BareRepositoryReader {
  const git = async (args: readonly string[]): Promise<string> => {
    const { stdout } = await run('git', [...baseArgs, '-C', path, ...args], { maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  };
  const gitOrUndefined = async (args: readonly string[]): Promise<string | undefined> => {
    try {
      return await git(args);
    } catch {
      return undefined;
    }
  };
  const gitSync = (args: readonly string[]): string | undefined => {
    try {
      return execFileSync('git', [...baseArgs, '-C', path, ...args], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch {
      return undefined;
    }
  };

  const commits = async (range: readonly string[]): Promise<GitCommit[]> => {
    const out = await git(['log', '--reverse', `--format=${commitFormat}%x1e`, ...range, '--']);
    return out
      .split(recordSeparator)
      .map((chunk) => chunk.replace(/^\n/, ''))
      .filter((chunk) => chunk.length > 0)
      .map(parseCommit);
  };

  return {
    path,
    resolveSync: (ref) =>
      gitSync(['rev-parse', '--verify', '--quiet', `${qualify(ref)}^{commit}`])?.trim() || undefined,
    branchHeadsSync: () => {
      const out = gitSync(['for-each-ref', '--format=%(refname:strip=2) %(objectname)', 'refs/heads']) ?? '';
      const heads = new Map<string, string>();
      for (const line of out.split('\n')) {
        const space = line.lastIndexOf(' ');
        if (space > 0) heads.set(line.slice(0, space), line.slice(space + 1));
      }
      return heads;
    },
    statsSync: (baseSha, headSha) => {
      const count = gitSync(['rev-list', '--count', `${baseSha}..${headSha}`]) ?? '0';
      const numstat =
        gitSync(['diff', '--numstat', '--no-color', '--no-ext-diff', `${baseSha}...${headSha}`]) ?? '';
      const lines = numstat.split('\n').filter((line) => line.length > 0);
      const sum = (column: number): number =>
        lines.reduce((total, line) => total + (Number.parseInt(line.split('\t')[column] ?? '', 10) || 0), 0);
      return {
        commits: Number.parseInt(count, 10) || 0,
        additions: sum(0),
        deletions: sum(1),
        changedFiles: lines.length,
      };
    },
    canMergeSync: (baseSha, headSha) =>
      gitSync(['merge-tree', '--write-tree', '--no-messages', baseSha, headSha]) !== undefined,
    mergeBase: async (a, b) => (await gitOrUndefined(['merge-base', a, b]))?.trim() || undefined,
    commits: (from, to) => commits([`${from}..${to}`]),
    commit: async (sha) => (await commits(['-1', '--no-walk', sha]).catch(() => []))[0],
    changedFiles: async (base, head) => {
      const forkPoint = (await gitOrUndefined(['merge-base', base, head]))?.trim() || base;
      const range = [forkPoint, head];
      const diffArgs = ['diff', '-M', '--no-color', '--no-ext-diff', '--no-textconv'];
      const [raw, numstat, patch] = await Promise.all([
        git([...diffArgs, '--raw', '-z', '--no-abbrev', ...range]),
        git([...diffArgs, '--numstat', '-z', ...range]),
        git([...diffArgs, ...range]),
      ]);
      return combineDiff(raw, numstat, patch);
    },
  };
}

function qualify(ref: string): string {
  return /^[0-9a-f]{40}$/.test(ref) ? ref : `refs/heads/${ref}`;
}

function parseCommit(chunk: string): GitCommit {
  const [
    sha,
    tree,
    parents,
    authorName,
    authorEmail,
    authorDate,
    committerName,
    committerEmail,
    committerDate,
  ] = chunk.split(fieldSeparator);
  const message = chunk.split(fieldSeparator).slice(9).join(fieldSeparator).replace(/\n+$/, '');
  return {
    sha: sha ?? '',
    tree: tree ?? '',
    parents: (parents ?? '').split(' ').filter((p) => p.length > 0),
    authorName: authorName ?? '',
    authorEmail: authorEmail ?? '',
    authorDate: authorDate ?? '',
    committerName: committerName ?? '',
    committerEmail: committerEmail ?? '',
    committerDate: committerDate ?? '',
    message,
  };
}

const statusNames: Record<string, GitFileChange['status']> = {
  A: 'added',
  D: 'removed',
  M: 'modified',
  R: 'renamed',
  C: 'copied',
  T: 'changed',
};

/** git prints files in the same order for --raw, --numstat and the patch, so zip them. */
function combineDiff(raw: string, numstat: string, patch: string): GitFileChange[] {
  const rawTokens = raw.split('\0');
  const statTokens = numstat.split('\0');
  const patches = patch.split(/^(?=diff --git )/m).filter((chunk) => chunk.startsWith('diff --git '));
  const files: GitFileChange[] = [];
  let r = 0;
  let s = 0;
  while (r < rawTokens.length && rawTokens[r]?.startsWith(':')) {
    const meta = (rawTokens[r] ?? '').slice(1).split(' ');
    const letter = (meta[4] ?? 'M').charAt(0);
    const renamed = letter === 'R' || letter === 'C';
    const first = rawTokens[r + 1] ?? '';
    const second = renamed ? (rawTokens[r + 2] ?? '') : undefined;
    r += renamed ? 3 : 2;
    const [added, deleted] = (statTokens[s] ?? '').split('\t');
    s += renamed ? 3 : 1;
    const body = patches[files.length] ?? '';
    const hunkStart = body.indexOf('\n@@');
    files.push({
      filename: second ?? first,
      previousFilename: renamed ? first : undefined,
      status: statusNames[letter] ?? 'modified',
      additions: Number.parseInt(added ?? '0', 10) || 0,
      deletions: Number.parseInt(deleted ?? '0', 10) || 0,
      blobSha: (letter === 'D' ? meta[2] : meta[3]) ?? '',
      patch: hunkStart === -1 ? undefined : body.slice(hunkStart + 1).replace(/\n$/, ''),
    });
  }
  return files;
}
