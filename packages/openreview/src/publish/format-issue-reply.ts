import { matchLabel, parseReplyLines } from './reply-lines.js';

// Meta labels the model may echo from the output structure; they are re-added by the formatter.
const metaLabels = [
  'Conclusion',
  'Suggested checks',
  'Checks',
  'Notes',
  'Summary',
  '结论',
  '建议排查',
  '补充说明',
];
// Internal triage fields that must never reach a public comment.
const internalLabels = [
  'Reply mode',
  'Classification',
  'Triage',
  'Triage label',
  'Confidence',
  '回复模式',
  '分类',
  '置信度',
];

/**
 * §5.6 issue layout: **Conclusion** (text before the first list item), **Suggested checks** (the
 * items) and **Notes** (text after them); empty parts are omitted. An all-numbered list stays numbered.
 */
export function formatIssueReply(text: string): string {
  const intro: string[] = [];
  const items: { text: string[]; ordered: boolean }[] = [];
  const tail: string[] = [];
  for (const line of parseReplyLines(text)) {
    if (!(line.kind === 'text' && line.inFence)) {
      if (matchLabel(line.text, internalLabels) !== null) continue;
      const meta = matchLabel(line.text, metaLabels);
      if (meta !== null) {
        // "Conclusion: it works" keeps its value; a bare "Conclusion" heading disappears.
        if (meta.value !== '') (items.length === 0 ? intro : tail).push(meta.value);
        continue;
      }
    }
    const last = items.at(-1);
    if (line.kind === 'item' && tail.length === 0) {
      if (line.indent > 0 && last !== undefined) last.text.push(`- ${line.text}`);
      else items.push({ text: [line.text], ordered: line.ordered });
      continue;
    }
    if (
      last !== undefined &&
      tail.length === 0 &&
      ((line.kind === 'text' && line.inFence) || /^\s+\S/.test(line.text))
    ) {
      last.text.push(line.kind === 'text' && line.inFence ? line.text : line.text.trim());
      continue;
    }
    const target = items.length === 0 ? intro : tail;
    if (line.kind === 'item') target.push(`- ${line.text}`);
    else if (line.text.trim() !== '' || target.length > 0) target.push(line.text);
  }
  return render(intro, items, tail);
}

function render(
  intro: readonly string[],
  items: readonly { text: string[]; ordered: boolean }[],
  tail: readonly string[],
): string {
  const blocks: string[] = [];
  const introText = intro.join('\n').trim();
  if (introText !== '') blocks.push(`**Conclusion**\n${introText}`);
  if (items.length > 0) {
    const ordered = items.every((item) => item.ordered);
    const list = items.map((item, index) => {
      const [head = '', ...rest] = item.text;
      const marker = ordered ? `${index + 1}.` : '-';
      const pad = ' '.repeat(marker.length + 1);
      return [`${marker} ${head}`, ...rest.map((line) => (line === '' ? '' : `${pad}${line}`))].join('\n');
    });
    blocks.push(`**Suggested checks**\n${list.join('\n')}`);
  }
  const tailText = tail.join('\n').trim();
  if (tailText !== '') blocks.push(`**Notes**\n${tailText}`);
  return blocks.join('\n\n');
}
