import { renderMarker } from '@patchloop/core';
import { defuseGitHubText, singleLine } from '../publish/markdown-text.js';
import type { SourceItem } from './source-item.js';

/** The issue type a draft is filed as; it decides both the title prefix and the type label. */
export type DraftIssueType = 'bug' | 'enhancement' | 'documentation';

/** Why a draft was created as its type, or why it was skipped: stable codes, not prose. */
export type DraftReason =
  | 'security_keyword'
  | 'bug_keyword'
  | 'docs_keyword'
  | 'feature_default'
  | 'heuristic_finding'
  | 'tentative_item'
  | 'checked_item'
  | 'empty_item';

/** A public issue drafted from a source item, or the decision not to file one. */
export interface IssueDraft {
  readonly action: 'create' | 'skip';
  readonly title: string;
  readonly body: string;
  /** `autocode` plus exactly one type label. */
  readonly labels: readonly string[];
  readonly reason: DraftReason;
}

const maxTitleLength = 120;
const maxTextLength = 4_000;
const titlePrefixes: Readonly<Record<DraftIssueType, string>> = {
  bug: '[Bug]',
  enhancement: '[Feature]',
  documentation: '[Docs]',
};

// Neutral keyword tables (spec autocode-adapters §10 item 25: nothing project specific).
// Chinese inputs are kept next to English ones because backlogs are written in both.
const tentativePattern =
  /\b(?:maybe|perhaps|possibly|unverified|unconfirmed|not sure|to be confirmed|needs? (?:confirmation|verification)|not (?:needed|necessary|required) any ?more|no need|won'?t fix|wontfix|not a bug|obsolete)\b|也许|或许|未验证|待确认|待验证|不确定|无需|不需要|暂不/i;
const securityPattern =
  /\b(?:security|vulnerab\w*|exploit\w*|injection|xss|csrf|ssrf|rce|cve-\d+|secrets?|credentials?|passwords?|privilege escalation|auth(?:entication|orization)? bypass|path traversal|unsafe deserialization)\b|安全|漏洞|注入|越权|泄露/i;
// A symptom, not the verb "fix": "fix the wording" is no bug report.
const bugPattern =
  /\b(?:bugs?|fixme|broken|crash\w*|regressions?|incorrect|wrong|leaks?|fail(?:s|ed|ing|ures?)?|unhandled (?:exceptions?|errors?|rejections?)|deadlocks?|race conditions?|panics?|hangs?)\b|崩溃|报错|错误|失败|缺陷|异常/i;
const docsPattern =
  /\b(?:docs?|documentation|documented|readme|changelog|typos?|guides?|tutorials?|docstrings?)\b|文档|说明|注释/i;
const vagueTitlePattern =
  /^(?:fix|fixes|update|updates|change|changes|cleanup|clean up|refactor|improve|improvements?|tweak|misc|stuff|wip|todo|tbd|optimi[sz]e)\W*$|一下$/i;
const priorityTagPattern = /^\s*(?:p[0-4]|sev ?[0-4]|urgent|critical|blocker|blocking|紧急|阻塞)\s*$/i;
// Absolute paths of the machine the item was found on (home directories, temp dirs, drives).
const absolutePathPattern =
  /(?<![\w.~-])(?:\/(?:home|Users|root|tmp|var|opt|etc|usr|srv|mnt|private|Volumes|workspace|work)(?:\/[^\s`'"()<>[\]]+)+|[A-Za-z]:\\[^\s`'"()<>[\]]+)/g;

/**
 * Drafts the public issue for a source item without a model (spec autocode-service §7.3 step 3,
 * deterministic part): a `[Bug]`/`[Feature]`/`[Docs]` title, `autocode` plus one type label,
 * security or bug words force `bug`, tentative items are skipped, and the body carries the
 * item's hidden marker so the issue can be found again by its item.
 */
export function draftIssue(item: SourceItem): IssueDraft {
  const text = stripTags(singleLine(withoutAbsolutePaths(item.title)));
  const context = classificationText(item, text);
  const skip = (reason: DraftReason): IssueDraft => ({
    action: 'skip',
    title: text,
    body: '',
    labels: [],
    reason,
  });
  if (item.checked) return skip('checked_item');
  if (text === '') return skip('empty_item');
  if (tentativePattern.test(context)) return skip('tentative_item');
  const { type, reason } = classify(item, context);
  const subject = vagueTitlePattern.test(text) || [...text].length < 4 ? fallbackSubject(item, text) : text;
  return {
    action: 'create',
    title: cut(`${titlePrefixes[type]} ${subject}`, maxTitleLength),
    body: draftBody(item, text),
    labels: ['autocode', type],
    reason,
  };
}

/**
 * The words an item is judged by: its text, its backlog section and, for idle notes, whether it
 * is a FIXME. File paths and code context are left out so `src/errors.ts` does not make a bug.
 */
function classificationText(item: SourceItem, text: string): string {
  const sections = item.body.split('\n').filter((line) => line.startsWith('Belongs to:'));
  const fixme = item.source === 'idle' && item.body.includes('`FIXME`') ? ['FIXME'] : [];
  return [text, ...sections, ...fixme].join('\n');
}

function classify(item: SourceItem, context: string): { type: DraftIssueType; reason: DraftReason } {
  // A heuristic finding (a long function) is a code improvement; its title holds a file path.
  if (item.key.startsWith('idle-analysis:')) return { type: 'enhancement', reason: 'heuristic_finding' };
  if (securityPattern.test(context)) return { type: 'bug', reason: 'security_keyword' };
  if (bugPattern.test(context)) return { type: 'bug', reason: 'bug_keyword' };
  // A note left in a Markdown or text file is about the documentation itself.
  const inDocs = item.source === 'idle' && /\.(?:md|markdown|txt|rst)$/i.test(item.sourcePath);
  if (inDocs || docsPattern.test(context)) return { type: 'documentation', reason: 'docs_keyword' };
  return { type: 'enhancement', reason: 'feature_default' };
}

function draftBody(item: SourceItem, text: string): string {
  const details = withoutAbsolutePaths(item.body.replace(/\r\n?/g, '\n')).trim();
  const parts = item.source === 'idle' ? [details] : [text, details];
  const content = defuseGitHubText(cut(parts.filter((part) => part !== '').join('\n\n'), maxTextLength));
  return `${content}\n\n${renderMarker({ service: 'autocode', kind: 'source-item', key: item.key })}`;
}

/** A title that says what the item is about when its own words are too vague to stand alone. */
function fallbackSubject(item: SourceItem, text: string): string {
  const where =
    item.source === 'idle' ? `note in ${item.sourcePath}` : `${item.source} item in ${item.sourcePath}`;
  return `Follow up on ${where}: ${text}`;
}

/**
 * Drops leading `[tag]` prefixes (such as a configured `[Backlog]`) and surrounding quotes, but
 * keeps priority tags (`[P0]`, `[sev1]`, `[urgent]`...): they decide whether a bug is an emergency.
 */
function stripTags(title: string): string {
  const kept: string[] = [];
  let rest = title.trim();
  for (let tag = /^\[([^\]]*)\]\s*/.exec(rest); tag !== null; tag = /^\[([^\]]*)\]\s*/.exec(rest)) {
    if (priorityTagPattern.test(tag[1] ?? '')) kept.push(`[${tag[1]}]`);
    rest = rest.slice(tag[0].length);
  }
  const text = rest.replace(/^["'“”‘’`]+|["'“”‘’`]+$/g, '').trim();
  return text === '' ? '' : [...kept, text].join(' ');
}

function withoutAbsolutePaths(text: string): string {
  return text.replace(absolutePathPattern, (found) => {
    const name =
      found
        .split(/[\\/]/)
        .filter((part) => part !== '')
        .at(-1) ?? '';
    return name === '' ? 'a local path' : name;
  });
}

function cut(text: string, max: number): string {
  const points = [...text];
  return points.length <= max
    ? text
    : `${points
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}
