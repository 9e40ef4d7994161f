import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { IdleScanOptions } from './idle-scan.js';
import { maxScannedFileBytes, scanIdleFindings } from './idle-scan.js';

describe('scanIdleFindings', () => {
  let root = '';

  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  function repoWith(files: Record<string, string | Buffer>): string {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'patchloop-'));
    for (const [name, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      fs.writeFileSync(path.join(root, name), content);
    }
    return root;
  }

  function scan(overrides: Partial<IdleScanOptions> = {}) {
    return scanIdleFindings({
      root,
      maxItems: 10,
      titlePrefix: '[Idle]',
      labels: ['autocode'],
      ...overrides,
    });
  }

  it('turns TODO and FIXME comments into items with the prefix, the labels and their location', async () => {
    repoWith({ 'app.py': 'import os\n# TODO: add retries\n# FIXME: wrong default\n' });

    const items = await scan();

    expect(items.map((item) => item.title)).toEqual(['[Idle] add retries', '[Idle] wrong default']);
    expect(items[0]).toMatchObject({ source: 'idle', sourcePath: 'app.py', lineNumber: 2, checked: false });
    expect(items[0]?.labels).toEqual(['autocode']);
    expect(items[0]?.key).toMatch(/^idle:[0-9a-f]{16}$/);
    expect(items[0]?.body).toBe('Found a `TODO` comment at `app.py:2`.\n\nadd retries');
  });

  it('adds the enclosing declaration to the body', async () => {
    repoWith({ 'src/a.ts': 'export function load() {\n  // TODO: cache\n}\n' });

    const [item] = await scan();

    expect(item?.body).toContain('Context: `export function load() {`');
  });

  it('ignores markers in strings and prose', async () => {
    repoWith({ 'a.ts': 'const s = "TODO: nope";\n', 'README.md': 'See the todo list below.\n' });

    expect(await scan()).toEqual([]);
  });

  it.each([
    'node_modules',
    '.git',
    'dist',
    'build',
    'vendor',
    '.venv',
    '__pycache__',
    'coverage',
    '.patchloop',
  ])('never scans %s', async (directory) => {
    repoWith({ [`${directory}/lib/a.js`]: '// TODO: hidden\n', 'src/a.js': '// TODO: visible\n' });

    const items = await scan();

    expect(items.map((item) => item.sourcePath)).toEqual(['src/a.js']);
  });

  it('scans a repository that itself lives under a directory named build', async () => {
    repoWith({ 'build/repo/a.js': '// TODO: inside\n' });

    const items = await scan({ root: path.join(root, 'build', 'repo') });

    expect(items.map((item) => item.title)).toEqual(['[Idle] inside']);
  });

  it('skips binary files, large files and symbolic links', async () => {
    repoWith({
      'bin.js': Buffer.concat([Buffer.from('// TODO: binary\n'), Buffer.from([0, 1, 2])]),
      'big.js': `// TODO: big\n${'x'.repeat(maxScannedFileBytes)}`,
      'outside/a.js': '// TODO: through a link\n',
    });
    fs.mkdirSync(path.join(root, 'repo'));
    fs.symlinkSync(path.join(root, 'outside'), path.join(root, 'repo', 'linked'));
    fs.symlinkSync(path.join(root, 'outside', 'a.js'), path.join(root, 'repo', 'file.js'));

    expect(await scan({ root: path.join(root, 'repo') })).toEqual([]);
    expect(await scan()).toHaveLength(1);
  });

  it('walks files in name order and stops at the item limit', async () => {
    repoWith({ 'b.js': '// TODO: b1\n// TODO: b2\n', 'a.js': '// TODO: a1\n', 'sub/c.js': '// TODO: c1\n' });

    const all = await scanIdleFindings({ root, titlePrefix: '[Idle]', labels: ['autocode'] });
    const capped = await scan({ maxItems: 2 });

    expect(all.map((item) => item.title)).toEqual(['[Idle] a1', '[Idle] b1', '[Idle] b2', '[Idle] c1']);
    expect(capped.map((item) => item.title)).toEqual(['[Idle] a1', '[Idle] b1']);
  });

  it('appends the location to titles that two findings would share, and only to those', async () => {
    repoWith({ 'a.js': '// TODO: add tests\n// TODO: unique\n', 'b.py': '\n# todo: Add tests\n' });

    const items = await scan();

    expect(items.map((item) => item.title)).toEqual([
      '[Idle] add tests (a.js:1)',
      '[Idle] unique',
      '[Idle] Add tests (b.py:2)',
    ]);
  });

  it('keeps keys when lines are inserted above', async () => {
    repoWith({ 'a.py': 'def f():\n    # TODO: x\n' });
    const [before] = await scan();

    fs.writeFileSync(path.join(root, 'a.py'), '"""Module."""\n\n\ndef f():\n    # TODO: x\n');
    const [after] = await scan();

    expect(after?.key).toBe(before?.key);
    expect([before?.lineNumber, after?.lineNumber]).toEqual([2, 5]);
  });

  it('keeps the later copy’s key when the first of two identical notes is deleted', async () => {
    repoWith({ 'a.py': 'def f():\n    # TODO: x\n    # TODO: x\n' });
    const before = await scan();

    fs.writeFileSync(path.join(root, 'a.py'), 'def f():\n    # TODO: x\n');
    const after = await scan();

    expect(before[0]?.key).not.toBe(before[1]?.key);
    expect(after.map((item) => item.key)).toEqual([before[1]?.key]);
  });

  it('adds long functions only when no TODO is left, unless told otherwise', async () => {
    const longFunction = `def big():\n${'    step()\n'.repeat(10)}`;
    repoWith({ 'a.py': longFunction, 'b.py': '# TODO: first\n' });

    const withTodo = await scan({ longFunctionLines: 5 });
    const always = await scan({ longFunctionLines: 5, heuristicsOnlyWhenTodoClear: false });
    fs.rmSync(path.join(root, 'b.py'));
    const [finding] = await scan({ longFunctionLines: 5 });

    expect(withTodo.map((item) => item.title)).toEqual(['[Idle] first']);
    expect(always.map((item) => item.title)).toEqual([
      '[Idle] first',
      '[Idle] a.py: function big is too long',
    ]);
    expect(finding?.key).toMatch(/^idle-analysis:[0-9a-f]{16}$/);
    expect(finding?.body).toContain('spans about 11 lines (the limit is 5)');
    expect(finding?.body).toContain('```text\n1: def big():');
  });

  it('keeps a long function’s key when it grows', async () => {
    repoWith({ 'a.py': `def big():\n${'    step()\n'.repeat(10)}` });
    const [before] = await scan({ longFunctionLines: 5 });

    fs.writeFileSync(path.join(root, 'a.py'), `\ndef big():\n${'    step()\n'.repeat(20)}`);
    const [after] = await scan({ longFunctionLines: 5 });

    expect(after?.key).toBe(before?.key);
  });

  it('returns nothing for a missing root', async () => {
    repoWith({});

    expect(await scan({ root: path.join(root, 'missing') })).toEqual([]);
  });
});
