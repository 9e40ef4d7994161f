import type { IssueRecord } from './model-records.js';

/** The subset of GitHub's issue-search syntax the fake understands. */
export interface SearchQuery {
  readonly repos: readonly string[];
  readonly kind: 'issue' | 'pr' | undefined;
  readonly state: 'open' | 'closed' | undefined;
  readonly labels: readonly string[];
  readonly author: string | undefined;
  /** `in:title` limits terms to titles; otherwise titles and bodies are searched. */
  readonly titleOnly: boolean;
  /** Lower-cased words and quoted phrases; each must appear. */
  readonly terms: readonly string[];
}

/** Parses `q`: `repo:`, `is:issue|pr|open|closed`, `type:`, `state:`, `label:`, `author:`, `in:title`, terms. */
export function parseSearchQuery(q: string): SearchQuery {
  const repos: string[] = [];
  const labels: string[] = [];
  const terms: string[] = [];
  let kind: SearchQuery['kind'];
  let state: SearchQuery['state'];
  let author: string | undefined;
  let titleOnly = false;
  for (const token of q.match(/[^\s:"]+:"[^"]*"|"[^"]*"|\S+/g) ?? []) {
    const qualifier = /^([a-z]+):(.+)$/i.exec(token);
    const key = qualifier?.[1]?.toLowerCase();
    const value = unquote(qualifier?.[2] ?? '');
    if (key === 'repo') repos.push(value.toLowerCase());
    else if ((key === 'is' || key === 'type') && (value === 'issue' || value === 'pr')) kind = value;
    else if (key === 'is' && value === 'pull-request') kind = 'pr';
    else if ((key === 'is' || key === 'state') && (value === 'open' || value === 'closed')) state = value;
    else if (key === 'label') labels.push(value.toLowerCase());
    else if (key === 'author') author = value.toLowerCase();
    else if (key === 'in') titleOnly = value.split(',').every((where) => where === 'title');
    else if (key === undefined || !/^[a-z-]+$/.test(key)) terms.push(unquote(token).toLowerCase());
  }
  return { repos, kind, state, labels, author, titleOnly, terms: terms.filter((t) => t.length > 0) };
}

/** Whether an issue (or PR) of repository `fullName` satisfies the query. */
export function matchesSearch(query: SearchQuery, issue: IssueRecord, fullName: string): boolean {
  if (query.repos.length > 0 && !query.repos.includes(fullName.toLowerCase())) return false;
  if (query.kind === 'issue' && issue.pull !== undefined) return false;
  if (query.kind === 'pr' && issue.pull === undefined) return false;
  if (query.state !== undefined && issue.state !== query.state) return false;
  if (query.author !== undefined && issue.author.toLowerCase() !== query.author) return false;
  const own = issue.labels.map((label) => label.toLowerCase());
  if (!query.labels.every((label) => own.includes(label))) return false;
  const haystack = (query.titleOnly ? issue.title : `${issue.title}\n${issue.body ?? ''}`).toLowerCase();
  return query.terms.every((term) => haystack.includes(term));
}

function unquote(text: string): string {
  return text.startsWith('"') && text.endsWith('"') && text.length >= 2 ? text.slice(1, -1) : text;
}
