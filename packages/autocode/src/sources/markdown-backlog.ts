import { codeSpan } from '../publish/markdown-text.js';
import type { BacklogKeyPrefix } from './backlog-scan.js';
import { scanBacklog } from './backlog-scan.js';
import { readTextOrNull, resolveInsideRoot } from './repository-file.js';
import type { SourceItem } from './source-item.js';

/** How the items of one Markdown file are turned into source items. */
export interface BacklogParseOptions {
  /** Repository-relative path of the file; part of every item key. */
  readonly relPath: string;
  readonly keyPrefix: BacklogKeyPrefix;
  /** Prepended to each title with a space; empty = none. */
  readonly titlePrefix: string;
  readonly labels: readonly string[];
}

/** Which Markdown files to read, relative to `root`, and how to turn their items into source items. */
export interface BacklogSourceOptions extends Omit<BacklogParseOptions, 'relPath'> {
  readonly root: string;
  readonly filePaths: readonly string[];
}

const maxTitleLength = 120;

/**
 * Checkbox items of one Markdown backlog or plan file (spec autocode-adapters §5.2), open and
 * ticked, in file order. Callers that create issues take the open ones and cap them per cycle;
 * the ticked ones let them close issues whose item was done.
 */
export function parseBacklog(text: string, options: BacklogParseOptions): SourceItem[] {
  const scan = scanBacklog(text, options.relPath, options.keyPrefix);
  const prefix = options.titlePrefix.trim();
  return scan.entries.map((entry) => {
    const lineNumber = entry.lineIndex + 1;
    const source = `Source: ${codeSpan(`${options.relPath}:${lineNumber}`)}`;
    return {
      key: entry.key,
      source: options.keyPrefix,
      sourcePath: options.relPath,
      lineNumber,
      title: cutTitle(prefix === '' ? entry.text : `${prefix} ${entry.text}`),
      body: entry.section === '' ? source : `Belongs to: ${entry.section}\n\n${source}`,
      labels: [...options.labels],
      checked: entry.checked,
    };
  });
}

/**
 * Reads and parses the listed files in order. Paths that resolve outside `root` (also through a
 * symbolic link) and missing files are skipped; a file listed twice is read once. Nothing is capped.
 */
export async function readBacklogSources(options: BacklogSourceOptions): Promise<SourceItem[]> {
  const items: SourceItem[] = [];
  const seen = new Set<string>();
  for (const filePath of options.filePaths) {
    const file = await resolveInsideRoot(options.root, filePath);
    if (file === null || seen.has(file.relPath)) continue;
    seen.add(file.relPath);
    const text = await readTextOrNull(file.absolutePath);
    if (text === null) continue;
    items.push(...parseBacklog(text, { ...options, relPath: file.relPath }));
  }
  return items;
}

function cutTitle(title: string): string {
  const points = [...title];
  return points.length <= maxTitleLength ? title : points.slice(0, maxTitleLength).join('').trimEnd();
}
