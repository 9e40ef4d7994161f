import { describe, expect, it } from 'vitest';
import { findArtifactReferences } from './artifact-references.js';

const defaults = ['.mypy_cache', '.pytest_cache', '.venv', 'build', 'dist', 'node_modules', 'venv'];

describe('findArtifactReferences', () => {
  it.each([
    [
      'a nested path after a colon',
      'flake8: apps/desktop/node_modules/x.py:1: E501',
      ['apps/desktop/node_modules'],
    ],
    ['a name at the start of the output', 'node_modules/.bin/eslint: bad interpreter', ['node_modules']],
    ['a name that ends the line', 'cannot clean dist\nnext line', ['dist']],
    ['a quoted path', "ModuleNotFoundError in '.venv/lib/site.py'", ['.venv']],
    ['a backticked path', 'stale `build/lib` found', ['build']],
    ['a path in parentheses', 'error (node_modules/x/index.js)', ['node_modules']],
    ['a leading ./ segment', 'see ./dist/index.js', ['dist']],
    ['the outer directory of nested ones', 'at node_modules/a/node_modules/b/i.js', ['node_modules']],
    ['each directory once, in order', 'dist/a.js build/b dist/c.js', ['dist', 'build']],
    ['.venv rather than venv inside it', 'bad .venv/bin/python', ['.venv']],
  ])('finds %s', (_case, output, expected) => {
    const references = findArtifactReferences(output, defaults);

    expect(references).toEqual(expected);
  });

  it.each([
    ['a parent-directory path', 'see ../outside/node_modules/x.js'],
    ['a parent segment in the middle', 'see apps/../../node_modules/x.js'],
    ['an absolute path', 'see /srv/repo/node_modules/x.js'],
    ['a name glued to another word', 'mynode_modules/x and distribution/'],
    ['a name followed by other characters', 'node_modules.json and dist.tar'],
    ['a name in the middle of a sentence', 'could not build the project'],
  ])('ignores %s', (_case, output) => {
    const references = findArtifactReferences(output, defaults);

    expect(references).toEqual([]);
  });

  it('uses the configured directory names', () => {
    const references = findArtifactReferences('stale generated-vendor/lib.py', ['generated-vendor']);

    expect(references).toEqual(['generated-vendor']);
  });

  it('ignores configured names that are paths or parent references', () => {
    const references = findArtifactReferences('x ../ y a/b/ z ./', ['..', 'a/b', '.', '']);

    expect(references).toEqual([]);
  });
});
