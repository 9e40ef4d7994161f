/** How comments are written in one kind of file. */
export interface CommentSyntax {
  /** Openers of comments that run to the end of the line (`//`, `#`, `--`, `;`). */
  readonly line: readonly string[];
  /** Block comment opener and closer pairs (`/*` … `*\/`, `<!--` … `-->`). */
  readonly block: readonly (readonly [string, string])[];
  /** A line starting with `*` continues a block comment (JSDoc and friends). */
  readonly starContinuation: boolean;
}

const cLike: CommentSyntax = { line: ['//'], block: [['/*', '*/']], starContinuation: true };
const hash: CommentSyntax = { line: ['#'], block: [], starContinuation: false };
const ini: CommentSyntax = { line: [';', '#'], block: [], starContinuation: false };
const sql: CommentSyntax = { line: ['--'], block: [['/*', '*/']], starContinuation: true };
const php: CommentSyntax = { line: ['//', '#'], block: [['/*', '*/']], starContinuation: true };
const markup: CommentSyntax = { line: [], block: [['<!--', '-->']], starContinuation: false };

// The original's text extensions (spec autocode-adapters §3.2) plus module variants of JS/TS;
// JSON and plain text have no comments, so their files are not scanned at all.
const syntaxByExtension: ReadonlyMap<string, CommentSyntax> = new Map([
  ...['js', 'jsx', 'mjs', 'cjs', 'ts', 'tsx', 'mts', 'cts'].map((ext) => [ext, cLike] as const),
  ...['java', 'go', 'rs', 'c', 'cc', 'cpp', 'h', 'hpp', 'cs', 'swift', 'kt', 'kts', 'scala'].map(
    (ext) => [ext, cLike] as const,
  ),
  ...['py', 'rb', 'sh', 'bash', 'yaml', 'yml', 'toml', 'conf'].map((ext) => [ext, hash] as const),
  ...['ini', 'cfg'].map((ext) => [ext, ini] as const),
  ['sql', sql] as const,
  ['php', php] as const,
  ...['md', 'markdown'].map((ext) => [ext, markup] as const),
]);

/** The comment syntax for a repository-relative path, or null when the file is not scanned. */
export function commentSyntaxFor(relPath: string): CommentSyntax | null {
  const name = relPath.slice(relPath.lastIndexOf('/') + 1);
  // `.env` files hold secrets, never work items.
  if (name.startsWith('.env')) return null;
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return null;
  return syntaxByExtension.get(name.slice(dot + 1).toLowerCase()) ?? null;
}
