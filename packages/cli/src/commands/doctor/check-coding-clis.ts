import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import type { CliBackendName, CliProfile, CodingCliSettings, ProcessRunner } from '@patchloop/core';
import { cliVariable } from '@patchloop/core';
import type { DoctorCheck } from './doctor-report.js';

/** The executable each built-in backend runs when no command is configured (as core's backends do). */
export const backendExecutables: Readonly<Record<Exclude<CliBackendName, 'custom'>, string>> = {
  codex: 'codex',
  copilot: 'copilot',
  cursor: 'cursor-agent',
  opencode: 'opencode',
  claude: 'claude',
  gemini: 'gemini',
};

const installHints: Readonly<Record<Exclude<CliBackendName, 'custom'>, string>> = {
  codex: 'npm install -g @openai/codex',
  copilot: 'npm install -g @github/copilot',
  cursor: "Cursor's installer (cursor-agent is not on npm)",
  opencode: 'npm install -g opencode-ai',
  claude: 'npm install -g @anthropic-ai/claude-code',
  gemini: 'npm install -g @google/gemini-cli',
};

/** What the coding CLI checks need. */
export interface CheckCodingClisInput {
  readonly cli: CodingCliSettings;
  readonly runner: ProcessRunner;
  /** The environment a coding CLI gets: secrets already removed. */
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
}

/** One configured backend: its role and the command words it runs. */
interface Candidate {
  readonly profile: CliProfile;
  readonly role: 'primary' | 'fallback';
}

const versionTimeoutMs = 10_000;

/**
 * Checks the primary backend and every fallback: a built-in backend must answer `--version`
 * within 10 s; a custom command need only exist, since it may not take `--version`.
 */
export async function checkCodingClis(input: CheckCodingClisInput): Promise<DoctorCheck[]> {
  const seen = new Set<CliBackendName>();
  const candidates: Candidate[] = [];
  for (const [index, profile] of [input.cli.primary, ...input.cli.fallbacks].entries()) {
    // A fallback may repeat the primary backend with other models: same executable, one check.
    if (seen.has(profile.backend)) continue;
    seen.add(profile.backend);
    candidates.push({ profile, role: index === 0 ? 'primary' : 'fallback' });
  }
  return Promise.all(candidates.map((candidate) => checkCandidate(candidate, input)));
}

/** The variables an operator edits to point PatchLoop at a backend's executable. */
function commandSettings(candidate: Candidate): string {
  const own = cliVariable(candidate.profile.backend, 'COMMAND');
  const legacy = candidate.role === 'primary' ? 'PRIMARY_CLI_COMMAND' : 'FALLBACK_CLI_COMMAND';
  return `${own} (or ${legacy})`;
}

async function checkCandidate(candidate: Candidate, input: CheckCodingClisInput): Promise<DoctorCheck> {
  const { backend, command } = candidate.profile;
  const name = `Coding CLI ${backend} (${candidate.role})`;
  if (backend === 'custom') {
    const [executable = ''] = command ?? [];
    const found = await findExecutable(executable, input.env['PATH'] ?? '', input.cwd);
    if (found !== undefined) return { name, ok: true, detail: `${executable} found at ${found}` };
    return {
      name,
      ok: false,
      detail: `${executable || '(empty command)'} is not an executable on PATH or at that path`,
      fix: `install it, or set ${commandSettings(candidate)} to a command whose first word is an executable`,
    };
  }
  const [executable = backendExecutables[backend], ...prefix] =
    command !== undefined && command.length > 0 ? command : [backendExecutables[backend]];
  const shown = [executable, ...prefix, '--version'].join(' ');
  const fix = `install ${backend} (${installHints[backend]}) or set ${commandSettings(candidate)} to its path`;
  const result = await input.runner.run({
    command: executable,
    args: [...prefix, '--version'],
    cwd: input.cwd,
    env: input.env,
    timeoutMs: versionTimeoutMs,
  });
  switch (result.kind) {
    case 'not_found':
      return { name, ok: false, detail: `${executable} was not found`, fix };
    case 'timed_out':
      return { name, ok: false, detail: `${shown} gave no answer within ${versionTimeoutMs / 1000} s`, fix };
    case 'cancelled':
      return { name, ok: false, detail: `${shown} was cancelled`, fix };
    case 'exited': {
      const answer = firstLine(result.stdout) ?? firstLine(result.stderr) ?? '(no output)';
      if (result.exitCode === 0) return { name, ok: true, detail: `${executable}: ${answer}` };
      return { name, ok: false, detail: `${shown} exited with ${result.exitCode}: ${answer}`, fix };
    }
  }
}

function firstLine(text: string): string | undefined {
  return text
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line !== '');
}

/**
 * Where `executable` resolves: a path (relative to `cwd`) when it has a slash, else the first
 * PATH directory holding an executable file of that name.
 */
export async function findExecutable(
  executable: string,
  searchPath: string,
  cwd: string,
): Promise<string | undefined> {
  if (executable === '') return undefined;
  const candidates = executable.includes('/')
    ? [path.resolve(cwd, executable)]
    : searchPath
        .split(path.delimiter)
        .filter((dir) => dir !== '')
        .map((dir) => path.join(dir, executable));
  for (const candidate of candidates) {
    if (await isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

async function isExecutableFile(file: string): Promise<boolean> {
  const info = await stat(file).catch(() => undefined);
  if (info === undefined || !info.isFile()) return false;
  return access(file, constants.X_OK).then(
    () => true,
    () => false,
  );
}
