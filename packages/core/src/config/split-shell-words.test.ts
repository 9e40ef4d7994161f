import { describe, expect, it } from 'vitest';
import { splitShellWords } from './split-shell-words.js';

describe('splitShellWords', () => {
  it.each([
    ['codex exec', ['codex', 'exec']],
    ['  spaced   out\twords  ', ['spaced', 'out', 'words']],
    ["node 'my agent.mjs' --flag", ['node', 'my agent.mjs', '--flag']],
    ['say "hello world"', ['say', 'hello world']],
    ['a"b"c', ['abc']],
    ["''", ['']],
    ['x "" y', ['x', '', 'y']],
    ['one\\ word', ['one word']],
    ['"a \\"quoted\\" b"', ['a "quoted" b']],
    ['"keep \\n backslash"', ['keep \\n backslash']],
    ["'no \\ escapes in single'", ['no \\ escapes in single']],
    ['"$HOME" stays literal', ['$HOME', 'stays', 'literal']],
    ['first \\\nsecond', ['first', 'second']],
    ['', []],
  ])('splits %j into %j', (line, expected) => {
    const result = splitShellWords(line);

    expect(result).toEqual({ ok: true, words: expected });
  });

  it.each([
    ["node 'unterminated", 'unterminated single quote'],
    ['node "unterminated', 'unterminated double quote'],
    ['node trailing\\', 'trailing backslash'],
  ])('rejects %j with "%s"', (line, problem) => {
    const result = splitShellWords(line);

    expect(result).toEqual({ ok: false, problem });
  });
});
