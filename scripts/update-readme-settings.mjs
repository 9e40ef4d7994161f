// Regenerates the settings tables of README.md from the daemons' .env.example files.
// Run after `pnpm build`: node scripts/update-readme-settings.mjs (then Biome aligns the tables).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import {
  parseEnvExample,
  renderSettingsTables,
  replaceGeneratedBlock,
} from '../packages/cli/dist/docs/settings-tables.js';

const root = new URL('../', import.meta.url);
const readmeUrl = new URL('README.md', root);
let readme = readFileSync(readmeUrl, 'utf8');
for (const [name, file] of [
  ['review', 'packages/openreview/.env.example'],
  ['code', 'packages/autocode/.env.example'],
]) {
  readme = replaceGeneratedBlock(
    readme,
    name,
    renderSettingsTables(parseEnvExample(readFileSync(new URL(file, root), 'utf8'))),
  );
}
writeFileSync(readmeUrl, readme);
execFileSync('pnpm', ['exec', 'biome', 'format', '--write', 'README.md'], {
  cwd: new URL('.', root),
  stdio: 'inherit',
});
