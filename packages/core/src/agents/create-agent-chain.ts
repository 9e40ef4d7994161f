import type { ProcessRunner } from '../process/process-runner.js';
import type { ChainEntry } from './candidate-chain.js';
import type { CodingAgent } from './coding-agent.js';
import type { FailoverAgent, FailoverAgentDeps } from './failover-agent.js';
import { createFailoverAgent } from './failover-agent.js';
import type { AgentFactoryDeps } from './registry.js';
import { createAgent } from './registry.js';

/** Dependencies for turning a configured chain into one agent. */
export interface AgentChainDeps extends Omit<FailoverAgentDeps, 'candidates'> {
  readonly chain: readonly ChainEntry[];
  readonly runner: ProcessRunner;
  /** Settings of each backend named in the chain (command, env, limits). */
  readonly settingsFor: (backend: string) => AgentFactoryDeps['settings'];
}

/**
 * Builds the agent a daemon uses from its candidate chain: one agent per distinct backend (unknown
 * names throw, listing the valid ones) wrapped in the failover decorator.
 */
export function createAgentChain(deps: AgentChainDeps): FailoverAgent {
  const { chain, runner, settingsFor, ...failover } = deps;
  const agents = new Map<string, CodingAgent>();
  const agentFor = (backend: string): CodingAgent => {
    const existing = agents.get(backend);
    if (existing !== undefined) return existing;
    const agent = createAgent(backend, { runner, settings: settingsFor(backend) });
    agents.set(backend, agent);
    return agent;
  };
  const candidates = chain.map((entry) =>
    entry.model === undefined
      ? { agent: agentFor(entry.backend) }
      : { agent: agentFor(entry.backend), model: entry.model },
  );
  return createFailoverAgent({ ...failover, candidates });
}
