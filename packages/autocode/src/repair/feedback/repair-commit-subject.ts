import { singleLine } from '../../publish/markdown-text.js';
import type { FeedbackItem } from '../feedback-item.js';
import { feedbackSummary, shortenSummary } from './feedback-summary.js';

const fallbackSummary = 'apply targeted review feedback';

/**
 * The subject of a repair commit (spec §3.10): `fix(review-feedback-<n>): <summary>`, the summary
 * being up to two distinct item summaries joined by " and ", else "update <files> from review
 * feedback", else "apply targeted review feedback"; one sanitised line of at most 72 characters.
 */
export function repairCommitSubject(prNumber: number, items: readonly FeedbackItem[]): string {
  return `fix(review-feedback-${prNumber}): ${repairSummary(items)}`;
}

function repairSummary(items: readonly FeedbackItem[]): string {
  const summaries = distinct(
    items.map((item) => sanitize(feedbackSummary(item) ?? '')).filter((summary) => summary !== ''),
  );
  const joined = shortenSummary(summaries.slice(0, 2).join(' and '));
  if (joined !== '') return joined;
  const files = distinct(
    items.flatMap((item) => (item.path === null ? [] : [sanitize(item.path.split('/').at(-1) ?? '')])),
  ).filter((name) => name !== '');
  if (files.length > 0) return shortenSummary(`update ${files.slice(0, 2).join(', ')} from review feedback`);
  return fallbackSummary;
}

// Weakness 30: the summary is reviewer text. It becomes one plain line, and without `#` and URLs
// a "fix #12" in a review cannot close issue 12 when the commit reaches the default branch.
function sanitize(text: string): string {
  return singleLine(
    text
      .replace(/\bhttps?:\/\/\S+/gi, ' ')
      .replace(/[`#]/g, ' ')
      .replace(/\bgh-(?=\d)/gi, ''),
  );
}

function distinct(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = value.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
