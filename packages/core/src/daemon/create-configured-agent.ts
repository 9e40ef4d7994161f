import { buildCandidateChain } from '../agents/candidate-chain.js';
import type { CodingAgent } from '../agents/coding-agent.js';
import { createAgentChain } from '../agents/create-agent-chain.js';
import type { AgentFactoryDeps } from '../agents/registry.js';
import type { CliProfile, CodingCliSettings } from '../config/coding-cli-settings.js';
import type { Logger } from '../logging/create-logger.js';
import type { ProcessRunner } from '../process/process-runner.js';
import type { Clock } from '../time/clock.js';

/** Dependencies of {@link createConfiguredAgent}. */
export interface ConfiguredAgentDeps {
  readonly cli: CodingCliSettings;
  /** The daemon's environment; every backend strips PatchLoop's and GitHub's secrets from it. */
  readonly parentEnv: Readonly<Record<string, string | undefined>>;
  readonly runner: ProcessRunner;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * The coding agent a daemon uses: the configured primary backend, its fallback models, then each
 * fallback backend with its models, behind the failover decorator (cooldown after auth or quota
 * failures). Command errors name the variable to fix (PRIMARY_CLI_COMMAND, CLI_<NAME>_COMMAND).
 */
export function createConfiguredAgent(deps: ConfiguredAgentDeps): CodingAgent {
  const { cli } = deps;
  const profiles = new Map<string, { profile: CliProfile; isPrimary: boolean }>();
  profiles.set(cli.primary.backend, { profile: cli.primary, isPrimary: true });
  for (const fallback of cli.fallbacks) {
    if (!profiles.has(fallback.backend))
      profiles.set(fallback.backend, { profile: fallback, isPrimary: false });
  }
  const settingsFor = (backend: string): AgentFactoryDeps['settings'] => {
    const entry = profiles.get(backend);
    const profile = entry?.profile;
    const commandSetting = entry?.isPrimary ? 'PRIMARY_CLI_COMMAND' : `CLI_${backend.toUpperCase()}_COMMAND`;
    return {
      parentEnv: deps.parentEnv,
      commandSetting,
      ...(profile?.command === undefined ? {} : { command: profile.command }),
      ...(profile?.modelFlag === undefined ? {} : { modelFlag: profile.modelFlag }),
    };
  };
  return createAgentChain({
    chain: buildCandidateChain(cli.primary, cli.fallbacks),
    runner: deps.runner,
    settingsFor,
    clock: deps.clock,
    chainTimeoutMs: cli.timeoutMs * Math.max(1, cli.fallbacks.length + 1),
    logger: deps.logger,
  });
}
