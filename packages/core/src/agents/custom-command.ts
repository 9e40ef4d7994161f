import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../errors/app-error.js';
import type { BackendSettings, CliBackend, Invocation, ParsedOutput } from './cli-backend.js';
import { modelArgs } from './cli-backend.js';
import type { AgentRequest, CodingAgent } from './coding-agent.js';
import type { CliAgentDeps, RunPreparation } from './create-cli-agent.js';
import { createCliAgent } from './create-cli-agent.js';
import { composePrompt } from './prompt-transport.js';

/** Settings of the custom backend: the command is required; without `modelFlag` no model is passed. */
export interface CustomCommandSettings extends BackendSettings {
  /** `PRIMARY_CLI_COMMAND` / `CLI_CUSTOM_COMMAND`, already split into words by the config loader. */
  readonly command: readonly string[];
  /** Where the per-run prompt file is created; defaults to the OS temp dir. */
  readonly tempDir?: string;
}

/** Dependencies of the custom-command agent. */
export interface CustomCommandAgentDeps extends Pick<CliAgentDeps, 'runner'> {
  readonly settings: CustomCommandSettings;
}

/** The environment variable naming the file that holds the prompt. */
export const promptFileVariable = 'PATCHLOOP_PROMPT_FILE';

/**
 * The custom command contract: run the configured command as-is (plus `<modelFlag> <model>` when
 * configured) with the prompt on stdin; the same prompt is in the file named by
 * `PATCHLOOP_PROMPT_FILE` (added by the agent, not here).
 */
export function buildCustomCommandInvocation(
  request: AgentRequest,
  settings: CustomCommandSettings,
): Invocation {
  const [command, ...args] = settings.command;
  if (command === undefined || command === '') {
    throw new AppError(
      'AGENT_COMMAND_INVALID',
      `PRIMARY_CLI=custom needs a command: set ${settings.commandSetting ?? 'PRIMARY_CLI_COMMAND'}.`,
    );
  }
  const model = settings.modelFlag === undefined ? [] : modelArgs(request, settings);
  return { command, args: [...args, ...model], input: composePrompt(request) };
}

/** A custom command's answer is its whole stdout (ANSI already removed), trimmed. */
export function parseCustomCommandOutput(stdout: string): ParsedOutput {
  return { kind: 'answer', text: stdout.trim() };
}

/**
 * An operator-supplied command (`PRIMARY_CLI=custom` + `PRIMARY_CLI_COMMAND`). It runs in the
 * request's cwd and gets the prompt on stdin and in a private temp file that is removed afterwards;
 * `PATCHLOOP_AGENT_MODE` tells it whether it may edit. Throws at creation when no command is set.
 */
export function createCustomCommandAgent(deps: CustomCommandAgentDeps): CodingAgent {
  const { settings } = deps;
  const commandSetting = settings.commandSetting ?? 'PRIMARY_CLI_COMMAND';
  if (settings.command.length === 0 || settings.command[0] === '') {
    throw new AppError('AGENT_COMMAND_INVALID', `PRIMARY_CLI=custom needs a command: set ${commandSetting}.`);
  }
  const backend: CliBackend = {
    name: 'custom',
    buildInvocation: (request) => buildCustomCommandInvocation(request, settings),
    parseOutput: (stdout) => parseCustomCommandOutput(stdout),
  };
  const prepare = async (request: AgentRequest, prompt: string): Promise<RunPreparation> => {
    const dir = await mkdtemp(join(settings.tempDir ?? tmpdir(), 'patchloop-prompt-'));
    const file = join(dir, 'prompt.md');
    // 0600: the prompt can quote private repository content.
    await writeFile(file, prompt, { encoding: 'utf8', mode: 0o600 });
    return {
      env: { [promptFileVariable]: file, PATCHLOOP_AGENT_MODE: request.mode },
      cleanup: () => rm(dir, { recursive: true, force: true }),
    };
  };
  return createCliAgent(
    backend,
    { runner: deps.runner, settings: { ...settings, commandSetting } },
    { prepare },
  );
}
