// One path segment of a relative reference such as `apps/desktop/` in `apps/desktop/node_modules`.
const segment = String.raw`[\w.@+-]+/`;
// A reference starts the output, or follows whitespace, a quote, a backtick, a colon or a paren.
const openers = String.raw`(?<=^|[\s'"\x60:(])`;

/**
 * Finds the transient artifact directories (e.g. `node_modules`, `.venv`) that a failed
 * command's output names, as relative paths in order of first mention (`apps/web/node_modules`).
 * A reference is the directory name, optionally after relative path segments, followed by `/`
 * or the end of a line. References with a `..` segment are dropped: they point outside the
 * worktree. Absolute paths never match, so only the worktree's own directories qualify.
 */
export function findArtifactReferences(output: string, artifactDirs: readonly string[]): string[] {
  const names = artifactDirs.map((name) => name.trim()).filter(isUsableName);
  if (names.length === 0) return [];
  const pattern = new RegExp(
    `${openers}((?:${segment})*?(?:${names.map(escapeRegExp).join('|')}))(?=/|$)`,
    'gm',
  );
  // Lazy segments make `node_modules/a/node_modules/b` name the outer directory, which holds both.
  const found = new Set<string>();
  for (const match of output.matchAll(pattern)) {
    const reference = match[1];
    if (reference === undefined) continue;
    const parts = reference.split('/');
    if (parts.includes('..')) continue;
    found.add(parts.filter((part) => part !== '.').join('/'));
  }
  return [...found];
}

/** A configured name must be one plain directory name; `..`, `.` or paths would reach too far. */
function isUsableName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !name.includes('/') && !name.includes('\\');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
