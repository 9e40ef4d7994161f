import { AppError } from '../errors/app-error.js';
import type { ProcessRunner } from '../process/process-runner.js';
import { buildAgentEnvironment } from './agent-environment.js';
import type { BackendSettings, CliBackend, Invocation } from './cli-backend.js';
import { outputFormatOf } from './cli-backend.js';
import type { AgentOutcome, AgentRequest, CodingAgent } from './coding-agent.js';
import { composePrompt } from './prompt-transport.js';
import { toAgentOutcome } from './to-agent-outcome.js';

/** Per-run extras a backend may add around the child process (the custom command's prompt file). */
export interface RunPreparation {
  readonly env: Readonly<Record<string, string>>;
  cleanup(): Promise<void>;
}

/** Dependencies shared by every CLI-backed agent factory. */
export interface CliAgentDeps {
  readonly runner: ProcessRunner;
  readonly settings: BackendSettings;
}

/** Options of the generic glue beyond the backend itself. */
export interface CliAgentOptions {
  /** Runs before the child starts; its `cleanup` runs after it ends, whatever happened. */
  readonly prepare?: (request: AgentRequest, prompt: string) => Promise<RunPreparation>;
}

/**
 * Glues a pure backend (argv + parser) to the injected `ProcessRunner`: filters the environment,
 * applies timeouts, and maps the result to an `AgentOutcome`. Every backend agent is one of these.
 */
export function createCliAgent(
  backend: CliBackend,
  deps: CliAgentDeps,
  options: CliAgentOptions = {},
): CodingAgent {
  const { runner, settings } = deps;
  const commandSetting = settings.commandSetting ?? `CLI_${backend.name.toUpperCase()}_COMMAND`;

  return {
    name: backend.name,
    async run(request, signal): Promise<AgentOutcome> {
      const model = request.model === '' ? undefined : request.model;
      const prompt = composePrompt(request);
      let invocation: Invocation;
      try {
        invocation = backend.buildInvocation(request, settings);
      } catch (error) {
        if (error instanceof AppError && error.code === 'AGENT_PROMPT_TOO_LARGE') {
          return {
            backend: backend.name,
            model,
            kind: 'failed',
            reason: 'prompt_too_large',
            exitCode: 0,
            stderrTail: error.message,
            durationMs: 0,
          };
        }
        throw error;
      }

      const preparation = await options.prepare?.(request, prompt);
      try {
        const env = {
          ...buildAgentEnvironment(settings.parentEnv, { passthrough: settings.envPassthrough ?? [] }),
          ...preparation?.env,
        };
        const result = await runner.run({
          command: invocation.command,
          args: invocation.args,
          cwd: request.cwd,
          env,
          timeoutMs: request.timeoutMs,
          ...(invocation.input === undefined ? {} : { input: invocation.input }),
          ...(request.idleTimeoutMs === undefined ? {} : { idleTimeoutMs: request.idleTimeoutMs }),
          ...(signal === undefined ? {} : { signal }),
          ...(settings.maxOutputBytes === undefined ? {} : { maxOutputBytes: settings.maxOutputBytes }),
        });
        const format = outputFormatOf(request);
        return toAgentOutcome(result, {
          backend: backend.name,
          model,
          commandSetting,
          prompt,
          parse: (stdout) => backend.parseOutput(stdout, format),
        });
      } finally {
        await preparation?.cleanup();
      }
    },
  };
}
