import { keyItems } from './item-key.js';
import type { TextLine } from './text-lines.js';
import { splitLines } from './text-lines.js';

/** A checkbox item found in a Markdown backlog or plan file. */
export interface BacklogEntry {
  readonly key: string;
  /** 0-based index into `BacklogScan.lines`. */
  readonly lineIndex: number;
  /** The whitespace before the bullet; nested items have more. */
  readonly indent: string;
  readonly checked: boolean;
  /** The item text, whitespace collapsed. */
  readonly text: string;
  /** The enclosing headings joined with " / "; empty above the first heading. */
  readonly section: string;
}

/** What each line of the file is, as far as items and their blocks are concerned. */
export type LineKind = 'blank' | 'heading' | 'item' | 'fence' | 'code' | 'text';

/** A parsed Markdown backlog: its lines (with their own line breaks), their kinds and the items. */
export interface BacklogScan {
  readonly lines: readonly TextLine[];
  readonly kinds: readonly LineKind[];
  readonly entries: readonly BacklogEntry[];
}

/** Which key namespace a file's items belong to. */
export type BacklogKeyPrefix = 'backlog' | 'plan';

const headingPattern = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*$/;
// `[` + exactly one whitespace character (open) or x/X (ticked) + `]`, then the item text.
const itemPattern = /^(\s*)[-*]\s+\[(\s|x|X)\]\s+(.*)$/;
const fenceOpenPattern = /^\s*(`{3,}|~{3,})(.*)$/;
/** An `issue:` annotation line under an item (at least two spaces of indentation, any case). */
export const issueLinePattern = /^(\s{2,})issue:\s*(.*?)\s*$/i;

interface Heading {
  readonly level: number;
  readonly title: string;
}

/**
 * Parses every line of a Markdown backlog. Headings nest by level (`## A` then `## B` gives
 * section "B", not "A / B"), anything inside a fenced code block is ignored, and ticked items are
 * kept (with `checked`) and keyed exactly like open ones, so ticking an item keeps its key.
 */
export function scanBacklog(text: string, relPath: string, keyPrefix: BacklogKeyPrefix): BacklogScan {
  const lines = splitLines(text.startsWith('\uFEFF') ? text.slice(1) : text);
  const kinds: LineKind[] = [];
  const found: Omit<BacklogEntry, 'key'>[] = [];
  const headings: Heading[] = [];
  // The marker (e.g. "```" or "~~~~") of the fenced code block we are in, if any.
  let fence: string | null = null;
  for (const [lineIndex, { content }] of lines.entries()) {
    if (fence !== null) {
      const closed = closesFence(content, fence);
      kinds.push(closed ? 'fence' : 'code');
      if (closed) fence = null;
      continue;
    }
    const fenceOpen = fenceOpenPattern.exec(content);
    const marker = fenceOpen?.[1];
    // A backtick fence's info string cannot contain backticks (CommonMark), so "```x```" is inline.
    if (marker !== undefined && !(marker.startsWith('`') && (fenceOpen?.[2] ?? '').includes('`'))) {
      fence = marker;
      kinds.push('fence');
      continue;
    }
    const heading = headingPattern.exec(content);
    if (heading !== null) {
      const level = heading[1]?.length ?? 1;
      while ((headings.at(-1)?.level ?? 0) >= level) headings.pop();
      headings.push({ level, title: heading[2] ?? '' });
      kinds.push('heading');
      continue;
    }
    const item = itemPattern.exec(content);
    const itemText = (item?.[3] ?? '').replace(/\s+/g, ' ').trim();
    if (item !== null && itemText !== '') {
      const section = headings
        .map((entry) => entry.title)
        .filter((title) => title !== '')
        .join(' / ');
      found.push({
        lineIndex,
        indent: item[1] ?? '',
        checked: item[2] !== undefined && /x/i.test(item[2]),
        text: itemText,
        section,
      });
      kinds.push('item');
      continue;
    }
    kinds.push(content.trim() === '' ? 'blank' : 'text');
  }
  const keys = keyItems(
    keyPrefix,
    found.map((entry) => [relPath, entry.section, entry.text]),
  );
  const entries = found.map((entry, index) => ({ ...entry, key: keys[index] ?? '' }));
  return { lines, kinds, entries };
}

function closesFence(content: string, fence: string): boolean {
  const marker = /^\s*(`{3,}|~{3,})\s*$/.exec(content)?.[1];
  return marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length;
}

/**
 * The lines after an item that belong to it, as [start, end) line indexes: up to the next heading,
 * the next checkbox line (ticked or not) or the next line indented no deeper than the item's bullet.
 * An `issue:` annotation line always stays in the block whatever its indentation.
 */
export function itemBlock(scan: BacklogScan, entry: BacklogEntry): { start: number; end: number } {
  const start = entry.lineIndex + 1;
  const itemIndent = indentWidth(entry.indent);
  let insideFence = false;
  let end = start;
  for (; end < scan.lines.length; end += 1) {
    const kind = scan.kinds[end];
    const content = scan.lines[end]?.content ?? '';
    if (kind === 'heading' || kind === 'item') break;
    if (kind === 'code') continue;
    if (kind === 'fence') {
      // Only an opening fence can end the block; a closing one belongs to the fence it closes.
      if (!insideFence && indentWidth(content) <= itemIndent) break;
      insideFence = !insideFence;
      continue;
    }
    if (kind === 'text' && !issueLinePattern.test(content) && indentWidth(content) <= itemIndent) break;
  }
  return { start, end };
}

function indentWidth(content: string): number {
  const indent = /^\s*/.exec(content)?.[0] ?? '';
  return indent.replace(/\t/g, '    ').length;
}
