import { renderUntrusted } from '../context/discussion.js';

/** A prompt ready for `AgentRequest`: the system part (preamble + role) and the task text. */
export interface BuiltPrompt {
  readonly systemPrompt: string;
  readonly prompt: string;
  /** Inputs cut to fit the prompt budget, in the order they were cut (empty when nothing was). */
  readonly trimmed: readonly string[];
}

/** The issue as every issue prompt shows it. */
export interface IssuePromptInfo {
  /** `owner/name`. */
  readonly repository: string;
  readonly number: number;
  readonly title: string;
  readonly body: string;
  readonly labels: readonly string[];
  readonly authorLogin: string;
  /** GitHub's author association (OWNER, MEMBER, CONTRIBUTOR, NONE...). */
  readonly authorAssociation: string;
  /** Whether the author has write access; when not, title and body are quoted as untrusted data. */
  readonly authorTrusted: boolean;
}

/**
 * Fixed first words of every openreview prompt. The CLI runs in a real checkout and nothing but
 * this text keeps it from editing files, so it comes before anything taken from GitHub.
 */
export const readOnlyPreamble = [
  'You are a read-only reviewer running inside a local checkout of the repository.',
  'Never modify, create or delete files, never run commands that change the repository, never commit or push.',
  'Output only the final text requested below: no thinking, no tool traces, no status messages.',
].join('\n');

/** Joins the preamble and a role line into the system part of a prompt. */
export function systemPromptFor(role: string): string {
  return `${readOnlyPreamble}\n\n${role}`;
}

/** A `## Title` section; empty content renders the given placeholder so the model sees it is absent. */
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
 * The issue block shared by the classification and analysis prompts. Title and body of an author
 * without write access are shown as quoted data so they cannot pose as instructions.
 */
export function issueInfoBlock(issue: IssuePromptInfo): string {
  const labels = issue.labels.length > 0 ? issue.labels.join(', ') : '(none)';
  const header = [
    `- **Repository**: ${issue.repository}`,
    `- **Issue**: #${issue.number}`,
    `- **Labels**: ${labels}`,
    `- **Author**: @${issue.authorLogin}`,
    `- **Author association**: ${issue.authorAssociation || 'NONE'}`,
  ];
  const body = issue.body.trim() === '' ? '(empty)' : issue.body.trim();
  if (issue.authorTrusted) {
    return [...header, `- **Title**: ${issue.title}`, '', '**Body**:', body].join('\n');
  }
  return [...header, '', renderUntrusted(`Title: ${issue.title}\n\n${body}`, issue.authorLogin)].join('\n');
}
