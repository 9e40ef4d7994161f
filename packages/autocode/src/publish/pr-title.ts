import type { TaskType } from '../config/policy-settings.js';
import { changePrefixFor } from './change-prefix.js';
import { capText, codePointLength, singleLine } from './markdown-text.js';
import {
  hasConventionalPrefix,
  isUsableSubject,
  minSubjectLength,
  normalizeIssueSubject,
  stripConventionalPrefixes,
} from './pr-title-rules.js';

/** Input of {@link buildPrTitle}. */
export interface PrTitleInput {
  readonly taskType: TaskType | undefined;
  readonly issueTitle: string;
  readonly issueNumber: number;
  readonly planGoal: string;
}

/** Longest subject (code points) before it is cut at a separator and ends with `…`. */
export const maxSubjectLength = 36;
/** GitHub accepts long titles; PatchLoop bounds them since they hold user-controlled text. */
export const maxTitleLength = 256;

const cutSeparators = ['，', '、', '；', ',', ' '];
const minCutLength = 18;
const edgePunctuation = /^[，。、,.\s]+|[，。、,.\s]+$/gu;
const cjk = '\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef';
const spaceBetweenCjk = new RegExp(`([${cjk}])\\s+(?=[${cjk}])`, 'gu');
const spaceBeforeCjkPunctuation = /\s+(?=[，。、；：！？）】》])/gu;
const versionToken = /(?<![\w.])v\d+(?:\.\d+){1,3}(?![\w.])/giu;
const slashBeforeDirectoryWord = /(\S)\/\s+(目录|directory|folder)/giu;
const trailingExplanations = [
  '，这让',
  ', 这让',
  '，导致',
  ', 导致',
  '，影响',
  ', 影响',
  ', causing ',
  ', which causes ',
  ', which makes ',
  ', leading to ',
  ' because ',
];
// Chinese action verbs that only repeat what the `fix:`/`feat:`/`refactor:` prefix says.
const redundantVerbs: Readonly<Record<TaskType, readonly string[]>> = {
  bug_fix: ['修复', '解决', '处理', '避免', '防止', '恢复'],
  small_feature: ['新增', '增加', '支持', '接入', '实现', '提升', '调整', '优化'],
  high_risk_feature: ['新增', '增加', '支持', '接入', '实现', '提升', '调整', '优化'],
  todo_refactor: ['补齐', '补充', '调整', '统一', '清理', '移除', '删除'],
};

/**
 * `<prefix>: <subject> (#<n>)` (spec §2.16): the subject is the issue title when it states the
 * problem, else the plan goal's first sentence, else `resolve issue #<n>`; compacted, at most 36
 * characters, one line, the whole title at most 256 characters.
 */
export function buildPrTitle(input: PrTitleInput): string {
  const issueSubject = normalizeIssueSubject(input.issueTitle);
  const goalSubject = firstSentence(input.planGoal);
  const candidate = isUsableSubject(issueSubject) ? issueSubject : goalSubject;
  let subject = compactSubject(candidate, input.taskType);
  if (!isUsableSubject(subject) && goalSubject !== '') subject = compactSubject(goalSubject, input.taskType);
  if (!isUsableSubject(subject)) subject = `resolve issue #${input.issueNumber}`;
  const title = `${changePrefixFor(input.taskType)}: ${truncateSubject(subject)} (#${input.issueNumber})`;
  return capText(singleLine(title), maxTitleLength);
}

/**
 * Whether a reused PR keeps its title: it already has the expected prefix, ends with ` (#<n>)`,
 * and its subject is usable, short, uncut and free of a second conventional prefix.
 */
export function shouldKeepExistingPrTitle(
  existing: string,
  taskType: TaskType | undefined,
  issueNumber: number,
): boolean {
  const title = existing.trim();
  if (title !== singleLine(title)) return false;
  const head = `${changePrefixFor(taskType)}: `;
  const tail = ` (#${issueNumber})`;
  if (!title.toLowerCase().startsWith(head) || !title.endsWith(tail)) return false;
  const subject = title.slice(head.length, title.length - tail.length).trim();
  if (subject.includes('…') || hasConventionalPrefix(subject)) return false;
  if (codePointLength(subject) > maxSubjectLength) return false;
  const normalized = normalizeIssueSubject(subject);
  return codePointLength(normalized) >= minSubjectLength && isUsableSubject(normalized);
}

/** The plan goal up to its first sentence end or line break. */
function firstSentence(goal: string): string {
  const firstLine = goal.replace(/\r\n?/g, '\n').split('\n')[0] ?? '';
  return singleLine(firstLine.split('。')[0]?.split(/\.\s/u)[0] ?? '');
}

/** Cleans a candidate subject: noise tokens, trailing explanations, prefixes, redundant verbs. */
function compactSubject(text: string, taskType: TaskType | undefined): string {
  let subject = normalizeSpacing(
    singleLine(text)
      .replace(/`([^`]*)`/g, '$1')
      .replace(versionToken, ' ')
      .replace(slashBeforeDirectoryWord, '$1 $2'),
  );
  subject = dropTrailingExplanation(subject);
  subject = stripConventionalPrefixes(subject);
  subject = stripRedundantVerb(subject, taskType);
  return normalizeSpacing(subject).replace(edgePunctuation, '');
}

function normalizeSpacing(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(spaceBetweenCjk, '$1')
    .replace(spaceBeforeCjkPunctuation, '')
    .trim();
}

/** "X，导致 Y" says what X causes; the title only needs X when X is long enough on its own. */
function dropTrailingExplanation(text: string): string {
  const lower = text.toLowerCase();
  for (const marker of trailingExplanations) {
    const index = lower.indexOf(marker);
    if (index < 0) continue;
    const head = text.slice(0, index).trim();
    if (codePointLength(head) >= 8) return head;
  }
  return text;
}

function stripRedundantVerb(text: string, taskType: TaskType | undefined): string {
  if (taskType === undefined) return text;
  const verb = redundantVerbs[taskType].find((candidate) => text.startsWith(candidate));
  if (verb === undefined) return text;
  const rest = text.slice(verb.length).trim();
  return codePointLength(rest) >= minSubjectLength ? rest : text;
}

/** Cuts a long subject to 36 characters, at the last separator that leaves at least 18, plus `…`. */
function truncateSubject(subject: string): string {
  const points = [...subject];
  if (points.length <= maxSubjectLength) return subject;
  let head = points.slice(0, maxSubjectLength).join('');
  for (const separator of cutSeparators) {
    const index = head.lastIndexOf(separator);
    if (index < 0) continue;
    const cut = head.slice(0, index).trim();
    if (cut !== '' && codePointLength(cut) >= minCutLength) {
      head = cut;
      break;
    }
  }
  return `${head.replace(edgePunctuation, '')}…`;
}
