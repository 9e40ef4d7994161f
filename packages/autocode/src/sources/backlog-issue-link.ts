import type { BacklogEntry, BacklogKeyPrefix, BacklogScan } from './backlog-scan.js';
import { issueLinePattern, itemBlock, scanBacklog } from './backlog-scan.js';
import type { TextLine } from './text-lines.js';
import { dominantEol, joinLines } from './text-lines.js';

/** The issue an item is linked to by its `issue:` line; `url` is null for a bare `#N`. */
export interface IssueLink {
  readonly number: number;
  readonly url: string | null;
}

/** A backlog file's text and its repository-relative path (the path is part of every item key). */
export interface BacklogText {
  readonly text: string;
  readonly relPath: string;
}

/** The result of writing a link into a backlog's text; `text` is the input when nothing changed. */
export interface AnnotatedBacklog {
  readonly changed: boolean;
  readonly text: string;
}

const linkValuePattern = /^\[#(\d+)\]\((\S+?)\)/;
const bareNumberPattern = /^#(\d+)\b/;
// Only a plain http(s) URL goes into the Markdown link, so a value cannot break out of `(...)`.
const safeUrlPattern = /^https?:\/\/[^\s()<>[\]]+$/;

/**
 * The issue link under the item with `key` (spec autocode-adapters §5.3 "Read"): the first
 * `issue:` line of its block, `[#N](url)` or `#N`. Ticked items are read too, so their issue can be
 * closed. Null when the item is gone or carries no parsable link.
 */
export function issueLinkOf(file: BacklogText, key: string): IssueLink | null {
  const found = findItem(file, key);
  if (found === null) return null;
  const line = linkLineIndex(found.scan, found.entry);
  const value =
    line === null ? '' : (issueLinePattern.exec(found.scan.lines[line]?.content ?? '')?.[2] ?? '');
  const linked = linkValuePattern.exec(value);
  if (linked !== null) return toLink(linked[1], linked[2]);
  const bare = bareNumberPattern.exec(value);
  return bare === null ? null : toLink(bare[1], undefined);
}

/**
 * Writes `issue: [#N](url)` under the item with `key` (spec §5.3 "Annotate"): an existing `issue:`
 * line in its block is replaced, otherwise the line is added at the end of the block. A ticked
 * item is never written under, an identical link is left alone, and every other byte of the file
 * (including CRLF line breaks) is kept.
 */
export function annotateIssueLink(file: BacklogText, key: string, link: IssueLink): AnnotatedBacklog {
  const unchanged = { changed: false, text: file.text };
  if (!Number.isSafeInteger(link.number) || link.number <= 0) return unchanged;
  const found = findItem(file, key);
  if (found === null || found.entry.checked) return unchanged;
  const { scan, entry } = found;
  const url = link.url !== null && safeUrlPattern.test(link.url) ? link.url : null;
  const annotation = `issue: ${url === null ? `#${link.number}` : `[#${link.number}](${url})`}`;
  const lines: TextLine[] = [...scan.lines];
  const existing = linkLineIndex(scan, entry);
  if (existing !== null) {
    const content = lines[existing]?.content ?? '';
    if (content.trim() === annotation) return unchanged;
    const indent = issueLinePattern.exec(content)?.[1] ?? `${entry.indent}  `;
    lines[existing] = { content: `${indent}${annotation}`, eol: lines[existing]?.eol ?? '' };
  } else {
    const after = lastNonBlank(scan, entry);
    const previous = lines[after] ?? { content: '', eol: '' };
    // Reuse the neighbour's line break; a last line without one gets the file's usual break.
    const eol = previous.eol === '' ? dominantEol(lines) : previous.eol;
    lines[after] = { content: previous.content, eol };
    lines.splice(after + 1, 0, { content: `${entry.indent}  ${annotation}`, eol: previous.eol });
  }
  const bom = file.text.startsWith('\uFEFF') ? '\uFEFF' : '';
  return { changed: true, text: bom + joinLines(lines) };
}

function findItem(file: BacklogText, key: string): { scan: BacklogScan; entry: BacklogEntry } | null {
  const prefix = keyPrefixOf(key);
  if (prefix === null) return null;
  const scan = scanBacklog(file.text, file.relPath, prefix);
  const entry = scan.entries.find((candidate) => candidate.key === key);
  return entry === undefined ? null : { scan, entry };
}

function keyPrefixOf(key: string): BacklogKeyPrefix | null {
  if (key.startsWith('backlog:')) return 'backlog';
  if (key.startsWith('plan:')) return 'plan';
  return null;
}

function linkLineIndex(scan: BacklogScan, entry: BacklogEntry): number | null {
  const { start, end } = itemBlock(scan, entry);
  for (let index = start; index < end; index += 1) {
    if (scan.kinds[index] === 'text' && issueLinePattern.test(scan.lines[index]?.content ?? '')) return index;
  }
  return null;
}

function lastNonBlank(scan: BacklogScan, entry: BacklogEntry): number {
  const { end } = itemBlock(scan, entry);
  let index = end - 1;
  while (index > entry.lineIndex && (scan.lines[index]?.content.trim() ?? '') === '') index -= 1;
  return index;
}

function toLink(digits: string | undefined, url: string | undefined): IssueLink | null {
  const number = Number(digits);
  if (!Number.isSafeInteger(number) || number <= 0) return null;
  return { number, url: url !== undefined && safeUrlPattern.test(url) ? url : null };
}
