import { describe, expect, it } from 'vitest';
import { stripAnsi } from './strip-ansi.js';

describe('stripAnsi', () => {
  it.each([
    ['colour codes', '\u001b[1m\u001b[31mError:\u001b[0m bad key', 'Error: bad key'],
    ['256-colour and cursor moves', '\u001b[38;5;208mwarn\u001b[39m\u001b[2K\u001b[1Gdone', 'warndone'],
    ['an OSC hyperlink ended by BEL', '\u001b]8;;https://example.test\u0007link\u001b]8;;\u0007', 'link'],
    ['an OSC title ended by ST', '\u001b]0;opencode\u001b\\answer', 'answer'],
    ['a single-byte CSI', '\u009b31mred', 'red'],
    ['plain text with brackets', 'array[0] = "[ok]"', 'array[0] = "[ok]"'],
  ])('removes %s', (_name, input, expected) => {
    expect(stripAnsi(input)).toBe(expected);
  });
});
