import { lstat, readdir, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { isSecretPath } from './secret-paths.js';

// The files of a local checkout the context may look at (spec §5.3.5 "candidate files"), and the
// single gate every read goes through: a PR head is untrusted, so symlinks, paths leaving the
// root, credential-like files, binaries and files over 200 KB are never read.

const excludedDirectories: ReadonlySet<string> = new Set([
  '.git',
  '.hg',
  '.svn',
  '.idea',
  '.vscode',
  'venv',
  '.venv',
  'node_modules',
  'dist',
  'build',
  '__pycache__',
]);
// Hidden names are skipped except these: workflows are useful review context, env templates
// document settings (real `.env*` files are dropped by isSecretPath).
const allowedHidden: ReadonlySet<string> = new Set(['.github', '.gitignore', '.gitlab-ci.yml']);
const textExtensions: ReadonlySet<string> = new Set(
  (
    'py pyi js mjs cjs ts mts cts tsx jsx json jsonc yaml yml toml ini cfg conf md mdx txt rst sh bash ' +
    'zsh ps1 bat go rs java kt kts rb php c cc cpp h hpp cs swift scala vue svelte html htm css scss ' +
    'less sql xml gradle properties graphql proto tf lua dart ex exs erl hs ml r'
  ).split(' '),
);
const textNames: ReadonlySet<string> = new Set([
  'dockerfile',
  'makefile',
  'procfile',
  'gemfile',
  'rakefile',
  'jenkinsfile',
  'license',
  'readme',
  '.gitignore',
]);

/** Files larger than this are neither read nor scanned. */
const maxContextFileBytes = 200 * 1024;
// A walk over a huge monorepo stays bounded; the context only ever shows a handful of files.
const maxCandidateFiles = 10_000;
const binarySniffBytes = 8000;

function isAllowedName(name: string, isDirectory: boolean): boolean {
  if (isDirectory && excludedDirectories.has(name)) return false;
  if (name.startsWith('.') && !allowedHidden.has(name) && !name.startsWith('.env')) return false;
  return true;
}

function hasTextName(name: string): boolean {
  const lower = name.toLowerCase();
  if (textNames.has(lower) || lower.startsWith('.env')) return true;
  const dot = lower.lastIndexOf('.');
  return dot > 0 && textExtensions.has(lower.slice(dot + 1));
}

/**
 * Whether a repository-relative path (`/`-separated) may appear in the context: no excluded or
 * hidden component, a known text name or extension, and not credential-like.
 */
function isContextCandidate(relativePath: string): boolean {
  const parts = relativePath.split('/');
  const name = parts[parts.length - 1] ?? '';
  if (name === '' || parts.some((part) => part === '' || part === '.' || part === '..')) return false;
  const directoriesOk = parts.slice(0, -1).every((part) => isAllowedName(part, true));
  return directoriesOk && isAllowedName(name, false) && hasTextName(name) && !isSecretPath(relativePath);
}

/** The candidate files of a checkout and a guarded, memoized reader over them. */
export interface LocalFiles {
  /** Candidate paths, `/`-separated, sorted. */
  readonly files: readonly string[];
  /** The text of a candidate file, or null when it is not permitted, missing, binary or too big. */
  read(relativePath: string): Promise<string | null>;
}

/** Walks `root` (without following symlinks) and returns its candidate files with a reader. */
export async function scanLocalFiles(root: string): Promise<LocalFiles> {
  const realRoot = await realpath(root);
  const files: string[] = [];
  const pending: string[] = [''];
  while (pending.length > 0 && files.length < maxCandidateFiles) {
    const directory = pending.shift() ?? '';
    const entries = await readdir(path.join(realRoot, directory), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const relative = directory === '' ? entry.name : `${directory}/${entry.name}`;
      if (entry.isDirectory() && isAllowedName(entry.name, true)) {
        pending.push(relative);
      } else if (entry.isFile() && isContextCandidate(relative)) {
        files.push(relative);
      }
    }
  }
  files.sort();
  const cache = new Map<string, Promise<string | null>>();
  return {
    files,
    read(relativePath) {
      const cached = cache.get(relativePath);
      if (cached !== undefined) return cached;
      const loaded = readGuarded(realRoot, relativePath);
      cache.set(relativePath, loaded);
      return loaded;
    },
  };
}

async function readGuarded(realRoot: string, relativePath: string): Promise<string | null> {
  if (!isContextCandidate(relativePath)) return null;
  const full = path.join(realRoot, ...relativePath.split('/'));
  try {
    const stats = await lstat(full);
    if (!stats.isFile() || stats.size > maxContextFileBytes) return null;
    // A symlinked parent directory could still point outside the checkout.
    const resolved = await realpath(full);
    if (!resolved.startsWith(`${realRoot}${path.sep}`)) return null;
    const buffer = await readFile(resolved);
    if (buffer.subarray(0, binarySniffBytes).includes(0)) return null;
    return buffer.toString('utf8');
  } catch {
    return null;
  }
}
