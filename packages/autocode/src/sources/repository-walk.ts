import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * Directory names never scanned: version control, editor state, dependencies, build output,
 * caches and PatchLoop's own state. Matched against repository-relative components only, so a
 * repository that itself lives under e.g. `build/` is still scanned (spec autocode-adapters §3.2 bug).
 */
export const ignoredDirectoryNames: ReadonlySet<string> = new Set([
  '.git',
  '.hg',
  '.svn',
  '.idea',
  '.vscode',
  '.venv',
  'venv',
  'node_modules',
  'bower_components',
  'vendor',
  'dist',
  'build',
  'target',
  'coverage',
  '__pycache__',
  '.mypy_cache',
  '.pytest_cache',
  '.tox',
  '.next',
  '.nuxt',
  '.cache',
  '.gradle',
  '.terraform',
  '.patchloop',
]);

/**
 * Repository-relative paths (`/`-separated) of the regular files under `root` that `keep` accepts,
 * depth first: a directory's files in name order, then its subdirectories in name order. Symbolic
 * links are not followed, so the walk stays inside the repository and cannot loop.
 */
export async function listRepositoryFiles(
  root: string,
  keep: (relPath: string) => boolean,
): Promise<string[]> {
  const found: string[] = [];
  const visit = async (relDirectory: string): Promise<void> => {
    const entries = await readEntries(path.join(root, relDirectory));
    const named = entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of named) {
      const relPath = relDirectory === '' ? entry.name : `${relDirectory}/${entry.name}`;
      if (entry.isFile() && keep(relPath)) found.push(relPath);
    }
    for (const entry of named) {
      if (!entry.isDirectory() || ignoredDirectoryNames.has(entry.name)) continue;
      await visit(relDirectory === '' ? entry.name : `${relDirectory}/${entry.name}`);
    }
  };
  await visit('');
  return found;
}

async function readEntries(directory: string): Promise<Dirent[]> {
  try {
    return await readdir(directory, { withFileTypes: true });
  } catch {
    // A missing root or an unreadable directory has nothing to scan.
    return [];
  }
}
