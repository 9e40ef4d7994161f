import type { Issue } from '@patchloop/core';
import { extractTerms, isCjkTerm, normalizeTerm } from './search-terms.js';

/** The issue being triaged. */
export interface TriagedIssue {
  readonly number: number;
  readonly title: string;
  readonly body: string;
}

/** A high-confidence duplicate candidate and why it matched. */
export interface DuplicateMatch {
  readonly issue: Issue;
  readonly score: number;
  /** Shared title terms. */
  readonly titleOverlap: readonly string[];
  /** Shared title+body terms. */
  readonly overlap: readonly string[];
  readonly exactTitle: boolean;
}

// biome-ignore format: a word list reads better packed than one word per line
const genericWords: ReadonlySet<string> = new Set([
  'config', 'configs', 'configuration', 'settings', 'setting', 'path', 'paths', 'readme', 'docs', 'doc',
  'usage', 'option', 'options', 'question', 'issue', 'error', 'problem',
  '配置', '设置', '路径', '文档', '说明', '使用', '用法', '选项', '问题', '错误', '报错',
]);

const maxTitleTerms = 8;
const maxAllTerms = 12;
const maxDuplicates = 3;

/** Lower-case with every non-word character removed: titles equal under this are duplicates. */
export function normalizeTitle(title: string): string {
  return title.toLowerCase().replace(/[^\p{L}\p{N}_]/gu, '');
}

/** A term specific enough to identify a topic: not generic, and structured, numeric or long. */
export function isDistinctiveTerm(term: string): boolean {
  const normalized = normalizeTerm(term);
  if (genericWords.has(normalized)) {
    return false;
  }
  if (/[_./-]|\d/.test(normalized)) {
    return true;
  }
  return isCjkTerm(normalized) ? normalized.length >= 4 : normalized.length >= 6;
}

function termSet(text: string, limit: number): Set<string> {
  return new Set(extractTerms(text, limit).map(normalizeTerm));
}

function shared(a: ReadonlySet<string>, b: ReadonlySet<string>): string[] {
  return [...a].filter((term) => b.has(term));
}

/** Compares one candidate with the issue; `null` unless it is a high-confidence duplicate. */
export function matchDuplicate(current: TriagedIssue, candidate: Issue): DuplicateMatch | null {
  if (candidate.number === current.number || candidate.title.trim() === '') {
    return null;
  }
  const currentTitle = termSet(current.title, maxTitleTerms);
  const candidateTitle = termSet(candidate.title, maxTitleTerms);
  const titleOverlap = shared(currentTitle, candidateTitle);
  const overlap = shared(
    termSet(`${current.title}\n${current.body}`, maxAllTerms),
    termSet(`${candidate.title}\n${candidate.body}`, maxAllTerms),
  );
  const exactTitle =
    normalizeTitle(current.title) !== '' && normalizeTitle(current.title) === normalizeTitle(candidate.title);
  const ratio = titleOverlap.length / Math.max(currentTitle.size, candidateTitle.size, 1);
  const distinctive = titleOverlap.filter(isDistinctiveTerm).length;
  const duplicate =
    exactTitle ||
    (titleOverlap.length >= 3 && ratio >= 0.6 && distinctive >= 2) ||
    (titleOverlap.length >= 2 && ratio >= 0.75 && distinctive >= 1) ||
    (titleOverlap.length >= 2 && ratio >= 0.5 && distinctive >= 2 && overlap.length >= 5);
  if (!duplicate) {
    return null;
  }
  const score =
    (exactTitle ? 10 : 0) + 3 * titleOverlap.length + overlap.length + (candidate.state === 'closed' ? 1 : 0);
  return { issue: candidate, score, titleOverlap, overlap, exactTitle };
}

/** High-confidence duplicates among search hits: best score, then closed, newest, highest number; ≤3. */
export function detectDuplicates(current: TriagedIssue, candidates: readonly Issue[]): DuplicateMatch[] {
  return candidates
    .map((candidate) => matchDuplicate(current, candidate))
    .filter((match): match is DuplicateMatch => match !== null)
    .sort(
      (a, b) =>
        b.score - a.score ||
        Number(b.issue.state === 'closed') - Number(a.issue.state === 'closed') ||
        Date.parse(b.issue.updatedAt) - Date.parse(a.issue.updatedAt) ||
        b.issue.number - a.issue.number,
    )
    .slice(0, maxDuplicates);
}
