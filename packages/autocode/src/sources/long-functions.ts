/** A function whose body spans at least the configured number of lines. */
export interface LongFunction {
  /** 0-based index of the line that declares it. */
  readonly lineIndex: number;
  /** The declaring line, whitespace collapsed. */
  readonly signature: string;
  /** The function's name, or the signature when no name can be read. */
  readonly name: string;
  readonly lineCount: number;
}

// Languages that declare functions with a keyword: Python/Ruby `def`, JS/TS `function`, Go
// `func`, Rust `fn`, Kotlin `fun`. Methods without a keyword and C-style declarations are missed;
// this is a conservative idle-time hint, not an analysis.
const declarationPattern =
  /^(\s*)(?:(?:export|default|public|private|protected|internal|static|abstract|final|async|override|open|unsafe|extern|inline|suspend|pub(?:\([^)]*\))?)\s+)*(?:def|function\*?|func|fn|fun)\s+(?:\([^)]*\)\s*)?([\w$]+)/;

/**
 * Functions of one file that span `minLines` lines or more, measured by indentation: a function
 * ends at the first later line indented no deeper than its declaration (a closing `}` or `end` is
 * counted, a `)` closing a long signature is not). Nested functions are measured on their own.
 */
export function findLongFunctions(lines: readonly string[], minLines: number): LongFunction[] {
  const found: LongFunction[] = [];
  for (const [lineIndex, line] of lines.entries()) {
    const declaration = declarationPattern.exec(line);
    if (declaration === null) continue;
    const lineCount = spanOf(lines, lineIndex, indentWidth(declaration[1] ?? '')) - lineIndex + 1;
    if (lineCount < minLines) continue;
    const signature = line.replace(/\s+/g, ' ').trim();
    found.push({ lineIndex, signature, name: declaration[2] ?? signature, lineCount });
  }
  return found;
}

/** The index of the last line of the function declared at `start`. */
function spanOf(lines: readonly string[], start: number, indent: number): number {
  let last = start;
  for (let index = start + 1; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    const trimmed = line.trim();
    if (trimmed === '') continue;
    if (indentWidth(line) > indent || /^[)\]]/.test(trimmed)) {
      last = index;
      continue;
    }
    return /^(?:}|end\b)/.test(trimmed) ? index : last;
  }
  return last;
}

function indentWidth(text: string): number {
  return (/^\s*/.exec(text)?.[0] ?? '').replace(/\t/g, '    ').length;
}
