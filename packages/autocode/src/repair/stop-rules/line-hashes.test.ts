import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { diffLineHashes } from './line-hashes.js';

function expectedHash(path: string, text: string): string {
  return createHash('sha256').update(`${path}\n${text}`).digest('hex').slice(0, 16);
}

function diffOf(path: string, hunk: string[]): string {
  const removed = hunk.filter((line) => !line.startsWith('+')).length;
  const added = hunk.filter((line) => !line.startsWith('-')).length;
  return [
    `diff --git a/${path} b/${path}`,
    'index 1111111..2222222 100644',
    `--- a/${path}`,
    `+++ b/${path}`,
    `@@ -1,${removed} +1,${added} @@`,
    ...hunk,
    '',
  ].join('\n');
}

describe('diffLineHashes', () => {
  it('hashes each added and removed line as 16 hex digits of SHA-256 over path and trimmed text', () => {
    const patch = diffOf('src/a.ts', ['-const a = 1;', '+const a = 2;', ' export { a };']);

    const hashes = diffLineHashes(patch);

    expect(hashes).toEqual({
      added: [expectedHash('src/a.ts', 'const a = 2;')],
      removed: [expectedHash('src/a.ts', 'const a = 1;')],
    });
    expect(hashes.added[0]).toMatch(/^[0-9a-f]{16}$/);
  });

  it('ignores blank and whitespace-only lines', () => {
    const patch = diffOf('src/a.ts', ['+', '+   ', '+\t', '+value();']);

    const hashes = diffLineHashes(patch);

    expect(hashes.added).toEqual([expectedHash('src/a.ts', 'value();')]);
  });

  it('trims indentation so the same statement hashes the same at any depth', () => {
    const patch = diffOf('src/a.ts', ['+    return x;']);

    const hashes = diffLineHashes(patch);

    expect(hashes.added).toEqual([expectedHash('src/a.ts', 'return x;')]);
  });

  it('gives the same line in different files different hashes', () => {
    const patch = `${diffOf('src/a.ts', ['+return x;'])}${diffOf('src/b.ts', ['+return x;'])}`;

    const hashes = diffLineHashes(patch);

    expect(hashes.added).toEqual([
      expectedHash('src/a.ts', 'return x;'),
      expectedHash('src/b.ts', 'return x;'),
    ]);
  });

  it('lists a repeated line once per side', () => {
    const patch = diffOf('src/a.ts', ['+}', '+call();', '+}']);

    const hashes = diffLineHashes(patch);

    expect(hashes.added).toEqual([expectedHash('src/a.ts', '}'), expectedHash('src/a.ts', 'call();')]);
  });

  it('drops a line that the same diff removes and adds back, as a move changes no content', () => {
    const patch = diffOf('src/a.ts', ['-first();', '-second();', '+second();', '+  first();']);

    const hashes = diffLineHashes(patch);

    expect(hashes).toEqual({ added: [], removed: [] });
  });

  it('returns nothing for an empty patch', () => {
    expect(diffLineHashes('')).toEqual({ added: [], removed: [] });
  });
});
