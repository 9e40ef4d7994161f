// Helpers that keep text PatchLoop does not control (issue titles, plan text written by a model
// from issue text, the agent's summary, file paths) from breaking or abusing the Markdown of a
// pull request.

// C0/C1 controls, DEL, line/paragraph separators and bidi overrides ("Trojan Source").
const unsafeCharacters = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;
const unsafeCharactersExceptNewline = /[[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]--[\n]]/gv;

/** Code points of `text`, so caps never split a surrogate pair. */
export function codePointLength(text: string): number {
  return [...text].length;
}

/** The first `max` code points of `text`, with `…` appended when something was cut. */
export function capText(text: string, max: number): string {
  const points = [...text];
  return points.length <= max
    ? text
    : `${points
        .slice(0, Math.max(0, max - 1))
        .join('')
        .trimEnd()}…`;
}

/** One line of text: control and bidi characters become spaces, whitespace collapses, trimmed. */
export function singleLine(text: string): string {
  return text.replace(unsafeCharacters, ' ').replace(/\s+/g, ' ').trim();
}

/** Multi-line text with CRLF normalised and control characters other than newlines removed. */
export function multiLine(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(unsafeCharactersExceptNewline, ' ').trim();
}

/** `text` as an inline code span, using a longer backtick fence when the text holds backticks. */
export function codeSpan(text: string): string {
  const clean = singleLine(text);
  const longestRun = Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length));
  if (longestRun === 0) return `\`${clean}\``;
  const fence = '`'.repeat(longestRun + 1);
  return `${fence} ${clean} ${fence}`;
}

/** A fenced code block whose fence is longer than any backtick run inside it. */
export function fencedBlock(info: string, lines: readonly string[]): string {
  const longestRun = Math.max(
    2,
    ...lines.flatMap((line) => (line.match(/`+/g) ?? []).map((run) => run.length)),
  );
  const fence = '`'.repeat(longestRun + 1);
  return [`${fence}${info}`, ...lines, fence].join('\n');
}

// GitHub closes the referenced issue on merge when a PR body says "fixes #3" (also with a colon,
// a cross-repository reference or an issue URL); a code span keeps the words but not the effect.
const closingReference =
  /\b(close[sd]?|fix(?:e[sd])?|resolve[sd]?)(\s*:?\s*)((?:[\w.-]+\/[\w.-]+)?#\d+|https?:\/\/\S+?\/(?:issues|pull)\/\d+)/gi;
// An @mention notifies the user or team; quoted text must not page people.
const mention = /(^|[^\w`@/])@([A-Za-z0-9][A-Za-z0-9-]{0,38}(?:\/[\w.-]+)?)(?![\w-])/g;

/**
 * Defuses GitHub side effects in untrusted text: closing keywords and @mentions become code
 * spans, and HTML comments are escaped so nobody can forge PatchLoop's hidden body marker.
 */
export function defuseGitHubText(text: string): string {
  return text
    .replace(/<!--/g, '&lt;!--')
    .replace(
      closingReference,
      (_match, keyword: string, gap: string, target: string) => `${keyword}${gap}\`${target}\``,
    )
    .replace(mention, (_match, before: string, name: string) => `${before}\`@${name}\``);
}

/** Untrusted text made safe for one Markdown line and capped at `max` code points. */
export function untrustedLine(text: string, max: number): string {
  return defuseGitHubText(capText(singleLine(text), max));
}
