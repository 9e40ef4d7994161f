import { describe, expect, it } from 'vitest';
import { commentSyntaxFor } from './comment-syntax.js';
import { findTodoComments } from './todo-comments.js';

function notes(relPath: string, lines: readonly string[]): string[] {
  const syntax = commentSyntaxFor(relPath);
  if (syntax === null) return [];
  return findTodoComments(lines, syntax, relPath.endsWith('.md')).map(
    (note) => `${note.marker} ${note.detail}`,
  );
}

describe('findTodoComments', () => {
  it.each([
    ['a line comment', 'a.ts', ['// TODO: add retries'], ['TODO add retries']],
    [
      'a lower-case marker opening a comment',
      'a.ts',
      ['  // todo - handle empty input'],
      ['TODO handle empty input'],
    ],
    ['an owner in parentheses', 'a.go', ['// TODO(alice): drop the shim'], ['TODO drop the shim']],
    ['a FIXME in a hash comment', 'a.py', ['    # FIXME: off by one'], ['FIXME off by one']],
    ['a marker later in a comment', 'a.py', ['# works, but TODO cache it'], ['TODO cache it']],
    ['a one-line block comment', 'a.c', ['/* TODO: free the buffer */'], ['TODO free the buffer']],
    ['a JSDoc line', 'a.js', ['/**', ' * TODO: document the options', ' */'], ['TODO document the options']],
    [
      'a line inside a block comment',
      'a.ts',
      ['/*', 'TODO: plain line in a block', '*/'],
      ['TODO plain line in a block'],
    ],
    ['a comment after code', 'a.ts', ['call(); // TODO: check the result'], ['TODO check the result']],
    ['a hash comment after code', 'a.rb', ['x = 1 # FIXME wrong default'], ['FIXME wrong default']],
    ['an SQL comment', 'a.sql', ['-- TODO: add an index'], ['TODO add an index']],
    ['an INI comment', 'a.ini', ['; TODO: tune the pool'], ['TODO tune the pool']],
    ['a Markdown HTML comment', 'README.md', ['<!-- TODO: add screenshots -->'], ['TODO add screenshots']],
    [
      'a multi-line Markdown comment',
      'README.md',
      ['<!--', 'TODO: explain setup', '-->'],
      ['TODO explain setup'],
    ],
  ])('finds %s', (_case, file, lines, expected) => {
    expect(notes(file, lines)).toEqual(expected);
  });

  it.each([
    ['a string literal', 'a.ts', ['const label = "TODO: not a note";']],
    ['prose in Markdown', 'README.md', ['See the todo list below.', 'TODO: plain text line']],
    ['a Markdown heading or bullet', 'README.md', ['# TODO: heading', '* TODO: bullet']],
    ['lower-case prose inside a comment', 'a.ts', ['// the todo list is rendered here']],
    ['a marker without a note', 'a.py', ['# TODO', '# FIXME:  ']],
    ['a longer word', 'a.ts', ['// TODOS are tracked elsewhere', '// TODO_LIST']],
    ['code after a closed block comment', 'a.ts', ['/* header */', 'const TODO = "x"; TODO: nope']],
    ['a URL in a string', 'a.ts', ['fetch("http://x.test/TODO")']],
    ['a file without comments', 'notes.txt', ['TODO: something']],
    ['a .env file', '.env.sh', ['# TODO: rotate']],
  ])('ignores %s', (_case, file, lines) => {
    expect(notes(file, lines)).toEqual([]);
  });

  it('records the nearest declaration above as scope and the collapsed line text', () => {
    const lines = [
      'class Store:',
      '    def load(self,   path):',
      '        # TODO: validate   path',
      '        pass',
    ];

    const [note] = findTodoComments(
      lines,
      commentSyntaxFor('a.py') ?? { line: [], block: [], starContinuation: false },
      false,
    );

    expect(note).toEqual({
      lineIndex: 2,
      marker: 'TODO',
      detail: 'validate path',
      lineText: '# TODO: validate path',
      scope: 'def load(self, path):',
    });
  });

  it('uses Markdown headings as scope only in Markdown files', () => {
    const syntax = commentSyntaxFor('README.md') ?? { line: [], block: [], starContinuation: false };

    const [note] = findTodoComments(['## Setup', '<!-- TODO: explain -->'], syntax, true);

    expect(note?.scope).toBe('## Setup');
  });

  it.each([
    ['export async function load(', 'a.ts'],
    ['pub fn parse(input: &str) {', 'a.rs'],
    ['func (s *Server) Start() error {', 'a.go'],
    ['interface Options {', 'a.ts'],
  ])('recognises the declaration %s as a scope', (declaration, file) => {
    const syntax = commentSyntaxFor(file) ?? { line: [], block: [], starContinuation: false };

    const [note] = findTodoComments([declaration, '  // TODO: x'], syntax, false);

    expect(note?.scope).toBe(declaration);
  });
});
