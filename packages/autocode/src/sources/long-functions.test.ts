import { describe, expect, it } from 'vitest';
import { findLongFunctions } from './long-functions.js';

function body(count: number, indent: string): string[] {
  return Array.from({ length: count }, (_, index) => `${indent}step${index}()`);
}

describe('findLongFunctions', () => {
  it('measures a Python function up to the next line at its own indentation', () => {
    const lines = ['def long_one(a):', ...body(5, '    '), '', 'def short():', '    pass'];

    const found = findLongFunctions(lines, 6);

    expect(found).toEqual([{ lineIndex: 0, signature: 'def long_one(a):', name: 'long_one', lineCount: 6 }]);
  });

  it('counts the closing brace of a braced function and a multi-line signature', () => {
    const lines = ['export function build(', '  a: string,', ') {', ...body(3, '  '), '}', 'const next = 1;'];

    const [found] = findLongFunctions(lines, 1);

    expect(found).toMatchObject({ name: 'build', lineCount: 7 });
  });

  it('measures nested functions on their own', () => {
    const lines = ['func outer() {', '\tfunc inner() {', ...body(4, '\t\t'), '\t}', '}'];

    const found = findLongFunctions(lines, 6);

    expect(found.map((entry) => [entry.name, entry.lineCount])).toEqual([
      ['outer', 8],
      ['inner', 6],
    ]);
  });

  it('reads the name of a Go method after its receiver', () => {
    const lines = ['func (s *Server) Start() error {', ...body(3, '\t'), '}'];

    expect(findLongFunctions(lines, 5)[0]?.name).toBe('Start');
  });

  it('reports nothing below the limit', () => {
    const lines = ['def short():', ...body(3, '    ')];

    expect(findLongFunctions(lines, 5)).toEqual([]);
  });
});
