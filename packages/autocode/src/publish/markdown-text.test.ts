import { describe, expect, it } from 'vitest';
import { capText, codeSpan, defuseGitHubText, fencedBlock, multiLine, singleLine } from './markdown-text.js';

describe('singleLine', () => {
  it('turns control, separator and bidi characters into single spaces', () => {
    expect(singleLine(' a\r\nb\u0007c\u2028d\u202ee\t f ')).toBe('a b c d e f');
  });
});

describe('multiLine', () => {
  it('keeps line breaks, normalises CRLF and drops other control characters', () => {
    expect(multiLine('a\r\nb\rc\u0000d\n')).toBe('a\nb\nc d');
  });
});

describe('capText', () => {
  it('leaves short text alone and marks a cut with an ellipsis', () => {
    expect(capText('abc', 3)).toBe('abc');
    expect(capText('abcdef', 4)).toBe('abc…');
  });

  it('never splits a surrogate pair', () => {
    expect(capText('😀😀😀😀', 3)).toBe('😀😀…');
  });
});

describe('codeSpan', () => {
  it('wraps plain text in single backticks', () => {
    expect(codeSpan('src/main.ts')).toBe('`src/main.ts`');
  });

  it('uses a longer fence when the text holds backticks', () => {
    expect(codeSpan('we`ird``name')).toBe('``` we`ird``name ```');
  });
});

describe('fencedBlock', () => {
  it('uses a fence longer than any backtick run inside', () => {
    expect(fencedBlock('bash', ['echo ````'])).toBe('`````bash\necho ````\n`````');
  });

  it('uses three backticks by default', () => {
    expect(fencedBlock('bash', ['pnpm test'])).toBe('```bash\npnpm test\n```');
  });
});

describe('defuseGitHubText', () => {
  it.each([
    ['This fixes #3 too', 'This fixes `#3` too'],
    ['Closes: #12', 'Closes: `#12`'],
    ['resolves other/repo#4', 'resolves `other/repo#4`'],
    ['fixed https://github.com/a/b/issues/9', 'fixed `https://github.com/a/b/issues/9`'],
    ['Thanks @octocat and @acme/owners', 'Thanks `@octocat` and `@acme/owners`'],
    ['<!-- patchloop:autocode:issue:9 -->', '&lt;!-- patchloop:autocode:issue:9 -->'],
  ])('defuses %j', (text, defused) => {
    expect(defuseGitHubText(text)).toBe(defused);
  });

  it.each(['mail me at dev@example.com', 'see #3 for context', 'prefix fixture #2', 'already `@quoted`'])(
    'leaves %j alone',
    (text) => {
      expect(defuseGitHubText(text)).toBe(text);
    },
  );
});
