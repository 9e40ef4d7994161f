import type { TaskType } from '../config/policy-settings.js';
import { changePrefixFor } from './change-prefix.js';

/** Input of {@link issueCommitMessage}. */
export interface IssueCommitMessageInput {
  readonly taskType: TaskType | undefined;
  readonly issueNumber: number;
  readonly title: string;
}

const shortMaxLength = 40;
const shortFallback = 'task';
// A leading tag such as "[Bug]" or "【Feature】" says nothing the prefix does not already say.
const leadingTag = /^\s*[[【][^\]】[【\n]{0,24}[\]】]\s*/u;

/**
 * The commit message of an issue run: `<prefix>(issue-<n>): <short>`, a blank line, `Refs #<n>`
 * and a `Generated-by: PatchLoop` trailer. The short part is an ASCII slug of the title (spec
 * §2.12, sanitised: the original embedded the raw lowercased title).
 */
export function issueCommitMessage(input: IssueCommitMessageInput): string {
  const subject = `${changePrefixFor(input.taskType)}(issue-${input.issueNumber}): ${commitSlug(input.title)}`;
  // The trailer gets a paragraph of its own so `git interpret-trailers` recognises it.
  return `${subject}\n\nRefs #${input.issueNumber}\n\nGenerated-by: PatchLoop\n`;
}

/** Lowercase ASCII letters and digits joined by `-`, at most 40 characters, `task` when empty. */
function commitSlug(title: string): string {
  const folded = title
    .replace(leadingTag, '')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '');
  const dashed = folded
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = dashed.slice(0, shortMaxLength).replace(/-+$/, '');
  return cut === '' ? shortFallback : cut;
}
