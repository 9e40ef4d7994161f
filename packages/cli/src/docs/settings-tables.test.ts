import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  parseEnvExample,
  readGeneratedRows,
  renderSettingsTables,
  replaceGeneratedBlock,
} from './settings-tables.js';

const root = (relative: string) => fileURLToPath(new URL(`../../../../${relative}`, import.meta.url));
const blocks = [
  ['review', 'packages/openreview/.env.example'],
  ['code', 'packages/autocode/.env.example'],
] as const;

describe('parseEnvExample', () => {
  it('reads sections, descriptions and defaults', () => {
    const text = [
      '# ---------------- Server',
      '# Port of the HTTP server. Default: 8000',
      'SERVER_PORT=8000',
      '# A token. Required.',
      'GITHUB_TOKEN=',
    ].join('\n');

    expect(parseEnvExample(text)).toEqual([
      {
        section: 'Server',
        name: 'SERVER_PORT',
        description: 'Port of the HTTP server.',
        defaultValue: '8000',
      },
      { section: 'Server', name: 'GITHUB_TOKEN', description: 'A token. Required.', defaultValue: '' },
    ]);
  });
});

describe('the README settings tables', () => {
  it.each(blocks)('list every %s setting of its .env.example, in sync', (name, file) => {
    const readme = readFileSync(root('README.md'), 'utf8');
    const settings = parseEnvExample(readFileSync(root(file), 'utf8'));

    const empty = `<!-- settings:${name}:start -->\n<!-- settings:${name}:end -->`;
    const expected = readGeneratedRows(
      replaceGeneratedBlock(empty, name, renderSettingsTables(settings)),
      name,
    );
    const documented = readGeneratedRows(readme, name);

    expect(settings.length).toBeGreaterThan(40);
    // Run `node scripts/update-readme-settings.mjs` after changing a .env.example file.
    expect(documented).toEqual(expected);
  });
});
