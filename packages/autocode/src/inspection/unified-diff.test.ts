import { describe, expect, it } from 'vitest';
import { addedLinesOf, parseUnifiedDiff } from './unified-diff.js';

const modification = [
  'diff --git a/src/app.ts b/src/app.ts',
  'index 1111111..2222222 100644',
  '--- a/src/app.ts',
  '+++ b/src/app.ts',
  '@@ -10,4 +10,5 @@ export function run() {',
  ' const a = 1;',
  '-const b = 2;',
  '+const b = 3;',
  '+const c = 4;',
  ' ',
  ' return a;',
  '@@ -40 +41 @@',
  '-old tail',
  '+new tail',
  '',
].join('\n');

describe('parseUnifiedDiff', () => {
  it('numbers added lines by the new file and removed lines by the old file', () => {
    const [file] = parseUnifiedDiff(modification);

    expect(file).toEqual({
      path: 'src/app.ts',
      added: [
        { line: 11, text: 'const b = 3;' },
        { line: 12, text: 'const c = 4;' },
        { line: 41, text: 'new tail' },
      ],
      removed: [
        { line: 11, text: 'const b = 2;' },
        { line: 40, text: 'old tail' },
      ],
    });
  });

  it('reads lines that look like diff headers inside a hunk as content', () => {
    const patch = [
      'diff --git a/notes.txt b/notes.txt',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/notes.txt',
      '@@ -0,0 +1,3 @@',
      '++++ b/evil.txt',
      '+diff --git a/x b/x',
      '+--- a/y',
      '',
    ].join('\n');

    const files = parseUnifiedDiff(patch);

    expect(files.map((file) => file.path)).toEqual(['notes.txt']);
    expect(files[0]?.added.map((line) => line.text)).toEqual([
      '+++ b/evil.txt',
      'diff --git a/x b/x',
      '--- a/y',
    ]);
  });

  it('keeps the old path of a deleted file', () => {
    const patch = [
      'diff --git a/tests/test_a.py b/tests/test_a.py',
      'deleted file mode 100644',
      '--- a/tests/test_a.py',
      '+++ /dev/null',
      '@@ -1,2 +0,0 @@',
      '-def test_a():',
      '-    assert True',
      '',
    ].join('\n');

    const [file] = parseUnifiedDiff(patch);

    expect(file?.path).toBe('tests/test_a.py');
    expect(file?.removed).toHaveLength(2);
  });

  it('skips the "no newline" marker of a symlink target', () => {
    const patch = [
      'diff --git a/link b/link',
      'new file mode 120000',
      '--- /dev/null',
      '+++ b/link',
      '@@ -0,0 +1 @@',
      '+/etc/passwd',
      '\\ No newline at end of file',
      '',
    ].join('\n');

    expect(addedLinesOf(parseUnifiedDiff(patch), 'link')).toEqual([{ line: 1, text: '/etc/passwd' }]);
  });

  it('unquotes names git quoted and drops the tab after names with spaces', () => {
    const patch = [
      'diff --git "a/caf\\303\\251.txt" "b/caf\\303\\251.txt"',
      '--- /dev/null',
      '+++ "b/caf\\303\\251.txt"',
      '@@ -0,0 +1 @@',
      '+x',
      'diff --git a/my file.txt b/my file.txt',
      '--- /dev/null',
      '+++ b/my file.txt\t',
      '@@ -0,0 +1 @@',
      '+y',
      '',
    ].join('\n');

    expect(parseUnifiedDiff(patch).map((file) => file.path)).toEqual(['café.txt', 'my file.txt']);
  });

  it('takes the path from the git header for a binary file', () => {
    const patch = [
      'diff --git a/img/logo.png b/img/logo.png',
      'Binary files /dev/null and b/img/logo.png differ',
      '',
    ].join('\n');

    expect(parseUnifiedDiff(patch)).toEqual([{ path: 'img/logo.png', added: [], removed: [] }]);
  });

  it('returns nothing for an empty patch', () => {
    expect(parseUnifiedDiff('')).toEqual([]);
  });
});
