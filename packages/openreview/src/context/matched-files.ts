// Scoring and snippets of the "matched local code" section (spec §5.3.5 item 5): which candidate
// files the issue text points at, and the numbered lines around the hits.

/** How a file matched the text. */
export interface FileMatch {
  readonly path: string;
  readonly score: number;
  /** Search terms found in the content, in term order. */
  readonly terms: readonly string[];
}

const usageSignals =
  /\b(how|where|configure|configuration|config|enable|disable|set ?up|setup|usage|install|option|setting)s?\b|如何|怎么|怎样|配置|启用|开启|设置|用法/i;
const docsPath = /(^|\/)(readme[^/]*|docs?\/.*)$/i;
const configName = /(^|\/)[^/]*(config|settings)[^/]*$/i;
const configExtension = /\.(json|ya?ml|toml|ini|cfg|conf|properties)$/i;
const workflowPath = /(^|\/)\.github\/workflows\//;

/** Whether the text reads like a usage or configuration question. */
export function looksLikeUsageQuestion(text: string): boolean {
  return usageSignals.test(text);
}

function countOccurrences(haystack: string, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1 && count < 3; at = haystack.indexOf(needle, at + 1)) {
    count += 1;
  }
  return count;
}

function usageBias(path: string): number {
  const name = path.split('/').pop() ?? path;
  let bias = 0;
  if (docsPath.test(path)) bias += 4;
  if (name.toLowerCase().startsWith('.env')) bias += 4;
  if (configName.test(path)) bias += 3;
  if (configExtension.test(name)) bias += 2;
  if (workflowPath.test(path)) bias += 1;
  return bias;
}

/** Inputs of {@link scoreFile}. */
export interface ScoreInput {
  readonly path: string;
  readonly content: string;
  /** The issue text, lower-cased. */
  readonly lowerText: string;
  /** Search terms (at most 10 are used). */
  readonly terms: readonly string[];
  readonly usageQuestion: boolean;
}

/**
 * Path in text +10, file name +6, stem (≥4 chars) +3; per term found in the content
 * +2·min(occurrences, 3) and +1 for terms with `_./-`; usage questions favour docs and config
 * files that already match.
 */
export function scoreFile(input: ScoreInput): FileMatch {
  const lowerPath = input.path.toLowerCase();
  const name = lowerPath.split('/').pop() ?? lowerPath;
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  let score = 0;
  if (input.lowerText.includes(lowerPath)) score += 10;
  if (input.lowerText.includes(name)) score += 6;
  if (stem.length >= 4 && input.lowerText.includes(stem)) score += 3;
  const lowerContent = input.content.toLowerCase();
  const terms: string[] = [];
  for (const term of input.terms.slice(0, 10)) {
    const occurrences = countOccurrences(lowerContent, term.toLowerCase());
    if (occurrences === 0) continue;
    terms.push(term);
    score += 2 * occurrences + (/[_./-]/.test(term) ? 1 : 0);
  }
  if (input.usageQuestion && score > 0) score += usageBias(input.path);
  return { path: input.path, score, terms };
}

/** A code fence longer than any backtick run in the text, so file content cannot close it. */
export function fenced(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}\n${text}\n${fence}`;
}

/**
 * Up to three hit lines with two lines around each, numbered `N: line` with `...` between gaps;
 * the first 20 lines when nothing hits; cut to `maxChars`.
 */
export function numberedSnippet(content: string, terms: readonly string[], maxChars: number): string {
  const lines = content.split(/\r?\n/);
  const needles = terms.map((term) => term.toLowerCase());
  const hits: number[] = [];
  for (let index = 0; index < lines.length && hits.length < 3; index += 1) {
    const lower = (lines[index] ?? '').toLowerCase();
    if (needles.some((needle) => lower.includes(needle))) hits.push(index);
  }
  const shown = new Set<number>();
  if (hits.length === 0) {
    for (let index = 0; index < Math.min(20, lines.length); index += 1) shown.add(index);
  }
  for (const hit of hits) {
    for (let index = Math.max(0, hit - 2); index <= Math.min(lines.length - 1, hit + 2); index += 1) {
      shown.add(index);
    }
  }
  const out: string[] = [];
  let previous = -1;
  for (const index of [...shown].sort((a, b) => a - b)) {
    if (previous !== -1 && index > previous + 1) out.push('...');
    out.push(`${index + 1}: ${lines[index] ?? ''}`);
    previous = index;
  }
  const snippet = out.join('\n');
  return snippet.length <= maxChars ? snippet : `${snippet.slice(0, maxChars).trimEnd()}\n...`;
}

/** One file block: `### File: path`, the matched terms (≤6), the fenced snippet. */
export function renderFileBlock(path: string, terms: readonly string[], snippet: string): string {
  const matched = terms.length === 0 ? '(path match)' : terms.slice(0, 6).join(', ');
  return `### File: ${path}\nMatched terms: ${matched}\n${fenced(snippet)}`;
}
