import type { ChangedFile } from '@patchloop/core';
import { isTestFile, isTestFileName } from './test-files.js';
import type { DiffLine, FilePatch } from './unified-diff.js';

/** One way a patch weakens the test suite. */
export interface TestRemoval {
  readonly path: string;
  readonly kind: 'deleted' | 'fewer_tests' | 'skip_added';
  /** Declarations or skip markers removed/added, for the message. */
  readonly removed: number;
  readonly added: number;
}

/** Lines that declare one test or suite, across the common frameworks. */
const declarationPatterns: readonly RegExp[] = [
  /(?<![\w$.])(?:it|test|describe)\s*\(/g,
  /(?<![\w$.])(?:it|test|describe)\.each\b/g,
  /\bdef\s+test/g,
  /\bfunc\s+(?:\([^)]*\)\s*)?Test\w*\s*\(/g,
  /#\[(?:[\w:]+::)?test\b[^\]]*\]/g,
  /@(?:Test|ParameterizedTest)\b/g,
  /\[(?:Fact|Theory|TestMethod|Test|TestCase)\b/g,
  /^\s*(?:it|describe|context)\s+["']/g,
];

/** Markers that turn tests off or focus the run on a few of them. */
const skipPatterns: readonly RegExp[] = [
  /(?<![\w$.])(?:it|test|describe)\.skip(?:If)?\b/g,
  /(?<![\w$.])x(?:it|test|describe)\s*\(/g,
  /(?<![\w$.])f(?:it|describe)\s*\(/g,
  /\.only\s*\(/g,
  /@pytest\.mark\.(?:skip|xfail)/g,
  /\bpytest\.skip\s*\(/g,
  /@unittest\.skip/g,
  /\bt\.Skip(?:Now|f)?\s*\(/g,
  /#\[ignore\b/g,
  /@(?:Disabled|Ignore)\b/g,
];

function count(lines: readonly DiffLine[], patterns: readonly RegExp[]): number {
  let total = 0;
  for (const { text } of lines) {
    for (const pattern of patterns) total += [...text.matchAll(pattern)].length;
  }
  return total;
}

/** Number of test declarations among `lines`. */
export function countTestDeclarations(lines: readonly DiffLine[]): number {
  return count(lines, declarationPatterns);
}

/** Rust keeps unit tests inline in source files, so `.rs` files carry tests too. */
function carriesTests(path: string): boolean {
  return isTestFile(path) || path.toLowerCase().endsWith('.rs');
}

function linesOf(patches: readonly FilePatch[], path: string): { added: DiffLine[]; removed: DiffLine[] } {
  const blocks = patches.filter((patch) => patch.path === path);
  return { added: blocks.flatMap((b) => b.added), removed: blocks.flatMap((b) => b.removed) };
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * Finds patches that weaken the tests: a deleted test file (a move to another test file of the
 * same name is judged by its declarations instead), fewer test declarations than before in a
 * file, or new skip/focus markers (`it.skip(`, `.only(`, `@pytest.mark.skip`, `#[ignore]`...).
 */
export function findTestRemovals(
  files: readonly ChangedFile[],
  patches: readonly FilePatch[],
): TestRemoval[] {
  const removals: TestRemoval[] = [];
  const addedTestFiles = files.filter((file) => file.status === 'added' && isTestFile(file.path));
  const movedInto = new Set<string>();

  for (const file of files) {
    if (file.status !== 'deleted' || !carriesTests(file.path)) continue;
    const removedDeclarations = countTestDeclarations(linesOf(patches, file.path).removed);
    const target = addedTestFiles.find(
      (candidate) => baseName(candidate.path) === baseName(file.path) && !movedInto.has(candidate.path),
    );
    if (target !== undefined) {
      movedInto.add(target.path);
      const addedDeclarations = countTestDeclarations(linesOf(patches, target.path).added);
      if (addedDeclarations < removedDeclarations) {
        removals.push({
          path: file.path,
          kind: 'fewer_tests',
          removed: removedDeclarations,
          added: addedDeclarations,
        });
      }
      continue;
    }
    // A deleted helper or data file under tests/ is not a test; a declaration or a test name is.
    if (removedDeclarations > 0 || isTestFileName(file.path)) {
      removals.push({ path: file.path, kind: 'deleted', removed: removedDeclarations, added: 0 });
    }
  }

  for (const file of files) {
    if (file.status === 'deleted' || !carriesTests(file.path)) continue;
    const { added, removed } = linesOf(patches, file.path);
    if (!movedInto.has(file.path)) {
      const removedDeclarations = countTestDeclarations(removed);
      const addedDeclarations = countTestDeclarations(added);
      if (removedDeclarations > addedDeclarations) {
        removals.push({
          path: file.path,
          kind: 'fewer_tests',
          removed: removedDeclarations,
          added: addedDeclarations,
        });
      }
    }
    const addedSkips = count(added, skipPatterns);
    const removedSkips = count(removed, skipPatterns);
    if (addedSkips > removedSkips) {
      removals.push({ path: file.path, kind: 'skip_added', removed: removedSkips, added: addedSkips });
    }
  }
  return removals;
}

/**
 * Test files the patch adds or modifies; a Rust source file counts when it adds a test
 * declaration (inline `#[test]` modules).
 */
export function changedTestFiles(files: readonly ChangedFile[], patches: readonly FilePatch[]): string[] {
  return files
    .filter((file) => file.status !== 'deleted')
    .filter(
      (file) =>
        isTestFile(file.path) ||
        (carriesTests(file.path) && countTestDeclarations(linesOf(patches, file.path).added) > 0),
    )
    .map((file) => file.path);
}
