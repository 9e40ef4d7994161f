import { describe, expect, it } from 'vitest';
import { nonEmptyLineCount, normalizeComment, slashCommandOf } from './comment-text.js';

describe('slashCommandOf', () => {
  it.each([
    ['/implement', 'implement'],
    ['  /implement now', 'implement'],
    ['/patchloop implement', 'implement'],
    ['/PatchLoop   Implement', 'implement'],
    ['Looks good.\r\n/implement', 'implement'],
    ['/patchloop stop', 'stop'],
    ['Wait.\n/patchloop stop because of the freeze', 'stop'],
  ])('reads %j as %s', (body, expected) => {
    expect(slashCommandOf(body)).toBe(expected);
  });

  it.each([
    '/stop',
    'please /implement',
    '> /implement',
    '/implemented',
    '/patchloop',
    '/patchloop stopped',
    'implement',
  ])('finds no command in %j', (body) => {
    expect(slashCommandOf(body)).toBeUndefined();
  });

  it('takes the first command line when a comment has two', () => {
    expect(slashCommandOf('/patchloop stop\n/implement')).toBe('stop');
  });
});

describe('normalizeComment', () => {
  it('removes markdown noise and collapses whitespace and line breaks', () => {
    expect(normalizeComment('  **Please** `fix`\r\n_it_ ~~now~~  ')).toBe('Please fix it now');
  });
});

describe('nonEmptyLineCount', () => {
  it.each([
    ['one', 1],
    ['one\n\n  \r\ntwo\r\n', 2],
    ['   ', 0],
  ])('counts %j as %i lines', (body, expected) => {
    expect(nonEmptyLineCount(body)).toBe(expected);
  });
});
