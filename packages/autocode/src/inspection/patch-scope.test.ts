import { describe, expect, it } from 'vitest';
import { isStrictScope, isWithinScope } from './patch-scope.js';

describe('isStrictScope', () => {
  it.each([
    [['docs/'], true],
    [['doc/api/'], true],
    [['README.md', 'LICENSE'], true],
    [['.env.example'], true],
    [['config/app.yaml', 'pyproject.toml', 'setup.cfg'], true],
    [['guide.rst', 'notes.txt', 'package.json'], true],
    [['docs/', 'src/app.py'], false],
    [['src/services/'], false],
    [[], false],
    [[' '], false],
  ])('judges %j strict: %s', (paths, expected) => {
    expect(isStrictScope(paths)).toBe(expected);
  });
});

describe('isWithinScope', () => {
  it.each([
    ['docs/a.md', ['docs/'], true],
    ['docs', ['docs/'], true],
    ['docs2/a.md', ['docs/'], false],
    ['README.md', ['./README.md'], true],
    ['readme.md', ['README.md'], false],
  ])('places %j within %j: %s', (path, allowed, expected) => {
    expect(isWithinScope(path, allowed)).toBe(expected);
  });
});
