// Copies non-TypeScript runtime assets (SQL migrations) from src/ to dist/ after `tsc -b`,
// so the built packages load the same files the tests read from src/.
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
for (const pkg of readdirSync(join(root, 'packages'))) {
  const src = join(root, 'packages', pkg, 'src');
  if (!existsSync(src)) continue;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.sql')) {
        cpSync(full, full.replace(`${join('packages', pkg, 'src')}`, `${join('packages', pkg, 'dist')}`));
      }
    }
  };
  walk(src);
}
