import { AppError } from '../errors/app-error.js';
import type { ProcessRunner } from '../process/process-runner.js';
import { createClaudeAgent } from './claude.js';
import type { BackendSettings } from './cli-backend.js';
import { createCodexAgent } from './codex.js';
import type { CodingAgent } from './coding-agent.js';
import { createCopilotAgent } from './copilot.js';
import { createCursorAgent } from './cursor.js';
import type { CustomCommandSettings } from './custom-command.js';
import { createCustomCommandAgent } from './custom-command.js';
import { createGeminiAgent } from './gemini.js';
import { createOpencodeAgent } from './opencode.js';

/** Every backend PatchLoop can drive, by the name used in `PRIMARY_CLI` / `FALLBACK_CLIS`. */
export const backendNames = ['codex', 'copilot', 'cursor', 'opencode', 'claude', 'gemini', 'custom'] as const;

/** A backend name from `backendNames`. */
export type BackendName = (typeof backendNames)[number];

/** Dependencies every backend factory receives. */
export interface AgentFactoryDeps {
  readonly runner: ProcessRunner;
  /** For `custom`, `command` is required and `tempDir` is honoured. */
  readonly settings: BackendSettings & Partial<Pick<CustomCommandSettings, 'tempDir'>>;
}

/** Builds one backend's agent. */
export type AgentFactory = (deps: AgentFactoryDeps) => CodingAgent;

/** The explicit backend map: adding a backend means one file, one line here and one README section. */
export const agentFactories: Readonly<Record<BackendName, AgentFactory>> = {
  codex: createCodexAgent,
  copilot: createCopilotAgent,
  cursor: createCursorAgent,
  opencode: createOpencodeAgent,
  claude: createClaudeAgent,
  gemini: createGeminiAgent,
  custom: ({ runner, settings }) =>
    createCustomCommandAgent({ runner, settings: { ...settings, command: settings.command ?? [] } }),
};

/** True when `name` is a backend PatchLoop knows. */
export function isBackendName(name: string): name is BackendName {
  return (backendNames as readonly string[]).includes(name);
}

/** Creates the agent for a backend name; an unknown name throws an error listing the valid ones. */
export function createAgent(name: string, deps: AgentFactoryDeps): CodingAgent {
  const normalized = name.trim().toLowerCase();
  if (!isBackendName(normalized)) {
    throw new AppError(
      'AGENT_UNKNOWN_BACKEND',
      `Unknown coding CLI backend "${name}". Valid names: ${backendNames.join(', ')}. ` +
        'For any other CLI use "custom" with PRIMARY_CLI_COMMAND.',
    );
  }
  return agentFactories[normalized](deps);
}
