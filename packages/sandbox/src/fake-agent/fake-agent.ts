import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One scripted action of the fake agent CLI; paths are relative to the directory it runs in. */
export type FakeAgentStep =
  | { readonly kind: 'write'; readonly path: string; readonly content: string }
  | { readonly kind: 'append'; readonly path: string; readonly content: string }
  | { readonly kind: 'delete'; readonly path: string }
  /** `git add` of the given paths, or of everything (`-A`). */
  | { readonly kind: 'stage'; readonly paths?: readonly string[] }
  | { readonly kind: 'print'; readonly text: string }
  | { readonly kind: 'printJson'; readonly value: unknown }
  | { readonly kind: 'stderr'; readonly text: string }
  /** Ends the call with this exit code; later steps are skipped. */
  | { readonly kind: 'exit'; readonly code: number }
  | { readonly kind: 'sleep'; readonly ms: number }
  /** Never returns; with `child`, also starts a hanging child whose pid goes to `pidFile`. */
  | { readonly kind: 'hang'; readonly child?: boolean; readonly pidFile?: string }
  | { readonly kind: 'echoPrompt' };

/** What the fake agent recorded about one call. */
export interface FakeAgentLogEntry {
  /** 1-based call number. */
  readonly n: number;
  readonly cwd: string;
  readonly argv: readonly string[];
  /** The prompt read from stdin (or, when stdin was empty, from PATCHLOOP_PROMPT_FILE). */
  readonly prompt: string;
  /** The content of PATCHLOOP_PROMPT_FILE, or null when the variable was not set. */
  readonly promptFile: string | null;
  /** The names of every environment variable it received, sorted. */
  readonly envKeys: readonly string[];
}

/** A written scenario plus what a test needs to run the fake agent against it. */
export interface FakeAgentScenario {
  readonly scenarioPath: string;
  /** The variable pointing the CLI at the scenario; merge into the agent's parent env. */
  readonly env: Readonly<Record<string, string>>;
  /** A shell-quoted command line for `PRIMARY_CLI_COMMAND` (node + the CLI script). */
  readonly command: string;
  /** The same command as words, for `settings.command`. */
  readonly argv: readonly string[];
  /** The calls recorded so far, in order. */
  readLog(): FakeAgentLogEntry[];
}

/** Absolute path of the fake agent CLI script; resolves the same from `src/` and `dist/`. */
export const fakeAgentCliPath: string = fileURLToPath(
  new URL('../../fake-agent/fake-agent-cli.mjs', import.meta.url),
);

const scenarioFileName = 'fake-agent-scenario.json';

/**
 * Writes a scenario into `dir` (one step list per call; the last repeats) and resets its call
 * counter and log, so each test starts at call 1.
 */
export function writeFakeAgentScenario(
  dir: string,
  invocations: ReadonlyArray<readonly FakeAgentStep[]>,
): FakeAgentScenario {
  const scenarioPath = join(dir, scenarioFileName);
  const logPath = `${scenarioPath}.log`;
  writeFileSync(scenarioPath, `${JSON.stringify({ invocations }, null, 2)}\n`);
  rmSync(`${scenarioPath}.state`, { force: true });
  rmSync(logPath, { force: true });
  const argv = [process.execPath, fakeAgentCliPath];
  return {
    scenarioPath,
    env: { PATCHLOOP_FAKE_AGENT_SCENARIO: scenarioPath },
    command: argv.map(quoteShellWord).join(' '),
    argv,
    readLog: () =>
      existsSync(logPath)
        ? readFileSync(logPath, 'utf8')
            .split('\n')
            .filter((line) => line.trim() !== '')
            .map((line) => JSON.parse(line) as FakeAgentLogEntry)
        : [],
  };
}

function quoteShellWord(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
