// Text heuristics behind PR titles (spec §2.16): which issue titles say what the change is about
// and which are questions, requests or complaints that a PR title should not repeat. The Chinese
// lists are the original's input patterns; the English lists are their equivalents. The
// original's repository-specific rules (API result, packaging, one page layout) are dropped.

import { codePointLength, singleLine } from './markdown-text.js';

/** Minimum length (code points) of a subject worth using. */
export const minSubjectLength = 5;

// One leading tag such as "[Bug]", "[feature request]" or "【文档】".
const leadingTag = /^[[【][^\]】[【]{0,24}[\]】]\s*/u;
// "fix:", "feat(api)!:", "Bug：" and the like, ASCII or full-width colon.
const conventionalPrefix =
  /^(?:fix|feat|feature|bug|bugfix|hotfix|doc|docs|chore|refactor|test|tests|improve|improvement|perf)(?:\([^)]{0,40}\))?!?\s*[:：]\s*/iu;

const questionEndings = ['？', '?', '吗', '呢', '吧', '嘛'];
const questionMarkers = ['？', '?', '吗'];
const chineseOpeners = [
  '为什么',
  '为啥',
  '怎么',
  '如何',
  '能否',
  '能不能',
  '能新增',
  '能增加',
  '能加',
  '可以',
  '可否',
  '请问',
  '是否',
  '有没有',
  '是不是',
];
const englishOpeners = [
  'why',
  'how come',
  'how do',
  'how does',
  'how can',
  'how to',
  'what',
  'can you',
  'could you',
  'would you',
  'can we',
  'could we',
  'can i',
  'is it possible',
  'is there',
  'are there',
  'please',
  'pls',
  'any way',
  'does anyone',
  'do you',
  'i wonder',
];
const chineseLowSignalStarts = [
  '今天',
  '昨天',
  '刚刚',
  '现在',
  '目前',
  '突然',
  '又',
  '还是',
  '这边',
  '这里',
  '那边',
  '这个',
  '这块',
  '好像',
  '似乎',
  '建议',
];
const englishLowSignalStarts = [
  'today',
  'yesterday',
  'suddenly',
  'just now',
  'right now',
  'currently',
  'again',
  'somehow',
  'apparently',
  'it seems',
  'seems like',
  'i think',
  'maybe',
];
const chineseComplaintEndings = [
  '跑不动了',
  '跑不动',
  '起不来了',
  '起不来',
  '用不了了',
  '用不了',
  '不工作了',
  '不工作',
  '有问题了',
  '有问题',
  '出问题了',
  '出问题',
  '挂了',
  '坏了',
  '不行了',
  '崩了',
  '炸了',
  '略作调整',
  '略做调整',
  '调整一下',
];
const englishComplaintEndings = [
  "doesn't work",
  'does not work',
  'not working',
  'stopped working',
  'is broken',
  'broken again',
  "won't start",
  'will not start',
  "can't start",
  'is down',
  'crashed again',
  'keeps crashing',
];

/** Removes conventional-commit prefixes (`fix:`, `feat(api):`, `Bug：`) until none is left. */
export function stripConventionalPrefixes(text: string): string {
  let current = text.trim();
  for (;;) {
    const next = current.replace(conventionalPrefix, '').trim();
    if (next === current) return current;
    current = next;
  }
}

/** True when `text` starts with a conventional-commit prefix. */
export function hasConventionalPrefix(text: string): boolean {
  return conventionalPrefix.test(text.trim());
}

/**
 * An issue title reduced to its subject: one line, one leading `[tag]` and any conventional
 * prefixes dropped; `''` when fewer than five characters are left.
 */
export function normalizeIssueSubject(title: string): string {
  const subject = stripConventionalPrefixes(singleLine(title).replace(leadingTag, ''));
  return codePointLength(subject) < minSubjectLength ? '' : subject;
}

/** True when `text` can serve as a PR title subject: not empty, not just a number, not informal. */
export function isUsableSubject(text: string): boolean {
  const trimmed = singleLine(text);
  if (/^[\s(#\d)]*$/u.test(trimmed)) return false;
  if (isInformal(trimmed)) return false;
  const compact = trimmed.replace(/\s+/g, '');
  if (chineseLowSignalStarts.some((word) => compact.startsWith(word))) return false;
  if (chineseComplaintEndings.some((word) => compact.endsWith(word))) return false;
  const lower = trimmed.toLowerCase().replace(/[\s.!！。]+$/u, '');
  if (startsWithWord(lower, englishLowSignalStarts)) return false;
  return !englishComplaintEndings.some((phrase) => lower === phrase || lower.endsWith(` ${phrase}`));
}

/** A question or a request rather than a statement of the problem. */
function isInformal(text: string): boolean {
  if (questionEndings.some((ending) => text.endsWith(ending))) return true;
  if (questionMarkers.some((marker) => text.includes(marker))) return true;
  if (chineseOpeners.some((opener) => text.startsWith(opener))) return true;
  return startsWithWord(text.toLowerCase(), englishOpeners);
}

/** True when `lower` starts with one of `phrases` followed by a word boundary. */
function startsWithWord(lower: string, phrases: readonly string[]): boolean {
  return phrases.some(
    (phrase) =>
      lower === phrase || (lower.startsWith(phrase) && /^[\s,:;.!]/.test(lower.slice(phrase.length))),
  );
}
