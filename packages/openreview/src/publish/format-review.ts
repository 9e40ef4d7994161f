import type { ReplyLine } from './reply-lines.js';
import { matchLabel, numberedList, parseReplyLines } from './reply-lines.js';

/** A summary label: its canonical English form and the spellings accepted from the model. */
interface LabelSpec {
  readonly canonical: string;
  readonly aliases: readonly string[];
}

/** The layout of a structured answer: heading, labels in canonical order, and the list section. */
export interface StructuredLayout {
  readonly heading: string;
  readonly labels: readonly LabelSpec[];
  readonly listHeading: string;
  readonly listAliases: readonly string[];
  /** Whether "nothing to report" answers render as one bullet instead of a numbered list. */
  readonly collapseNone: boolean;
}

/** §5.6 review layout: five verdicts, then "Main problems"; the original's Chinese labels are aliases. */
export const reviewLayout: StructuredLayout = {
  heading: 'Review summary',
  labels: [
    { canonical: 'Necessity', aliases: ['Necessity', '必要性'] },
    { canonical: 'Linked issue', aliases: ['Linked issue', 'Linked issues', '是否有对应 issue'] },
    { canonical: 'PR type', aliases: ['PR type', 'PR 类型'] },
    {
      canonical: 'Description completeness',
      aliases: ['Description completeness', 'description 完整性'],
    },
    { canonical: 'Ready to merge', aliases: ['Ready to merge', '是否可直接合入'] },
  ],
  listHeading: 'Main problems',
  listAliases: ['Main problems', 'Main problem', '主要问题'],
  collapseNone: true,
};

/** §5.6 follow-up layout: Conclusion and Still blocking, then numbered Notes. */
export const followUpLayout: StructuredLayout = {
  heading: 'Follow-up conclusion',
  labels: [
    { canonical: 'Conclusion', aliases: ['Conclusion', '结论'] },
    { canonical: 'Still blocking', aliases: ['Still blocking', '是否仍有阻断'] },
  ],
  listHeading: 'Notes',
  listAliases: ['Notes', 'Note', '说明'],
  collapseNone: false,
};

const noProblems = /no blocking problems? found|未发现阻断性问题|^(none|无|no)\.?$/i;
const ownHeadings = ['Review summary', '评审结论', 'Follow-up conclusion', '跟进结论'];

/**
 * Formats a review or follow-up answer into its layout. Lines that fit no label are kept as prose
 * under the summary instead of being dropped (weakness 7); with no label or list found at all the
 * sanitized text is returned unchanged.
 */
export function formatStructured(text: string, layout: StructuredLayout): string {
  const values = new Map<string, string>();
  const prose: string[] = [];
  const items: string[][] = [];
  let inList = false;
  let listSeen = false;
  for (const line of parseReplyLines(text)) {
    const raw = line.text;
    if (!inList && line.kind === 'text' && !line.inFence && matchLabel(raw, ownHeadings) !== null) continue;
    const listStart =
      line.kind === 'text' && line.inFence ? null : matchLabel(lineSource(line), layout.listAliases);
    if (listStart !== null) {
      inList = true;
      listSeen = true;
      if (listStart.value !== '') items.push([listStart.value]);
      continue;
    }
    if (!inList) {
      const label = line.kind === 'text' && line.inFence ? undefined : findLabel(lineSource(line), layout);
      if (label !== undefined) {
        values.set(label.canonical, label.value);
        continue;
      }
      if (raw.trim() !== '' || prose.length > 0) prose.push(lineSource(line));
      continue;
    }
    addListLine(items, line);
  }
  if (values.size === 0 && !listSeen) return text.trim();
  return renderLayout(layout, values, prose, items);
}

function lineSource(line: ReplyLine): string {
  if (line.kind === 'text') return line.text;
  return line.ordered ? `1. ${line.text}` : `- ${line.text}`;
}

function findLabel(
  source: string,
  layout: StructuredLayout,
): { canonical: string; value: string } | undefined {
  for (const spec of layout.labels) {
    const match = matchLabel(source, spec.aliases);
    if (match !== null && match.value !== '') return { canonical: spec.canonical, value: match.value };
  }
  return undefined;
}

// A top-level list item starts a new entry; nested items, fences and prose continue the last one.
function addListLine(items: string[][], line: ReplyLine): void {
  const last = items.at(-1);
  if (line.kind === 'item' && (line.indent === 0 || last === undefined)) {
    items.push([line.text]);
    return;
  }
  const text = line.kind === 'item' ? `- ${line.text}` : line.inFence ? line.text : line.text.trim();
  if (last === undefined) {
    if (text !== '') items.push([text]);
    return;
  }
  last.push(text);
}

function renderLayout(
  layout: StructuredLayout,
  values: ReadonlyMap<string, string>,
  prose: readonly string[],
  items: readonly (readonly string[])[],
): string {
  const blocks: string[] = [];
  const summary = layout.labels.flatMap((spec) => {
    const value = values.get(spec.canonical);
    return value === undefined ? [] : [`- **${spec.canonical}**: ${value}`];
  });
  const proseText = prose.join('\n').trim();
  if (summary.length > 0 || proseText !== '') {
    blocks.push(
      [`**${layout.heading}**`, ...summary, ...(proseText === '' ? [] : ['', proseText])].join('\n'),
    );
  }
  const cleaned = items.map(trimTrailingBlanks).filter((lines) => lines.length > 0);
  if (cleaned.length > 0) {
    const [only] = cleaned;
    const nothing = cleaned.length === 1 && only?.length === 1 && noProblems.test(only[0] ?? '');
    // "No blocking problems" is a verdict worth showing; an empty "Notes: none" is not.
    if (!nothing) blocks.push(`**${layout.listHeading}**\n${numberedList(cleaned)}`);
    else if (layout.collapseNone) blocks.push(`**${layout.listHeading}**\n- ${only?.[0] ?? ''}`);
  }
  return blocks.join('\n\n');
}

function trimTrailingBlanks(lines: readonly string[]): string[] {
  const result = [...lines];
  while (result.length > 0 && (result.at(-1) ?? '').trim() === '') result.pop();
  return result;
}
