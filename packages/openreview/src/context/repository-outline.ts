// The repository outline of spec §5.3.5 item 1, derived from the candidate files so that excluded
// directories and credential-like files never show up even by name.

const maxEntries = 30;

interface Entry {
  readonly name: string;
  readonly isDirectory: boolean;
}

function byDirectoryThenName(a: Entry, b: Entry): number {
  if (a.isDirectory !== b.isDirectory) return a.isDirectory ? -1 : 1;
  const left = a.name.toLowerCase();
  const right = b.name.toLowerCase();
  return left < right ? -1 : left > right ? 1 : 0;
}

function childrenOf(files: readonly string[], prefix: string): Entry[] {
  const entries = new Map<string, boolean>();
  for (const file of files) {
    if (!file.startsWith(prefix)) continue;
    const rest = file.slice(prefix.length);
    const slash = rest.indexOf('/');
    const name = slash === -1 ? rest : rest.slice(0, slash);
    entries.set(name, (entries.get(name) ?? false) || slash !== -1);
  }
  return [...entries].map(([name, isDirectory]) => ({ name, isDirectory })).sort(byDirectoryThenName);
}

/**
 * Top-level entries and their direct children, directories first and names case-insensitive, at
 * most 30 lines then `- ...`; null for an empty checkout.
 */
export function repositoryOutline(files: readonly string[]): string | null {
  const lines: string[] = [];
  for (const top of childrenOf(files, '')) {
    lines.push(`- ${top.name}${top.isDirectory ? '/' : ''}`);
    if (top.isDirectory) {
      for (const child of childrenOf(files, `${top.name}/`)) {
        lines.push(`  - ${top.name}/${child.name}${child.isDirectory ? '/' : ''}`);
      }
    }
  }
  if (lines.length === 0) return null;
  const shown = lines.length > maxEntries ? [...lines.slice(0, maxEntries), '- ...'] : lines;
  return ['## Repository outline', ...shown].join('\n');
}
