/**
 * Normalises a repository-relative path for comparison: trims, turns `\` into `/`, drops
 * leading `./` and `/` (repeatedly) and collapses doubled slashes.
 */
export function normalizeRepoPath(p: string): string {
  return p
    .trim()
    .replaceAll('\\', '/')
    .replace(/^(?:\.\/|\/)+/, '')
    .replace(/\/{2,}/g, '/');
}

/**
 * The path-list rule shared by blocked paths, documentation scope and plan scope: an entry
 * ending in `/` matches that directory and everything below it; any other entry matches the
 * path exactly or as a directory prefix. Both sides must already be normalised.
 */
export function matchesPathEntry(path: string, entry: string): boolean {
  if (entry === '') return false;
  if (entry.endsWith('/')) {
    const directory = entry.slice(0, -1);
    return path === directory || path.startsWith(entry);
  }
  return path === entry || path.startsWith(`${entry}/`);
}

/** Env files that document the variables rather than hold them; committing them is fine. */
const envDocumentationSuffixes = new Set(['example', 'sample', 'template']);

/**
 * True for `.env` and its variants (`.env.local`, `.env.production`) but not for the
 * documentation copies (`.env.example`, `.env.local.sample`). Expects a lower-case file name.
 */
function isEnvFileName(name: string): boolean {
  if (name === '.env') return true;
  if (!name.startsWith('.env.')) return false;
  return !name
    .slice('.env.'.length)
    .split('.')
    .some((part) => envDocumentationSuffixes.has(part));
}

/**
 * The entry `.env` (or `dir/.env`) stands for every real env file: at any depth for a bare
 * `.env`, inside `dir/` otherwise, because `.env.local` or `config/.env` hold secrets just
 * the same (the original compared exact names only).
 */
function matchesEnvEntry(path: string, entry: string): boolean {
  const slash = entry.lastIndexOf('/');
  if (entry.slice(slash + 1) !== '.env') return false;
  const pathSlash = path.lastIndexOf('/');
  if (!isEnvFileName(path.slice(pathSlash + 1))) return false;
  const pathDirectory = pathSlash < 0 ? '' : path.slice(0, pathSlash);
  return slash < 0 || pathDirectory === entry.slice(0, slash);
}

/**
 * True when a patch may not touch `path` under `blockedPaths`. The comparison ignores case, so
 * `.GitHub/Workflows/ci.yml` cannot slip past `.github/workflows/` on a case-insensitive
 * file system or a careless reviewer.
 */
export function isBlockedPath(path: string, blockedPaths: readonly string[]): boolean {
  const candidate = normalizeRepoPath(path).toLowerCase();
  if (candidate === '') return false;
  return blockedPaths.some((raw) => {
    const entry = normalizeRepoPath(raw).toLowerCase();
    return matchesPathEntry(candidate, entry) || matchesEnvEntry(candidate, entry);
  });
}
