import { createHash } from 'node:crypto';
import { parseUnifiedDiff } from '../../inspection/unified-diff.js';

/** Content hashes of the lines one diff adds and removes (see `diffLineHashes`). */
export interface LineHashes {
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

/**
 * Hashes every non-blank added and removed line of a unified diff as the first 16 hex digits of
 * SHA-256 over `<path>\n<trimmed line>`. Each side lists a hash once (first-seen order), and a
 * hash on both sides is dropped from both: a moved or re-indented line changes no content, and
 * counting it would make the next round look like a revert.
 */
export function diffLineHashes(patch: string): LineHashes {
  const added = new Set<string>();
  const removed = new Set<string>();
  for (const file of parseUnifiedDiff(patch)) {
    for (const { text } of file.added) addHash(added, file.path, text);
    for (const { text } of file.removed) addHash(removed, file.path, text);
  }
  return {
    added: [...added].filter((hash) => !removed.has(hash)),
    removed: [...removed].filter((hash) => !added.has(hash)),
  };
}

function addHash(into: Set<string>, path: string, text: string): void {
  const trimmed = text.trim();
  if (trimmed === '') return;
  into.add(createHash('sha256').update(`${path}\n${trimmed}`, 'utf8').digest('hex').slice(0, 16));
}
