/** A line of a model reply: a list item (marker removed) or any other text. */
export type ReplyLine =
  | { readonly kind: 'item'; readonly text: string; readonly ordered: boolean; readonly indent: number }
  | { readonly kind: 'text'; readonly text: string; readonly inFence: boolean };

const itemPattern = /^(\s*)([-*+]|\d{1,3}[.)])\s+(.*)$/;

/** Splits a reply into items and text lines; lines inside code fences are always text. */
export function parseReplyLines(text: string): ReplyLine[] {
  const lines: ReplyLine[] = [];
  let inFence = false;
  for (const line of text.split('\n')) {
    const isFence = /^\s*(```|~~~)/.test(line);
    if (inFence || isFence) {
      if (isFence) inFence = !inFence;
      lines.push({ kind: 'text', text: line, inFence: true });
      continue;
    }
    const match = itemPattern.exec(line);
    if (match?.[2] !== undefined && match[3] !== undefined && match[3].trim() !== '') {
      const ordered = /\d/.test(match[2]);
      lines.push({ kind: 'item', text: match[3].trim(), ordered, indent: match[1]?.length ?? 0 });
    } else {
      lines.push({ kind: 'text', text: line, inFence: false });
    }
  }
  return lines;
}

/** A labelled line such as `**Necessity**: yes` or `` `主要问题`：none ``, split into label and value. */
export interface LabelledLine {
  readonly label: string;
  readonly value: string;
}

// Optional heading hashes or list marker, optional bold/backticks around the label, then an ASCII or
// full-width colon, or nothing (a bare heading). Recognising the backticked inline form fixes weakness 7.
const labelledPattern =
  /^\s*(?:#{1,6}\s*)?(?:[-*+]\s+|\d{1,3}[.)]\s+)?[*_`]*([^*_`:：]{1,40}?)[*_`]*\s*(?:[:：]\s*(?:\*\*)?\s*(.*))?$/;

/**
 * Reads a line as `label: value` when its label is one of `aliases` (case-insensitive; the original's
 * Chinese labels are aliases too, since models may answer in Chinese). `null` otherwise.
 */
export function matchLabel(line: string, aliases: readonly string[]): LabelledLine | null {
  const match = labelledPattern.exec(line);
  const label = match?.[1]?.trim().toLowerCase();
  if (label === undefined) return null;
  const alias = aliases.find((candidate) => candidate.toLowerCase() === label);
  return alias === undefined ? null : { label: alias, value: unbold((match?.[2] ?? '').trim()) };
}

/** Renders items as a numbered Markdown list; continuation lines are indented under their item. */
export function numberedList(items: readonly (readonly string[])[]): string {
  return items
    .map((lines, index) => {
      const [head = '', ...rest] = lines;
      return [`${index + 1}. ${head}`, ...rest.map((line) => (line === '' ? '' : `   ${line}`))].join('\n');
    })
    .join('\n');
}

// `**Label:** **value**` leaves a dangling `**` after the label's bold was consumed.
function unbold(value: string): string {
  const dangling = value.endsWith('**') && value.indexOf('**') === value.length - 2;
  return dangling ? value.slice(0, -2).trimEnd() : value;
}
