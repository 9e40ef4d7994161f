// How interesting a changed file is for a reviewer (spec §7 / §5.3.5): the diff excerpt and the
// PR snapshot show the highest scores first, and lockfiles last or not at all.

const lockfileNames: ReadonlySet<string> = new Set([
  'package-lock.json',
  'pnpm-lock.yaml',
  'yarn.lock',
  'bun.lockb',
  'bun.lock',
  'cargo.lock',
  'poetry.lock',
  'uv.lock',
  'composer.lock',
  'gemfile.lock',
  'go.sum',
]);
const codeOrMarkdown =
  /\.(py|js|mjs|cjs|ts|mts|cts|tsx|jsx|go|rs|java|kt|rb|php|c|cc|cpp|h|hpp|cs|swift|scala|sh|vue|svelte|md|mdx)$/i;
const configFile = /\.(json|ya?ml|toml|ini|cfg|conf|properties)$|(^|\/)\.env[^/]*$/i;
const corePaths = /(^|\/)(agent|api|src|tests?|__tests__)\//i;
const headlineDocs = /(^|\/)(readme|changelog)(\.[a-z]+)?$/i;

/** Whether a path is a dependency lockfile. */
export function isLockfile(file: string): boolean {
  const name = file.split('/').pop() ?? file;
  return lockfileNames.has(name.toLowerCase());
}

/** The review score of a changed path; lockfiles are negative. */
export function reviewFileScore(file: string): number {
  let score = 0;
  if (isLockfile(file)) score -= 100;
  if (codeOrMarkdown.test(file)) score += 12;
  if (configFile.test(file)) score += 6;
  if (corePaths.test(file)) score += 6;
  if (headlineDocs.test(file)) score += 8;
  if (file.toLowerCase().includes('test')) score += 4;
  return score;
}

/** Paths by descending review score, ties in path order; stable for equal input. */
export function orderForReview(files: readonly string[]): string[] {
  return [...files].sort((a, b) => reviewFileScore(b) - reviewFileScore(a) || (a < b ? -1 : a > b ? 1 : 0));
}
