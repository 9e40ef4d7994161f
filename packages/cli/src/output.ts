/** Where the command prints; the only place that touches the console, so commands stay testable. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
}

/** Prints to the process's stdout and stderr. */
export function createConsoleOutput(): Output {
  return {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  };
}

/** Collects lines in memory; for tests. */
export function createBufferedOutput(): Output & { readonly stdout: string[]; readonly stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (line) => stdout.push(line), err: (line) => stderr.push(line) };
}
