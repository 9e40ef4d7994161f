import { untrustedInline } from './untrusted-block.js';

/** One issue comment as the planner prompt shows it. */
export interface DiscussionEntry {
  readonly login: string;
  readonly body: string;
  /** The author may approve work (write access or the configured permission); their text is trusted. */
  readonly isApprover: boolean;
  readonly isBot: boolean;
  /** ISO-8601 timestamp; entries are passed oldest first. */
  readonly createdAt: string;
}

/** How much discussion the planner prompt carries. */
export interface FormatDiscussionOptions {
  /** How many of the latest non-empty comments to show. */
  readonly limit?: number;
  /** Longest snippet per comment, ellipsis included. */
  readonly snippetChars?: number;
}

/**
 * The discussion lines of the planner prompt (spec §2.4 step 2): the latest `limit` non-empty
 * comments, oldest first, as `- <login> (<tags>): <snippet>`. Text from anyone but an approver is
 * wrapped as untrusted data (weakness 4). Returns an empty string when there is nothing to show.
 */
export function formatDiscussion(
  entries: readonly DiscussionEntry[],
  options: FormatDiscussionOptions = {},
): string {
  const limit = options.limit ?? 8;
  const snippetChars = options.snippetChars ?? 400;
  return entries
    .filter((entry) => entry.body.trim() !== '')
    .slice(-limit)
    .map((entry) => discussionLine(entry, snippetChars))
    .join('\n');
}

function discussionLine(entry: DiscussionEntry, snippetChars: number): string {
  const login = entry.login.trim() || 'unknown';
  const tags = entry.isApprover ? ['maintainer'] : entry.isBot ? ['bot', 'untrusted'] : ['untrusted'];
  const snippet = collapseSnippet(entry.body, snippetChars);
  const text = entry.isApprover ? snippet : untrustedInline('comment', snippet);
  return `- ${login} (${tags.join(', ')}): ${text}`;
}

/** Collapses whitespace and cuts to `limit` characters, the last one being `…`. */
export function collapseSnippet(text: string, limit: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > limit ? `${flat.slice(0, Math.max(0, limit - 1))}…` : flat;
}
