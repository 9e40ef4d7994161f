import { untrustedBlock } from './untrusted-block.js';

/** A prompt for a coding CLI: the system part and the task text. */
export interface BuiltPrompt {
  readonly systemPrompt: string;
  readonly prompt: string;
}

/** The issue as the planner and executor prompts show it. */
export interface PromptIssue {
  readonly number: number;
  readonly title: string;
  readonly body: string;
}

/** A `## Title` section; empty content renders `placeholder` so the model sees it is absent. */
export function section(title: string, content: string, placeholder = '(none)'): string {
  const text = content.trim();
  return `## ${title}\n${text === '' ? placeholder : text}`;
}

/** Numbered rules, one per line. */
export function numberedRules(rules: readonly string[]): string {
  return rules.map((rule, index) => `${index + 1}. ${rule}`).join('\n');
}

/** Wraps text in a fence longer than any backtick run inside it, so the text cannot close it. */
export function fenced(text: string, language = ''): string {
  const longestRun = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}${language}\n${text}\n${fence}`;
}

/**
 * Title and body of an issue. An author with write access is shown plainly; anyone else's text
 * goes inside an `<untrusted-issue>` block so it cannot pose as instructions (weakness 4).
 */
export function issueText(issue: PromptIssue, trustedAuthor: boolean): string {
  const body = issue.body.trim() === '' ? '(none)' : issue.body.trim();
  if (trustedAuthor) return `Title: ${issue.title.trim()}\n\nBody:\n${body}`;
  return untrustedBlock('issue', `Title: ${issue.title.trim()}\n\nBody:\n${body}`);
}
