/** Result of splitting one command line: the words, or why the line cannot be split. */
export type ShellWords =
  | { readonly ok: true; readonly words: readonly string[] }
  | { readonly ok: false; readonly problem: string };

// Inside double quotes POSIX keeps the backslash unless it escapes one of these.
const doubleQuoteEscapable = new Set(['"', '\\', '$', '`', '\n']);

/**
 * Splits a command line into words with POSIX shell quoting rules (single quotes, double
 * quotes, backslash escapes), without expansion of any kind. Pure; used for the command
 * variables so `CLI_CUSTOM_COMMAND="node 'my agent.mjs'"` means two words, not three.
 */
export function splitShellWords(line: string): ShellWords {
  const words: string[] = [];
  let current = '';
  // A word exists once any character or quote pair was seen, so '' yields an empty word.
  let inWord = false;
  let index = 0;

  while (index < line.length) {
    const char = line.charAt(index);
    if (char === "'") {
      const end = line.indexOf("'", index + 1);
      if (end === -1) return { ok: false, problem: 'unterminated single quote' };
      current += line.slice(index + 1, end);
      inWord = true;
      index = end + 1;
    } else if (char === '"') {
      const closed = readDoubleQuoted(line, index + 1);
      if (closed === undefined) return { ok: false, problem: 'unterminated double quote' };
      current += closed.text;
      inWord = true;
      index = closed.next;
    } else if (char === '\\') {
      if (index + 1 >= line.length) return { ok: false, problem: 'trailing backslash' };
      const escaped = line.charAt(index + 1);
      // A backslash-newline is a line continuation: both characters disappear.
      if (escaped !== '\n') {
        current += escaped;
        inWord = true;
      }
      index += 2;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
      index += 1;
    } else {
      current += char;
      inWord = true;
      index += 1;
    }
  }
  if (inWord) words.push(current);
  return { ok: true, words };
}

function readDoubleQuoted(line: string, start: number): { text: string; next: number } | undefined {
  let text = '';
  let index = start;
  while (index < line.length) {
    const char = line.charAt(index);
    if (char === '"') return { text, next: index + 1 };
    if (char === '\\' && index + 1 < line.length) {
      const escaped = line.charAt(index + 1);
      if (doubleQuoteEscapable.has(escaped)) {
        if (escaped !== '\n') text += escaped;
        index += 2;
        continue;
      }
    }
    text += char;
    index += 1;
  }
  return undefined;
}
