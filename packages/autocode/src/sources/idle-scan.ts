import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { codeSpan, fencedBlock } from '../publish/markdown-text.js';
import { commentSyntaxFor } from './comment-syntax.js';
import { keyItems } from './item-key.js';
import { findLongFunctions } from './long-functions.js';
import { listRepositoryFiles } from './repository-walk.js';
import type { SourceItem } from './source-item.js';
import { findTodoComments } from './todo-comments.js';

/** What the idle scanner looks at and how its findings become source items. */
export interface IdleScanOptions {
  /** The local repository checkout. */
  readonly root: string;
  /** Cap on returned findings; omitted = all (for looking an item up by key). */
  readonly maxItems?: number;
  /** Prepended to each title with a space; empty = none. */
  readonly titlePrefix: string;
  readonly labels: readonly string[];
  /** Report functions of at least this many lines; omitted = no long-function findings. */
  readonly longFunctionLines?: number;
  /** Report long functions only when no TODO/FIXME is left (EXECUTION_IDLE_ADVANCED_ONLY_WHEN_TODO_CLEAR); default true. */
  readonly heuristicsOnlyWhenTodoClear?: boolean;
}

/** Files above this size are generated or data, not code a person left a note in. */
export const maxScannedFileBytes = 512 * 1024;
const maxTitleLength = 120;

interface Finding {
  readonly key: string;
  readonly sourcePath: string;
  readonly lineNumber: number;
  /** The title before any location suffix. */
  readonly baseTitle: string;
  readonly body: string;
}

/**
 * Scans the repository for TODO/FIXME comments and, optionally, long functions (spec
 * autocode-adapters §4.3, §4.4, §4.6). Keys leave line numbers out, so inserting lines keeps
 * them; findings that would share a title get ` (<path>:<line>)` appended so every title is distinct.
 */
export async function scanIdleFindings(options: IdleScanOptions): Promise<SourceItem[]> {
  const prefix = options.titlePrefix.trim();
  const todos: Finding[] = [];
  const longFunctions: Finding[] = [];
  const files = await listRepositoryFiles(options.root, (relPath) => commentSyntaxFor(relPath) !== null);
  for (const relPath of files) {
    const lines = await readScannableLines(path.join(options.root, relPath));
    if (lines === null) continue;
    todos.push(...todoFindings(relPath, lines, prefix));
    if (options.longFunctionLines !== undefined) {
      longFunctions.push(...longFunctionFindings(relPath, lines, prefix, options.longFunctionLines));
    }
  }
  const heuristicsAllowed = todos.length === 0 || options.heuristicsOnlyWhenTodoClear === false;
  const findings = distinctTitles(heuristicsAllowed ? [...todos, ...longFunctions] : todos);
  const items = findings.map(
    (finding): SourceItem => ({
      key: finding.key,
      source: 'idle',
      sourcePath: finding.sourcePath,
      lineNumber: finding.lineNumber,
      title: finding.baseTitle,
      body: finding.body,
      labels: [...options.labels],
      checked: false,
    }),
  );
  return options.maxItems === undefined ? items : items.slice(0, Math.max(0, options.maxItems));
}

async function readScannableLines(absolutePath: string): Promise<string[] | null> {
  try {
    if ((await stat(absolutePath)).size > maxScannedFileBytes) return null;
    const bytes = await readFile(absolutePath);
    // A NUL byte means binary content that merely carries a text extension.
    if (bytes.includes(0)) return null;
    return bytes.toString('utf8').split(/\r\n|\n|\r/);
  } catch {
    // Deleted or unreadable since the walk listed it.
    return null;
  }
}

function todoFindings(relPath: string, lines: readonly string[], prefix: string): Finding[] {
  const syntax = commentSyntaxFor(relPath);
  if (syntax === null) return [];
  const markdown = /\.(?:md|markdown)$/i.test(relPath);
  const comments = findTodoComments(lines, syntax, markdown);
  const keys = keyItems(
    'idle',
    comments.map((note) => [relPath, note.marker, note.detail, note.lineText, note.scope]),
  );
  return comments.map((note, index) => {
    const lineNumber = note.lineIndex + 1;
    const body = [
      `Found a ${codeSpan(note.marker)} comment at ${codeSpan(`${relPath}:${lineNumber}`)}.`,
      note.detail,
      ...(note.scope === '' ? [] : [`Context: ${codeSpan(note.scope)}`]),
    ].join('\n\n');
    return {
      key: keys[index] ?? '',
      sourcePath: relPath,
      lineNumber,
      baseTitle: titled(prefix, note.detail),
      body,
    };
  });
}

function longFunctionFindings(
  relPath: string,
  lines: readonly string[],
  prefix: string,
  minLines: number,
): Finding[] {
  if (/\.(?:md|markdown|ya?ml|toml|ini|cfg|conf)$/i.test(relPath)) return [];
  const functions = findLongFunctions(lines, minLines);
  // The line count is left out of the key: a function growing by a line is the same finding.
  const keys = keyItems(
    'idle-analysis',
    functions.map((found) => ['long_function', relPath, found.signature, found.signature]),
  );
  return functions.map((found, index) => {
    const lineNumber = found.lineIndex + 1;
    const from = Math.max(0, found.lineIndex - 2);
    const snippet = lines
      .slice(from, found.lineIndex + 3)
      .map((line, offset) => `${from + offset + 1}: ${line}`);
    const body = [
      `Found a function that may be worth splitting at ${codeSpan(`${relPath}:${lineNumber}`)}.`,
      `Problem: ${codeSpan(found.signature)} spans about ${found.lineCount} lines (the limit is ${minLines}).`,
      'Suggestion: split it into smaller functions with one responsibility each, keeping its behaviour covered by tests.',
      `Code:\n${fencedBlock('text', snippet)}`,
    ].join('\n\n');
    const title = titled(prefix, `${relPath}: function ${found.name} is too long`);
    return { key: keys[index] ?? '', sourcePath: relPath, lineNumber, baseTitle: title, body };
  });
}

function titled(prefix: string, text: string): string {
  return cut(prefix === '' ? text : `${prefix} ${text}`, maxTitleLength);
}

/** Appends ` (<path>:<line>)` to every title that more than one finding would carry. */
function distinctTitles(findings: readonly Finding[]): Finding[] {
  const counts = new Map<string, number>();
  for (const finding of findings) {
    const folded = finding.baseTitle.toLowerCase();
    counts.set(folded, (counts.get(folded) ?? 0) + 1);
  }
  return findings.map((finding) => {
    if ((counts.get(finding.baseTitle.toLowerCase()) ?? 0) < 2) return finding;
    const suffix = ` (${finding.sourcePath}:${finding.lineNumber})`;
    const room = Math.max(20, maxTitleLength - [...suffix].length);
    return { ...finding, baseTitle: cut(`${cut(finding.baseTitle, room)}${suffix}`, maxTitleLength) };
  });
}

function cut(text: string, max: number): string {
  const points = [...text];
  return points.length <= max ? text : points.slice(0, max).join('').trimEnd();
}
