import type { CommentSyntax } from './comment-syntax.js';

/** A TODO or FIXME note found in a comment. */
export interface TodoComment {
  /** 0-based line index. */
  readonly lineIndex: number;
  readonly marker: 'TODO' | 'FIXME';
  /** The note after the marker, whitespace collapsed; never empty. */
  readonly detail: string;
  /** The whole line, whitespace collapsed. */
  readonly lineText: string;
  /** The nearest declaration (or Markdown heading) above the line; empty when there is none. */
  readonly scope: string;
}

// First word of a comment: any case ("// todo: x"). Later in a comment: upper case only, so
// prose such as "the todo list" inside a comment is not a work item.
const leadingMarker = /^[\s*!/#;-]*\b(todo|fixme)\b(?:\([^)]*\))?[\s:：\-–—]*(.*)$/i;
const laterMarker = /\b(TODO|FIXME)\b(?:\([^)]*\))?[\s:：\-–—]*(.*)$/;
const scopePattern =
  /^\s*(?:(?:export|default|public|private|protected|internal|static|abstract|final|async|override|open|unsafe|extern|pub(?:\([^)]*\))?)\s+)*(?:async\s+def|def|class|interface|enum|type|func|function\*?|fn|fun|module|struct|trait|impl)\s+[\w$(<*&]/;
const headingPattern = /^ {0,3}#{1,6}\s+\S/;

/**
 * TODO/FIXME notes of one file that sit in comments (spec autocode-adapters §4.3, restricted to
 * comments): a line comment, a block comment (also across lines) or a comment after code. Markers
 * in string literals and prose are not work items.
 */
export function findTodoComments(
  lines: readonly string[],
  syntax: CommentSyntax,
  headingsAreScopes: boolean,
): TodoComment[] {
  const found: TodoComment[] = [];
  let openBlockCloser: string | null = null;
  let scope = '';
  for (const [lineIndex, line] of lines.entries()) {
    const { text, closer } = commentOf(line, syntax, openBlockCloser);
    openBlockCloser = closer;
    const note = text === null ? null : markerIn(text);
    if (note !== null) {
      found.push({ lineIndex, ...note, lineText: collapse(line), scope });
    }
    if (scopePattern.test(line) || (headingsAreScopes && headingPattern.test(line))) {
      scope = collapse(line).slice(0, 200);
    }
  }
  return found;
}

function commentOf(
  line: string,
  syntax: CommentSyntax,
  openBlockCloser: string | null,
): { text: string | null; closer: string | null } {
  if (openBlockCloser !== null) {
    const end = line.indexOf(openBlockCloser);
    return end < 0 ? { text: line, closer: openBlockCloser } : { text: line.slice(0, end), closer: null };
  }
  const trimmed = line.trimStart();
  for (const [opener, closer] of syntax.block) {
    if (trimmed.startsWith(opener)) return blockFrom(trimmed.slice(opener.length), closer);
  }
  for (const opener of syntax.line) {
    if (trimmed.startsWith(opener)) return { text: trimmed.slice(opener.length), closer: null };
  }
  if (syntax.starContinuation && trimmed.startsWith('*') && !trimmed.startsWith('*/')) {
    return { text: trimmed.slice(1), closer: null };
  }
  return trailingComment(line, syntax);
}

function blockFrom(rest: string, closer: string): { text: string; closer: string | null } {
  const end = rest.indexOf(closer);
  return end < 0 ? { text: rest, closer } : { text: rest.slice(0, end), closer: null };
}

// A comment after code (`call(); // TODO: x`): the opener must follow whitespace and the marker
// must come first in it, which keeps URLs and most string contents out.
function trailingComment(
  line: string,
  syntax: CommentSyntax,
): { text: string | null; closer: string | null } {
  for (const [opener, closer] of syntax.block) {
    const at = line.lastIndexOf(` ${opener}`);
    if (at >= 0 && !line.slice(at).includes(closer)) {
      return { text: line.slice(at + 1 + opener.length), closer };
    }
  }
  const openers = [
    ...syntax.line.filter((opener) => opener !== ';'),
    ...syntax.block.map(([opener]) => opener),
  ];
  for (const opener of openers) {
    const at = line.indexOf(` ${opener}`);
    const text = at < 0 ? '' : line.slice(at + 1 + opener.length);
    if (at >= 0 && /^\s*(TODO|FIXME)\b/.test(text)) return { text, closer: null };
  }
  return { text: null, closer: null };
}

function markerIn(comment: string): Pick<TodoComment, 'marker' | 'detail'> | null {
  const match = leadingMarker.exec(comment) ?? laterMarker.exec(comment);
  const marker = match?.[1]?.toUpperCase();
  const detail = collapse((match?.[2] ?? '').replace(/\s*(?:\*\/|-->)\s*$/, ''));
  if ((marker !== 'TODO' && marker !== 'FIXME') || detail === '') return null;
  return { marker, detail };
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
