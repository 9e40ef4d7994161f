import { extractTerms } from './search-terms.js';

// The evidence pack of spec §5.3.5 item 3: which repository files the text points at, which error
// names and identifiers it carries, and which tests probably cover them. Pure over the candidate
// file list, so a path named in an issue can only ever resolve to a permitted file.

/** A repository file the text names, with the line when one was given. */
export interface MentionedFile {
  readonly path: string;
  readonly line: number | null;
}

/** What the evidence pack found. */
export interface EvidencePack {
  /** Files named in the text (issue mode) or the changed files (PR mode). */
  readonly files: readonly MentionedFile[];
  readonly clues: readonly string[];
  readonly relatedTests: readonly string[];
}

/** Inputs of {@link buildEvidencePack}. */
export interface EvidencePackInput {
  readonly text: string;
  /** Candidate repository files (already filtered for secrets). */
  readonly files: readonly string[];
  /** PR mode: the changed files seed the pack instead of the paths named in the text. */
  readonly seeds?: readonly string[];
  readonly maxFiles: number;
}

const fileExtensions =
  'py|pyi|js|mjs|cjs|ts|mts|cts|tsx|jsx|json|ya?ml|toml|ini|cfg|conf|md|txt|rst|sh|go|rs|java|kt|rb|php|' +
  'c|cc|cpp|h|hpp|cs|swift|scala|vue|svelte|html|css|scss|sql|xml|gradle|properties';
const fileToken = new RegExp(
  `(?<![\\w/.\\\\-])((?:[A-Za-z]:)?[\\w./\\\\@~-]*\\.(?:${fileExtensions}))(?::(\\d+))?(?![\\w])`,
  'gi',
);
const tracebackPath = /File "([^"\n]+)", line (\d+)/g;
const errorName = /\b[A-Za-z_][\w.]*(?:Error|Exception)\b/g;
const allCaps = /\b[A-Z][A-Z0-9_]{3,}\b/g;
const testPath = /(^|\/)(tests?|__tests__|specs?)\/|(^|\/)test_[^/]*$|_test\.\w+$|\.(test|spec)\.\w+$/i;
const maxClues = 12;
const maxTests = 8;

/** Whether a path looks like a test file. */
function isTestPath(file: string): boolean {
  return testPath.test(file);
}

/** Resolves a path-like token to a candidate: exact, then by trailing components either way. */
function resolveToken(token: string, files: readonly string[]): string | null {
  const cleaned = token.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
  if (files.includes(cleaned)) return cleaned;
  // An absolute path from a traceback ends with the repository-relative path.
  const suffixOfToken = files
    .filter((file) => cleaned.endsWith(`/${file}`))
    .sort((a, b) => b.length - a.length)[0];
  if (suffixOfToken !== undefined) return suffixOfToken;
  if (cleaned.includes('..')) return null;
  return files.find((file) => file.endsWith(`/${cleaned}`)) ?? null;
}

function mentionedFiles(text: string, files: readonly string[], limit: number): MentionedFile[] {
  const found = new Map<string, number | null>();
  const add = (token: string, line: string | undefined): void => {
    const resolved = resolveToken(token, files);
    if (resolved === null || found.size >= limit) return;
    const parsed = line === undefined ? null : Number(line);
    if (!found.has(resolved) || found.get(resolved) === null) found.set(resolved, parsed);
  };
  for (const match of text.matchAll(tracebackPath)) add(match[1] ?? '', match[2]);
  for (const match of text.matchAll(fileToken)) add(match[1] ?? '', match[2]);
  return [...found].map(([path, line]) => ({ path, line }));
}

/** Error/exception names, ALL-CAPS names and identifier-like terms of a text, at most 12. */
function errorClues(text: string): string[] {
  const identifiers = extractTerms(text, 40).filter(
    (term) => /^[A-Za-z_]\w*$/.test(term) && (term.includes('_') || /[a-z][A-Z]/.test(term)),
  );
  const clues = [...(text.match(errorName) ?? []), ...(text.match(allCaps) ?? []), ...identifiers];
  return [...new Set(clues)].slice(0, maxClues);
}

function stem(file: string): string {
  const name = file.split('/').pop() ?? file;
  const dot = name.lastIndexOf('.');
  return (dot > 0 ? name.slice(0, dot) : name).toLowerCase();
}

function relatedTests(
  files: readonly string[],
  seeds: readonly string[],
  clues: readonly string[],
  excluded: ReadonlySet<string>,
): string[] {
  // Test seeds would only match themselves, so stems come from the non-test seeds.
  const needles = [
    ...seeds.filter((seed) => !isTestPath(seed)).map(stem),
    ...clues.map((clue) => clue.toLowerCase()).filter((clue) => clue.length >= 4),
  ].filter((needle) => needle.length >= 3);
  if (needles.length === 0) return [];
  return files
    .filter((file) => isTestPath(file) && !excluded.has(file))
    .filter((file) => needles.some((needle) => file.toLowerCase().includes(needle)))
    .slice(0, maxTests);
}

/** Builds the evidence pack from the text (issue mode) or the changed files (PR mode). */
export function buildEvidencePack(input: EvidencePackInput): EvidencePack {
  const limit = Math.max(0, input.maxFiles);
  const files =
    input.seeds === undefined
      ? mentionedFiles(input.text, input.files, limit)
      : input.seeds
          .filter((seed) => input.files.includes(seed))
          .slice(0, limit)
          .map((path) => ({ path, line: null }));
  const clues = errorClues(input.text);
  const seedPaths = (input.seeds ?? files.map((file) => file.path)).filter((seed) =>
    input.files.includes(seed),
  );
  // In issue mode a named test is already listed; in PR mode a changed test is exactly what a
  // reviewer wants to see next to the code it covers (scenario 18).
  const excluded = new Set(input.seeds === undefined ? seedPaths : []);
  return { files, clues, relatedTests: relatedTests(input.files, seedPaths, clues, excluded) };
}

const shownFiles = 8;
const shownClues = 10;

/** The evidence pack as a prompt section, or null when it found nothing. */
export function renderEvidencePack(pack: EvidencePack, mode: 'issue' | 'pull_request'): string | null {
  const lines: string[] = [];
  if (pack.files.length > 0) {
    lines.push(mode === 'issue' ? '### Mentioned files' : '### Changed files');
    for (const file of pack.files.slice(0, shownFiles)) {
      lines.push(`- ${file.path}${file.line === null ? '' : `:${file.line}`}`);
    }
  }
  if (pack.clues.length > 0) {
    lines.push(
      '### Error and identifier clues',
      ...pack.clues.slice(0, shownClues).map((clue) => `- ${clue}`),
    );
  }
  if (pack.relatedTests.length > 0) {
    lines.push('### Possibly related tests', ...pack.relatedTests.map((file) => `- ${file}`));
  }
  return lines.length === 0 ? null : ['## Evidence pack', ...lines].join('\n');
}
