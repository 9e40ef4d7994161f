import { untrustedInline } from '../../planning/untrusted-block.js';
import type { FeedbackItem } from '../feedback-item.js';

// How the repair prompt lists feedback (spec §3.2 "Feedback text for prompts"). The location
// comes from GitHub's structured fields and is always shown as is; what people wrote is quoted as
// untrusted data unless the author may approve work (weakness 4).

// The first line of a failing-check item: "Check `<name>` failed (<conclusion>): ".
const checkHeadline = /^Check `(.+?)` failed(?: \(([^)]*)\))?:[ \t]*/;

/**
 * One item as text: `<path>:<line> (<side>): <body>`, `<path>:<line>: <body>`, `<path>: <body>`,
 * or the body alone; a failing check as `check <name> (<conclusion>): <summary>` and its excerpt.
 */
export function feedbackItemText(item: FeedbackItem): string {
  const body = normalizeBody(item.body);
  if (body === '') return '';
  if (item.kind === 'ci_failure') return checkText(item, body);
  return `${locationOf(item)}${body}`;
}

/**
 * The feedback bullets of a repair prompt, oldest first, one per item with text. Continuation
 * lines are indented under their bullet; untrusted text sits inside `<untrusted-comment>` tags.
 */
export function feedbackPromptLines(items: readonly FeedbackItem[]): string[] {
  return items.flatMap((item) => {
    const body = normalizeBody(item.body);
    if (body === '') return [];
    const text = item.trusted ? feedbackItemText(item) : untrustedText(item, body);
    return [`- ${text.replaceAll('\n', '\n  ')}`];
  });
}

function untrustedText(item: FeedbackItem, body: string): string {
  if (item.kind !== 'ci_failure') return `${locationOf(item)}${untrustedInline('comment', body)}`;
  return `check ${checkName(item)}: ${untrustedInline('comment', body)}`;
}

function locationOf(item: FeedbackItem): string {
  if (item.path === null || item.path === '') return '';
  if (item.line === null) return `${item.path}: `;
  return item.side === null || item.side === ''
    ? `${item.path}:${item.line}: `
    : `${item.path}:${item.line} (${item.side}): `;
}

function checkText(item: FeedbackItem, body: string): string {
  const headline = checkHeadline.exec(body);
  if (headline === null) return `check ${checkName(item)}: ${body}`;
  const [matched, name = checkName(item), conclusion] = headline;
  const outcome = conclusion === undefined || conclusion === '' ? '' : ` (${conclusion})`;
  return `check ${name}${outcome}: ${body.slice(matched.length)}`;
}

// A check item's id is `<check name>@<head sha>`.
function checkName(item: FeedbackItem): string {
  const at = item.id.lastIndexOf('@');
  return at > 0 ? item.id.slice(0, at) : item.id;
}

function normalizeBody(body: string): string {
  return body.replace(/\r\n?/g, '\n').trim();
}
