import { describe, expect, it } from 'vitest';
import type { FileChange } from './test-builders.js';
import { aDiff } from './test-builders.js';
import { changedTestFiles, countTestDeclarations, findTestRemovals } from './test-changes.js';
import { parseUnifiedDiff } from './unified-diff.js';

function removalsIn(changes: readonly FileChange[]) {
  const diff = aDiff(changes);
  return findTestRemovals(diff.files, parseUnifiedDiff(diff.patch));
}

const asLines = (...texts: string[]) => texts.map((text, index) => ({ line: index + 1, text }));

describe('countTestDeclarations', () => {
  it.each([
    ["it('works', () => {", 1],
    ["test('works', async () => {", 1],
    ["describe('parser', () => {", 1],
    ['it.each([1, 2])("adds %d", (n) => {', 1],
    ['def test_parses_empty():', 1],
    ['    async def test_fetches(self):', 1],
    ['func TestParse(t *testing.T) {', 1],
    ['func (s *Suite) TestRun() {', 1],
    ['#[test]', 1],
    ['#[tokio::test]', 1],
    ['@Test', 1],
    ['[Fact]', 1],
    ['  it "parses" do', 1],
    ['expect(/x/.test(value)).toBe(true);', 0],
    ['const latest = fetchLatest();', 0],
    ['#[cfg(test)]', 0],
  ] as const)('counts %j as %d declaration(s)', (text, expected) => {
    expect(countTestDeclarations(asLines(text))).toBe(expected);
  });
});

describe('findTestRemovals', () => {
  it('reports a deleted test file', () => {
    expect(
      removalsIn([
        { path: 'tests/test_api.py', status: 'deleted', removed: ['def test_a():', '    assert 1'] },
      ]),
    ).toEqual([{ path: 'tests/test_api.py', kind: 'deleted', removed: 1, added: 0 }]);
  });

  it('reports a deleted test-named file even without visible declarations', () => {
    expect(removalsIn([{ path: 'src/app.test.ts', status: 'deleted', binary: true }])).toMatchObject([
      { kind: 'deleted' },
    ]);
  });

  it('lets a deleted helper under tests/ go', () => {
    expect(removalsIn([{ path: 'tests/fixtures/data.json', status: 'deleted', removed: ['{}'] }])).toEqual(
      [],
    );
  });

  it('accepts a test file moved with all its tests', () => {
    const body = ["it('a', () => {});", "it('b', () => {});"];

    expect(
      removalsIn([
        { path: 'src/old/parser.test.ts', status: 'deleted', removed: body },
        { path: 'src/new/parser.test.ts', status: 'added', added: body },
      ]),
    ).toEqual([]);
  });

  it('reports a move that drops tests', () => {
    expect(
      removalsIn([
        {
          path: 'src/old/parser.test.ts',
          status: 'deleted',
          removed: ["it('a', () => {});", "it('b', () => {});"],
        },
        { path: 'src/new/parser.test.ts', status: 'added', added: ["it('a', () => {});"] },
      ]),
    ).toEqual([{ path: 'src/old/parser.test.ts', kind: 'fewer_tests', removed: 2, added: 1 }]);
  });

  it('reports a test file that loses declarations', () => {
    expect(
      removalsIn([
        {
          path: 'pkg/parse_test.go',
          removed: ['func TestA(t *testing.T) {', 'func TestB(t *testing.T) {'],
          added: ['func TestA(t *testing.T) {'],
        },
      ]),
    ).toEqual([{ path: 'pkg/parse_test.go', kind: 'fewer_tests', removed: 2, added: 1 }]);
  });

  it('accepts a renamed test (one declaration out, one in)', () => {
    expect(
      removalsIn([{ path: 'tests/test_x.py', removed: ['def test_old():'], added: ['def test_new():'] }]),
    ).toEqual([]);
  });

  it.each([
    "it.skip('flaky', () => {",
    "test.skip('flaky', () => {",
    "describe.skip('suite', () => {",
    "xit('flaky', () => {",
    "xdescribe('suite', () => {",
    "it.only('focus', () => {",
    '@pytest.mark.skip(reason="later")',
    '@pytest.mark.skipif(True, reason="later")',
    '@unittest.skip("later")',
    '    t.Skip("later")',
    '#[ignore]',
    '@Disabled',
  ])('reports the added skip marker %j', (marker) => {
    expect(removalsIn([{ path: 'tests/test_x.py', removed: [], added: [marker] }])).toMatchObject([
      { kind: 'skip_added', added: 1 },
    ]);
  });

  it('accepts removing a skip marker', () => {
    expect(
      removalsIn([{ path: 'src/a.spec.ts', removed: ["it.skip('a', () => {"], added: ["it('a', () => {"] }]),
    ).toEqual([]);
  });

  it('checks inline Rust tests in source files', () => {
    expect(removalsIn([{ path: 'src/lib.rs', removed: ['#[test]'], added: ['#[ignore]'] }])).toEqual([
      { path: 'src/lib.rs', kind: 'fewer_tests', removed: 1, added: 0 },
      { path: 'src/lib.rs', kind: 'skip_added', removed: 0, added: 1 },
    ]);
  });

  it('ignores skip-like text outside test files', () => {
    expect(removalsIn([{ path: 'docs/testing.md', added: ['Use it.skip( sparingly'] }])).toEqual([]);
  });
});

describe('changedTestFiles', () => {
  it('lists added and modified test files, not deleted ones, plus Rust files that add tests', () => {
    const diff = aDiff([
      { path: 'tests/test_new.py', added: ['def test_x():'] },
      { path: 'src/a.test.ts', removed: ['x'], added: ['y'] },
      { path: 'tests/test_old.py', status: 'deleted', removed: ['def test_y():'] },
      { path: 'src/lib.rs', removed: [], added: ['#[test]', 'fn parses() {}'] },
      { path: 'src/main.rs', removed: ['a'], added: ['b'] },
    ]);

    expect(changedTestFiles(diff.files, parseUnifiedDiff(diff.patch))).toEqual([
      'src/a.test.ts',
      'src/lib.rs',
      'tests/test_new.py',
    ]);
  });
});
