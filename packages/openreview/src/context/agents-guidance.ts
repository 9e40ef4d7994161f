// The parts of a repository's AGENTS.md that matter for a review (spec §5.3.5 item 2). Sections are
// matched by title, not number, so a renumbered AGENTS.md keeps working; the original's Chinese
// titles are accepted next to the port's English ones.

/** Which review the guidance is for. */
export type GuidanceMode = 'issue' | 'pull_request';

const issueTitles: readonly (readonly string[])[] = [
  ['issue analysis', 'issue 分析原则'],
  ['review output format', '建议评审输出格式'],
];
const pullRequestTitles: readonly (readonly string[])[] = [
  ['pr analysis', 'pr 分析原则'],
  ['compatibility', '升级兼容与状态迁移原则'],
  ['documentation', '文档同步原则'],
  ['review output format', '建议评审输出格式'],
];

/** A level-2 title without a numeric prefix (`2.`, `2)`, `2.1`), lower-cased, spaces collapsed. */
export function normalizeSectionTitle(title: string): string {
  return title
    .replace(/^\s*\d+(?:\.\d+)*[.)、]?\s*/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

interface Section {
  readonly title: string;
  readonly text: string;
}

function levelTwoSections(markdown: string): Section[] {
  const sections: Section[] = [];
  let current: { title: string; lines: string[] } | null = null;
  let inFence = false;
  for (const line of markdown.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const heading = inFence ? null : /^(#{1,2})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading !== null) {
      if (current !== null) sections.push({ title: current.title, text: current.lines.join('\n').trim() });
      // A level-1 heading ends the previous section without starting a wanted one.
      current = heading[1] === '##' ? { title: heading[2] ?? '', lines: [line] } : null;
      continue;
    }
    current?.lines.push(line);
  }
  if (current !== null) sections.push({ title: current.title, text: current.lines.join('\n').trim() });
  return sections;
}

/**
 * The wanted sections of AGENTS.md in the order of the wanted titles, cut to `budgetChars` with a
 * note; null when none matches.
 */
export function agentsGuidance(markdown: string, mode: GuidanceMode, budgetChars: number): string | null {
  const sections = levelTwoSections(markdown);
  const wanted = mode === 'issue' ? issueTitles : pullRequestTitles;
  const picked: string[] = [];
  for (const aliases of wanted) {
    const section = sections.find((candidate) => aliases.includes(normalizeSectionTitle(candidate.title)));
    if (section !== undefined) picked.push(section.text);
  }
  if (picked.length === 0) return null;
  const text = picked.join('\n\n');
  if (text.length <= budgetChars) return text;
  return `${text.slice(0, budgetChars).trimEnd()}\n\n(AGENTS.md guidance truncated at ${budgetChars} characters)`;
}
