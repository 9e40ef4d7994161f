/** One line of a text file and the line break that ended it (`''` for a last line without one). */
export interface TextLine {
  readonly content: string;
  readonly eol: string;
}

/**
 * Splits text into lines, keeping each line's own terminator (`\n`, `\r\n` or `\r`) so a file can
 * be put back together byte for byte after one line is inserted or replaced.
 */
export function splitLines(text: string): TextLine[] {
  const lines: TextLine[] = [];
  const lineBreak = /\r\n|\n|\r/g;
  let start = 0;
  for (let match = lineBreak.exec(text); match !== null; match = lineBreak.exec(text)) {
    lines.push({ content: text.slice(start, match.index), eol: match[0] });
    start = match.index + match[0].length;
  }
  if (start < text.length) lines.push({ content: text.slice(start), eol: '' });
  return lines;
}

/** The inverse of `splitLines`. */
export function joinLines(lines: readonly TextLine[]): string {
  return lines.map((line) => line.content + line.eol).join('');
}

/** The line break a file mostly uses, so inserted lines match their neighbours. */
export function dominantEol(lines: readonly TextLine[]): string {
  let crlf = 0;
  let lf = 0;
  for (const line of lines) {
    if (line.eol === '\r\n') crlf += 1;
    else if (line.eol === '\n') lf += 1;
  }
  return crlf > lf ? '\r\n' : '\n';
}
