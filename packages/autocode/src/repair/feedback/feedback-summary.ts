import type { FeedbackItem } from '../feedback-item.js';
import { isOpenReviewBody } from './bot-feedback.js';

// The per-item summaries of the repair commit subject (spec §3.10): what a piece of feedback asks
// for, in a few words. OpenReview reviews state their request after fixed phrases; other text is
// cleaned of Markdown and searched for an imperative ("please …", "consider …", "add …").

const openReviewRequests = [
  /(?:需要先|需先)\s*(.+)/,
  /建议[^。；;\n]*?(补.+)/,
  /\[(?:correctness|process|security|regression) blocker\]\s*(.+)/i,
];

// Each pattern captures the request; `prefix` is put back in front ("adding X" → "add X").
const requestPatterns: readonly { readonly pattern: RegExp; readonly prefix: string }[] = [
  { pattern: /\bconsider\s+(.+)/i, prefix: '' },
  { pattern: /\bplease\s+(.+)/i, prefix: '' },
  { pattern: /\badding\s+(.+)/i, prefix: 'add ' },
  { pattern: /\badd\s+(.+)/i, prefix: 'add ' },
  { pattern: /\bupdate\s+(.+)/i, prefix: 'update ' },
  { pattern: /\bfix\s+(.+)/i, prefix: 'fix ' },
  { pattern: /\bpreserve\s+(.+)/i, prefix: 'preserve ' },
];

const gerunds: Readonly<Record<string, string>> = {
  reading: 'read',
  adding: 'add',
  updating: 'update',
  fixing: 'fix',
  preserving: 'preserve',
};

/** The longest summary, in characters. */
export const maxSummaryChars = 72;

/**
 * What one item asks for, in at most 72 characters, or `null` when it says nothing. A failing
 * check becomes "fix failing check <name>".
 */
export function feedbackSummary(item: FeedbackItem): string | null {
  if (item.kind === 'ci_failure') {
    const at = item.id.lastIndexOf('@');
    return shortenSummary(`fix failing check ${at > 0 ? item.id.slice(0, at) : item.id}`) || null;
  }
  if (item.body.trim() === '') return null;
  const summary = isOpenReviewBody(item.body)
    ? (openReviewRequest(item.body) ?? plainSummary(item.body))
    : plainSummary(item.body);
  return summary === '' ? null : summary;
}

/** Collapses whitespace, trims ` -:：.;。` and cuts at 72 characters, back to the last space. */
export function shortenSummary(text: string): string {
  const trimmed = trimEnds(text.replace(/\s+/g, ' '));
  const points = [...trimmed];
  if (points.length <= maxSummaryChars) return trimmed;
  const cut = points.slice(0, maxSummaryChars).join('');
  const lastSpace = cut.lastIndexOf(' ');
  return trimEnds(lastSpace > 0 ? cut.slice(0, lastSpace) : cut);
}

/**
 * Review text without Markdown noise: HTML comments, fenced code, images, tags and URLs go,
 * inline code and links keep their text, paragraphs end with ". ", one line.
 */
export function cleanReviewText(body: string): string {
  const text = body
    .replace(/\r\n?/g, '\n')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/(```|~~~)[\s\S]*?(?:\1|$)/g, ' ')
    .replace(/!\[[^\]\n]*\]\([^)\n]*\)/g, ' ')
    .replace(/\[([^\]\n]*)\]\([^)\n]*\)/g, '$1')
    .replace(/`([^`\n]*)`/g, '$1')
    .replace(/<\/?[a-z][^>\n]*>/gi, ' ')
    .replace(/\bhttps?:\/\/\S+/gi, ' ')
    .replace(/\n\s*\n/g, '. ')
    .replace(/[*#>|]/g, ' ')
    // Emphasis underscores go; the ones inside identifiers such as `token_count` stay.
    .replace(/(^|[^\p{L}\p{N}])_+|_+(?=[^\p{L}\p{N}]|$)/gu, '$1 ');
  return trimEnds(
    text
      .replace(/\s+/g, ' ')
      .replace(/\s+([.,;:!?])/g, '$1')
      .replace(/(?:\.\s*){2,}/g, '. '),
  );
}

function openReviewRequest(body: string): string | null {
  for (const pattern of openReviewRequests) {
    const captured = pattern.exec(body)?.[1];
    if (captured === undefined) continue;
    const summary = shortenSummary(normalizeRequest(untilSentenceEnd(cleanReviewText(captured))));
    if (summary !== '') return summary;
  }
  return null;
}

function plainSummary(body: string): string {
  const title = boldTitle(body);
  if (title !== undefined) return shortenSummary(normalizeRequest(title));
  const text = cleanReviewText(body);
  for (const { pattern, prefix } of requestPatterns) {
    const captured = pattern.exec(text)?.[1];
    if (captured === undefined) continue;
    const summary = shortenSummary(normalizeRequest(`${prefix}${untilSentenceEnd(captured)}`));
    if (summary !== '') return summary;
  }
  const [firstClause = ''] = text.split(/[。；]\s*|[.;](?:\s+|$)/);
  return shortenSummary(normalizeRequest(firstClause.trim().length >= 12 ? firstClause : text));
}

// Review tools such as Codex open with a bold one-line title (after a priority badge); it is the
// reviewer's own summary.
function boldTitle(body: string): string | undefined {
  const firstLine = body.trim().split('\n')[0]?.trim() ?? '';
  if (!/^\*\*.+\*\*$/.test(firstLine)) return undefined;
  const title = cleanReviewText(firstLine);
  return [...title].length >= 12 ? title : undefined;
}

function untilSentenceEnd(text: string): string {
  return text.split(/[。；;]|\.(?:\s|$)/)[0] ?? '';
}

function normalizeRequest(text: string): string {
  const cut = text.split(/\bwould help\b|\bto prevent\b|\bacross providers\b/i)[0] ?? '';
  const withoutAsides = cut.replace(/\s*\([^()]*\)|\s*（[^（）]*）/g, '');
  const trimmed = trimEnds(withoutAsides.replace(/\s+/g, ' '));
  return trimmed.replace(/^(\p{L}+)/u, (word) => gerunds[word.toLowerCase()] ?? word);
}

function trimEnds(text: string): string {
  return text.replace(/^[\s\-:：.;。,，]+|[\s\-:：.;。,，]+$/g, '');
}
