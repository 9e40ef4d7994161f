import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';

/** A file inside the repository root: where it is on disk and its `/`-separated relative path. */
export interface RepositoryFile {
  readonly absolutePath: string;
  readonly relPath: string;
}

/**
 * Resolves a repository-relative path against `root`. Returns null when the file does not exist
 * or lies outside the root, also when a symbolic link on the way leads out of it, so a backlog
 * setting can never make PatchLoop read or write elsewhere.
 */
export async function resolveInsideRoot(root: string, filePath: string): Promise<RepositoryFile | null> {
  const resolvedRoot = path.resolve(root);
  const absolutePath = path.resolve(resolvedRoot, filePath);
  const relPath = insideRelative(resolvedRoot, absolutePath);
  if (relPath === null) return null;
  try {
    const [realRoot, realFile] = await Promise.all([realpath(resolvedRoot), realpath(absolutePath)]);
    if (insideRelative(realRoot, realFile) === null) return null;
  } catch {
    // Missing file or root: nothing to read.
    return null;
  }
  return { absolutePath, relPath };
}

/** The file as UTF-8 (invalid bytes replaced), or null when it cannot be read as a file. */
export async function readTextOrNull(absolutePath: string): Promise<string | null> {
  try {
    return await readFile(absolutePath, 'utf8');
  } catch {
    // Missing, a directory or unreadable: the caller treats it as absent.
    return null;
  }
}

function insideRelative(root: string, target: string): string | null {
  const relative = path.relative(root, target);
  const escapes = relative === '..' || relative.startsWith(`..${path.sep}`);
  if (relative === '' || escapes || path.isAbsolute(relative)) return null;
  return relative.split(path.sep).join('/');
}
