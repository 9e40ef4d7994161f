import { matchesPathEntry, normalizeRepoPath } from '../policy/blocked-paths.js';

const strictScopeNames = new Set([
  'readme.md',
  'changelog.md',
  'license',
  'license.md',
  '.env.example',
  '.env.sample',
  '.env.template',
]);
const strictScopeExtensions = /\.(?:md|mdx|rst|txt|json|ya?ml|toml|ini|cfg|conf)$/;

/** A plan path that names documentation or configuration rather than code (spec §2.11 rule 2). */
function isStrictScopeEntry(entry: string): boolean {
  const lower = normalizeRepoPath(entry).toLowerCase();
  return (
    lower.startsWith('docs/') ||
    lower.startsWith('doc/') ||
    strictScopeNames.has(lower) ||
    strictScopeExtensions.test(lower)
  );
}

/**
 * True when the plan's paths must be enforced: every one of them is documentation or
 * configuration. For code plans the estimated files are only a hint.
 */
export function isStrictScope(allowedPaths: readonly string[]): boolean {
  const entries = allowedPaths.filter((entry) => normalizeRepoPath(entry) !== '');
  return entries.length > 0 && entries.every(isStrictScopeEntry);
}

/** True when `path` matches one of the plan's entries (directory/prefix rule, case as written). */
export function isWithinScope(path: string, allowedPaths: readonly string[]): boolean {
  const candidate = normalizeRepoPath(path);
  return allowedPaths.some((entry) => matchesPathEntry(candidate, normalizeRepoPath(entry)));
}
