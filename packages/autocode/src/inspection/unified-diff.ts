/** One added or removed line; `line` is its number in the new file (added) or old file (removed). */
export interface DiffLine {
  readonly line: number;
  readonly text: string;
}

/** The hunks of one `diff --git` block, reduced to the lines they add and remove. */
export interface FilePatch {
  /** The new-side path (the old side for a deletion), repository-relative. */
  readonly path: string;
  readonly added: readonly DiffLine[];
  readonly removed: readonly DiffLine[];
}

interface MutableFilePatch {
  path: string;
  added: DiffLine[];
  removed: DiffLine[];
}

const hunkHeader = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/**
 * Parses `git diff` output into per-file added and removed lines. Hunk bodies are read by the
 * line counts of their `@@` header, so file content that looks like a diff header (`+++ x`)
 * is still content, never a new file.
 */
export function parseUnifiedDiff(patch: string): FilePatch[] {
  const files: MutableFilePatch[] = [];
  let current: MutableFilePatch | undefined;
  let oldLeft = 0;
  let newLeft = 0;
  let oldLine = 0;
  let newLine = 0;

  for (const raw of patch.split('\n')) {
    if (current !== undefined && (oldLeft > 0 || newLeft > 0)) {
      const marker = raw.charAt(0);
      const text = raw.slice(1);
      if (marker === '+') {
        current.added.push({ line: newLine, text });
        newLine += 1;
        newLeft -= 1;
        continue;
      }
      if (marker === '-') {
        current.removed.push({ line: oldLine, text });
        oldLine += 1;
        oldLeft -= 1;
        continue;
      }
      // Some tools strip the single space of an empty context line.
      if (marker === ' ' || raw === '') {
        oldLine += 1;
        newLine += 1;
        oldLeft -= 1;
        newLeft -= 1;
        continue;
      }
      if (marker === '\\') continue;
      // A malformed hunk ended early: read the line as a header below.
      oldLeft = 0;
      newLeft = 0;
    }

    if (raw.startsWith('diff --git ')) {
      current = { path: pathFromGitHeader(raw.slice('diff --git '.length)), added: [], removed: [] };
      files.push(current);
      continue;
    }
    if (current === undefined) continue;
    if (raw.startsWith('+++ ')) {
      const name = headerPath(raw.slice(4), 'b/');
      if (name !== undefined) current.path = name;
      continue;
    }
    const hunk = hunkHeader.exec(raw);
    if (hunk !== null) {
      const [, oldStart = '0', oldCount = '1', newStart = '0', newCount = '1'] = hunk;
      oldLine = Number(oldStart);
      newLine = Number(newStart);
      oldLeft = Number(oldCount);
      newLeft = Number(newCount);
    }
  }
  return files;
}

/** Collects the added lines of every block for `path` (a type change shows two blocks). */
export function addedLinesOf(files: readonly FilePatch[], path: string): DiffLine[] {
  return files.filter((file) => file.path === path).flatMap((file) => file.added);
}

/** `+++ b/x` or `+++ /dev/null`; git appends a tab to names that contain a space. */
function headerPath(value: string, prefix: string): string | undefined {
  const trimmed = value.replace(/\t$/, '');
  if (trimmed === '/dev/null') return undefined;
  const name = trimmed.startsWith('"') ? unquoteGitPath(trimmed) : trimmed;
  return name.startsWith(prefix) ? name.slice(prefix.length) : name;
}

/** `a/x b/x` (same path on both sides, since renames are off) or the quoted form. */
function pathFromGitHeader(rest: string): string {
  if (rest.startsWith('"')) {
    const end = closingQuote(rest);
    const first = unquoteGitPath(rest.slice(0, end + 1));
    return first.startsWith('a/') ? first.slice(2) : first;
  }
  const half = (rest.length - 1) / 2;
  const first = Number.isInteger(half) ? rest.slice(0, half) : rest;
  return first.startsWith('a/') ? first.slice(2) : first;
}

function closingQuote(value: string): number {
  for (let index = 1; index < value.length; index += 1) {
    if (value[index] === '\\') index += 1;
    else if (value[index] === '"') return index;
  }
  return value.length - 1;
}

const escapes: Readonly<Record<string, number>> = {
  a: 7,
  b: 8,
  t: 9,
  n: 10,
  v: 11,
  f: 12,
  r: 13,
  '"': 34,
  '\\': 92,
};

/** Undoes git's C-style quoting of unusual names (octal escapes are UTF-8 bytes). */
function unquoteGitPath(quoted: string): string {
  const body = quoted.slice(1, quoted.endsWith('"') ? -1 : undefined);
  const bytes: number[] = [];
  for (let index = 0; index < body.length; index += 1) {
    const char = body.charAt(index);
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'utf8'));
      continue;
    }
    const octal = /^[0-7]{3}/.exec(body.slice(index + 1));
    if (octal !== null) {
      bytes.push(Number.parseInt(octal[0], 8));
      index += 3;
      continue;
    }
    const next = body.charAt(index + 1);
    bytes.push(escapes[next] ?? next.charCodeAt(0));
    index += 1;
  }
  return Buffer.from(bytes).toString('utf8');
}
