// Search terms of spec §5.3.3. Chinese is kept: users may write Chinese issues, and CJK text has
// no spaces, so runs of CJK characters are taken as terms of their own.

const cjkRun = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}/g;
const latinToken = /[A-Za-z0-9_./-]{3,}/g;
const cjkOnly = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$/;

// biome-ignore format: a word list reads better packed than one word per line
const stopWords: ReadonlySet<string> = new Set([
  // English
  'the', 'and', 'for', 'with', 'this', 'that', 'from', 'not', 'but', 'are', 'was', 'were', 'has', 'have',
  'had', 'can', 'could', 'should', 'would', 'will', 'when', 'what', 'why', 'how', 'does', 'did', 'doesn',
  'don', 'isn', 'into', 'about', 'after', 'before', 'there', 'their', 'then', 'than', 'them', 'they',
  'your', 'you', 'our', 'any', 'all', 'some', 'use', 'using', 'used', 'get', 'got', 'set', 'via', 'also',
  'just', 'only', 'still', 'now', 'new', 'one', 'two', 'more', 'most', 'other', 'which', 'who', 'its',
  'please', 'thanks', 'thank', 'hello', 'help', 'need', 'want', 'like', 'try', 'tried', 'work', 'works',
  'working', 'issue', 'bug', 'problem', 'question', 'feature', 'request',
  // Chinese
  '这个', '那个', '一个', '我们', '你们', '他们', '什么', '怎么', '如何', '为什么', '是否', '可以', '不能',
  '没有', '已经', '现在', '还是', '但是', '因为', '所以', '如果', '问题', '请问', '谢谢', '需要', '希望',
  '出现', '使用', '功能', '时候', '然后', '就是', '还有', '以及', '或者', '进行',
]);

/** Lower-cases and drops surrounding quotes, so `"配置"` and `配置` compare equal. */
export function normalizeTerm(term: string): string {
  return term.replace(/^"|"$/g, '').toLowerCase();
}

/** Whether a term is made of CJK characters only. */
export function isCjkTerm(term: string): boolean {
  return cjkOnly.test(normalizeTerm(term));
}

/**
 * Terms of a text: CJK runs of two or more characters first, then Latin tokens of three or more
 * characters; deduplicated case-insensitively, without stop words and pure numbers, at most `limit`.
 */
export function extractTerms(text: string, limit: number): string[] {
  const candidates = [...(text.match(cjkRun) ?? []), ...(text.match(latinToken) ?? [])];
  const seen = new Set<string>();
  const terms: string[] = [];
  for (const candidate of candidates) {
    const trimmed = candidate.replace(/^[./-]+|[./-]+$/g, '');
    const key = trimmed.toLowerCase();
    if (trimmed.length < 2 || seen.has(key) || stopWords.has(key) || /^\d+$/.test(key)) {
      continue;
    }
    seen.add(key);
    terms.push(trimmed);
    if (terms.length >= limit) {
      break;
    }
  }
  return terms;
}

/** Terms as search keywords: CJK terms in double quotes (GitHub would otherwise split them). */
export function searchKeywords(text: string, limit: number): string[] {
  return extractTerms(text, limit).map((term) => (isCjkTerm(term) ? `"${term}"` : term));
}

/** Inputs of the search queries for one issue. */
export interface SearchQueryInput {
  /** `owner/name`. */
  readonly repo: string;
  readonly title: string;
  readonly body: string;
}

const maxQueryTerms = 6;

/** The keyword part of a query (≤6 terms), or the quoted title (≤60 chars) when nothing is left. */
export function queryKeywords(input: Pick<SearchQueryInput, 'title' | 'body'>): string {
  const keywords = searchKeywords(`${input.title}\n${input.body}`, maxQueryTerms);
  if (keywords.length > 0) {
    return keywords.join(' ');
  }
  const title = input.title.replace(/"/g, ' ').trim().slice(0, 60);
  return `"${title}"`;
}

/** `repo:<repo> is:issue <terms>`: similar issues. */
export function similarIssuesQuery(input: SearchQueryInput): string {
  return `repo:${input.repo} is:issue ${queryKeywords(input)}`;
}

/** `repo:<repo> is:pr <terms>`: pull requests about the same topic. */
export function relatedPullRequestsQuery(input: SearchQueryInput): string {
  return `repo:${input.repo} is:pr ${queryKeywords(input)}`;
}

/**
 * `repo:<repo> <terms>` without a kind: one search returns similar issues AND related pull requests,
 * which keeps the daemon at two search requests per issue (GitHub allows 30 a minute, weakness 20).
 */
export function topicQuery(input: SearchQueryInput): string {
  return `repo:${input.repo} ${queryKeywords(input)}`;
}

/** `repo:<repo> is:pr "#<n>"`: pull requests that mention the issue. */
export function referencePullRequestsQuery(repo: string, issueNumber: number): string {
  return `repo:${repo} is:pr "#${issueNumber}"`;
}
