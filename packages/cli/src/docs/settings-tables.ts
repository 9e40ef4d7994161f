/** One setting as an `.env.example` file documents it. */
export interface DocumentedSetting {
  readonly section: string;
  readonly name: string;
  readonly description: string;
  readonly defaultValue: string;
}

const sectionPattern = /^#\s*-{3,}\s*(.+?)\s*$/;
const settingPattern = /^([A-Z][A-Z0-9_]*)=/;
const defaultPattern = /\s*Default:\s*(.*?)\.?\s*$/;

/**
 * Reads an `.env.example` file: `# ---- Section` lines start a section, the comment lines right
 * above `KEY=value` describe it and end with `Default: ...`.
 */
export function parseEnvExample(text: string): DocumentedSetting[] {
  const settings: DocumentedSetting[] = [];
  let section = '';
  let comments: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const heading = sectionPattern.exec(line);
    if (heading !== null) {
      section = heading[1] ?? '';
      comments = [];
      continue;
    }
    if (line.startsWith('#')) {
      comments.push(line.replace(/^#\s?/, ''));
      continue;
    }
    const setting = settingPattern.exec(line);
    if (setting !== null) {
      const joined = comments.join(' ');
      const found = defaultPattern.exec(joined);
      settings.push({
        section,
        name: setting[1] ?? '',
        description: (found === null ? joined : joined.slice(0, found.index)).trim(),
        defaultValue: found?.[1]?.trim() ?? '',
      });
    }
    comments = [];
  }
  return settings;
}

/** The settings as one Markdown table per section (`| Setting | Default | Meaning |`). */
export function renderSettingsTables(settings: readonly DocumentedSetting[]): string {
  const sections = [...new Set(settings.map((setting) => setting.section))];
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  return sections
    .map((section) => {
      const rows = settings
        .filter((setting) => setting.section === section)
        .map(
          (setting) =>
            `| \`${setting.name}\` | ${cell(setting.defaultValue) || '—'} | ${cell(setting.description)} |`,
        );
      return [
        `**${section || 'General'}**`,
        '',
        '| Setting | Default | Meaning |',
        '| --- | --- | --- |',
        ...rows,
      ].join('\n');
    })
    .join('\n\n');
}

/** Replaces the text between `<!-- settings:<name>:start -->` and `<!-- settings:<name>:end -->`. */
export function replaceGeneratedBlock(document: string, name: string, content: string): string {
  const start = `<!-- settings:${name}:start -->`;
  const end = `<!-- settings:${name}:end -->`;
  const from = document.indexOf(start);
  const to = document.indexOf(end);
  if (from === -1 || to === -1 || to < from) throw new Error(`The document has no ${start} … ${end} block.`);
  return `${document.slice(0, from + start.length)}\n${content}\n${document.slice(to)}`;
}

/** The table rows between a block's markers as `[name, default, meaning]`, whatever the column padding. */
export function readGeneratedRows(document: string, name: string): string[][] {
  const start = document.indexOf(`<!-- settings:${name}:start -->`);
  const end = document.indexOf(`<!-- settings:${name}:end -->`);
  if (start === -1 || end === -1) return [];
  return document
    .slice(start, end)
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
}
