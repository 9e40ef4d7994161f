import { stripAnsi } from '@patchloop/core';

// What reaches the agent is bounded: failures are reported at the end of a log, and a prompt has
// room for many checks.
const summaryMaxChars = 600;
const excerptMaxLines = 40;
const excerptMaxChars = 2_000;

/**
 * The description of a failing check: its title and summary on separate lines, ANSI codes
 * removed, cut to 600 characters with an ellipsis. `''` when the check reported neither.
 */
export function checkSummaryText(title: string | null, summary: string | null): string {
  const parts: string[] = [];
  for (const part of [title, summary]) {
    const clean = stripAnsi(normalizeNewlines(part ?? '')).trim();
    // Some checks report the same text as title and summary; say it once.
    if (clean !== '' && !parts.includes(clean)) parts.push(clean);
  }
  const text = parts.join('\n');
  return text.length <= summaryMaxChars ? text : `${text.slice(0, summaryMaxChars - 1).trimEnd()}…`;
}

/**
 * The tail of a check's log: ANSI codes removed, carriage-return redraws collapsed to what a
 * terminal would show, trailing blank lines dropped, then the last 40 lines, and of those at most
 * the last 2,000 characters (starting on a whole line when one fits). `''` when there is no log.
 */
export function logExcerpt(text: string | null): string {
  if (text === null) return '';
  const lines = normalizeNewlines(stripAnsi(text))
    .split('\n')
    .map((line) => visibleLine(line).trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const tail = lines.slice(-excerptMaxLines);
  while (tail.length > 0 && tail[0] === '') tail.shift();
  let excerpt = tail.join('\n');
  if (excerpt.length > excerptMaxChars) {
    excerpt = excerpt.slice(-excerptMaxChars);
    const lineStart = excerpt.indexOf('\n');
    // Prefer starting on a line boundary, unless that would throw away most of the budget.
    if (lineStart >= 0 && lineStart < excerptMaxChars / 2) excerpt = excerpt.slice(lineStart + 1);
  }
  return excerpt;
}

/**
 * Wraps text in a Markdown code fence longer than any backtick run inside it, so a log that prints
 * fences itself cannot close the block early.
 */
export function fencedBlock(text: string): string {
  const longestRun = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}\n${text}\n${fence}`;
}

function normalizeNewlines(text: string): string {
  return text.replace(/\r\n/g, '\n');
}

// A lone carriage return redraws the line (progress bars); only the last redraw stays on screen.
function visibleLine(line: string): string {
  const drawn = line.replace(/\r+$/, '');
  return drawn.slice(drawn.lastIndexOf('\r') + 1);
}
