import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FixturePerson } from './fast-import-script.js';
import { toFastImportScript } from './fast-import-script.js';
import { fixtureIdentity, isolatedGitEnv } from './isolated-git-env.js';
import { runGitSync, tryRunGitSync } from './run-git-sync.js';

/** Options for {@link createBareRepository}. */
export interface CreateBareRepositoryOptions {
  /** Directory to hold the repository; a fresh temp dir (removed by `close`) when omitted. */
  readonly dir?: string;
  /** Files of the first commit on the default branch. */
  readonly files: Readonly<Record<string, string>>;
  readonly defaultBranch?: string;
  /** Environment for the fixture's own git calls; defaults to {@link isolatedGitEnv}. */
  readonly env?: Readonly<Record<string, string>>;
}

/** A commit written straight into the bare repository. */
export interface FixtureCommit {
  readonly branch: string;
  /** Paths to write; `null` deletes the path. */
  readonly files: Readonly<Record<string, string | null>>;
  readonly message: string;
  readonly author?: FixturePerson;
  /** Branch or sha to start from; defaults to the branch itself, else the default branch. */
  readonly from?: string;
}

/** One log entry of a fixture branch, newest first. */
export interface FixtureLogEntry {
  readonly sha: string;
  readonly subject: string;
  readonly authorName: string;
  readonly authorEmail: string;
}

/** A bare repository standing in for a GitHub remote, with helpers to inspect and change it. */
export interface BareRepository {
  readonly path: string;
  /** `file://` URL, usable as a clone or push remote. */
  readonly url: string;
  readonly defaultBranch: string;
  /** Clones into `into` (origin = this repository) and returns the clone's path. */
  clone(into: string): string;
  /** Creates or moves `branch` to a new commit and returns its sha. */
  commit(commit: FixtureCommit): string;
  readBranch(name: string): string | undefined;
  listBranches(): string[];
  log(branch: string, count: number): FixtureLogEntry[];
  /** A file's content on a branch, or undefined when the path does not exist there. */
  readFile(branch: string, filePath: string): string | undefined;
  /** Removes the repository (and the temp dir it created). */
  close(): void;
}

/** Fixture commits get increasing, fixed timestamps so shas are reproducible. */
const fixtureEpochSeconds = 1_767_225_600;

/**
 * Creates a bare repository whose default branch holds `files` in one commit. Commits are
 * written with `git fast-import`, so even large fixtures take milliseconds.
 */
export function createBareRepository(options: CreateBareRepositoryOptions): BareRepository {
  const env = options.env ?? isolatedGitEnv();
  const defaultBranch = options.defaultBranch ?? 'main';
  const ownsRoot = options.dir === undefined;
  const root = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'patchloop-bare-'));
  const barePath = path.join(root, 'origin.git');
  let commitCount = 0;

  fs.mkdirSync(barePath, { recursive: true });
  const run = { cwd: barePath, env };
  const git = (args: readonly string[]): string => runGitSync(args, run);
  const query = (args: readonly string[]): string | undefined => {
    const result = tryRunGitSync(args, run);
    return result.status === 0 ? result.stdout : undefined;
  };
  git(['init', '--quiet', '--bare', `--initial-branch=${defaultBranch}`]);

  const readBranch = (name: string): string | undefined =>
    query(['rev-parse', '--verify', '--quiet', `refs/heads/${name}^{commit}`])?.trim();

  const resolve = (revision: string): string => {
    const sha = readBranch(revision) ?? query(['rev-parse', '--verify', '--quiet', `${revision}^{commit}`]);
    if (sha === undefined) throw new Error(`Fixture revision "${revision}" does not exist.`);
    return sha.trim();
  };

  const commit = (spec: FixtureCommit): string => {
    const isFirst = commitCount === 0;
    const parentRevision = spec.from ?? (readBranch(spec.branch) === undefined ? defaultBranch : spec.branch);
    const parent = isFirst ? undefined : resolve(parentRevision);
    commitCount += 1;
    const script = toFastImportScript([
      {
        ref: `refs/heads/${spec.branch}`,
        ...(parent === undefined ? {} : { parent }),
        author: spec.author ?? fixtureIdentity,
        epochSeconds: fixtureEpochSeconds + commitCount,
        message: spec.message,
        files: spec.files,
      },
    ]);
    // --force: a fixture may deliberately move a branch to a commit that is not a descendant.
    // MALLOC_TOP_PAD_: glibc otherwise grows and trims the heap once per blob, and on some VMs
    // those brk calls turn a one-second import of 50,000 files into twenty seconds.
    runGitSync(['fast-import', '--quiet', '--force'], {
      ...run,
      env: { ...env, MALLOC_TOP_PAD_: String(64 * 1024 * 1024) },
      input: script,
    });
    return resolve(spec.branch);
  };

  commit({ branch: defaultBranch, files: options.files, message: 'Initial commit' });

  return {
    path: barePath,
    url: pathToFileURL(barePath).href,
    defaultBranch,
    clone: (into) => {
      fs.mkdirSync(path.dirname(into), { recursive: true });
      runGitSync(['clone', '--quiet', pathToFileURL(barePath).href, into], { cwd: path.dirname(into), env });
      return into;
    },
    commit,
    readBranch,
    listBranches: () =>
      git(['for-each-ref', '--format=%(refname:lstrip=2)', 'refs/heads/'])
        .split('\n')
        .filter((line) => line !== ''),
    log: (branch, count) =>
      git(['log', `-n${count}`, '--format=%H%x00%s%x00%an%x00%ae', `refs/heads/${branch}`, '--'])
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => {
          const [sha = '', subject = '', authorName = '', authorEmail = ''] = line.split('\0');
          return { sha, subject, authorName, authorEmail };
        }),
    readFile: (branch, filePath) => query(['show', `refs/heads/${branch}:${filePath}`]),
    close: () => fs.rmSync(ownsRoot ? root : barePath, { recursive: true, force: true }),
  };
}
