import { AppError } from '../errors/app-error.js';
import type { Logger } from '../logging/create-logger.js';
import type { Clock } from '../time/clock.js';
import type { AgentAttempt, AgentOutcome, AgentRequest, CodingAgent } from './coding-agent.js';

/** One link of the chain: an agent and the model to ask it for (undefined = the CLI's default). */
export interface FailoverCandidate {
  readonly agent: CodingAgent;
  readonly model?: string;
}

/** Failure reasons that put a backend in cooldown. */
export type CooldownReason = 'auth' | 'quota' | 'rate_limit';

/** Dependencies of the failover agent. */
export interface FailoverAgentDeps {
  readonly candidates: readonly FailoverCandidate[];
  readonly clock: Clock;
  /** Cooldown per reason; defaults: auth 10 min, quota 10 min, rate_limit 1 min. */
  readonly cooldownMs?: Partial<Record<CooldownReason, number>>;
  /** Bounds the whole chain: each candidate gets min(request.timeoutMs, time left). */
  readonly chainTimeoutMs?: number;
  readonly logger?: Logger;
}

/** A backend currently skipped, for observability. */
export interface BackendCooldown {
  readonly backend: string;
  readonly reason: CooldownReason;
  readonly until: number;
}

/** A `CodingAgent` that tries candidates in order; also reports its cooldowns. */
export interface FailoverAgent extends CodingAgent {
  cooldowns(): readonly BackendCooldown[];
}

const defaultCooldownMs: Readonly<Record<CooldownReason, number>> = {
  auth: 10 * 60_000,
  quota: 10 * 60_000,
  rate_limit: 60_000,
};

/**
 * Every outcome except `completed` and `cancelled` moves on to the next candidate: failures are far
 * more often backend-specific (credentials, quota, a missing binary, a flaky CLI) than
 * task-specific, and `chainTimeoutMs` bounds the cost when they are not. A cancel stops at once.
 */
export function shouldFailOver(outcome: AgentOutcome): boolean {
  return outcome.kind !== 'completed' && outcome.kind !== 'cancelled';
}

/**
 * A decorator over several agents, in the original's order (primary model, primary fallbacks,
 * fallback CLIs). A backend that fails on auth, quota or rate limit is put in cooldown (per backend,
 * all its models) and skipped by later requests; if EVERY candidate is cooling down they are tried
 * anyway, so a fixed credential is picked up without a restart. `request.model`, when set, replaces
 * the first candidate's model (the original's override).
 */
export function createFailoverAgent(deps: FailoverAgentDeps): FailoverAgent {
  const { clock, logger } = deps;
  if (deps.candidates.length === 0) {
    throw new AppError('AGENT_CHAIN_EMPTY', 'No coding CLI configured: set PRIMARY_CLI (and its models).');
  }
  const cooldownMs = { ...defaultCooldownMs, ...deps.cooldownMs };
  const cooling = new Map<string, BackendCooldown>();
  const name = `failover(${deps.candidates.map((c) => c.agent.name).join(',')})`;

  const isCooling = (backend: string, now: number): boolean => (cooling.get(backend)?.until ?? 0) > now;

  const candidatesFor = (request: AgentRequest): readonly FailoverCandidate[] => {
    const [first, ...rest] = deps.candidates;
    if (first === undefined || request.model === undefined || request.model === '') return deps.candidates;
    return [{ agent: first.agent, model: request.model }, ...rest];
  };

  return {
    name,
    cooldowns: () => {
      const now = clock.now();
      return [...cooling.values()].filter((c) => c.until > now);
    },
    async run(request, signal) {
      const startedAt = clock.now();
      const candidates = candidatesFor(request);
      const honourCooldowns = candidates.some((c) => !isCooling(c.agent.name, startedAt));
      const deadline = deps.chainTimeoutMs === undefined ? undefined : startedAt + deps.chainTimeoutMs;
      const attempts: AgentAttempt[] = [];
      let last: AgentOutcome | undefined;

      for (const [index, candidate] of candidates.entries()) {
        const backend = candidate.agent.name;
        const now = clock.now();
        if (honourCooldowns && isCooling(backend, now)) {
          attempts.push({ backend, model: candidate.model, kind: 'skipped_cooldown' });
          continue;
        }
        const timeLeft =
          deadline === undefined ? request.timeoutMs : Math.min(request.timeoutMs, deadline - now);
        if (timeLeft <= 0) break;

        const outcome = await candidate.agent.run(withCandidate(request, candidate, timeLeft), signal);
        const reason = outcome.kind === 'failed' ? outcome.reason : undefined;
        attempts.push({ backend, model: candidate.model, kind: outcome.kind, ...(reason ? { reason } : {}) });
        if (!shouldFailOver(outcome)) return { ...outcome, attempts };

        if (reason === 'auth' || reason === 'quota' || reason === 'rate_limit') {
          const until = clock.now() + cooldownMs[reason];
          cooling.set(backend, { backend, reason, until });
          logger?.warn({ backend, reason, until }, 'Coding CLI backend put in cooldown');
        }
        logger?.warn(
          {
            backend,
            model: candidate.model,
            kind: outcome.kind,
            reason,
            candidate: index + 1,
            of: candidates.length,
          },
          'Coding CLI candidate failed, trying the next one',
        );
        last = outcome;
      }

      if (last !== undefined) return { ...last, attempts };
      // Nothing ran: the chain deadline had already passed, or every candidate was skipped.
      const durationMs = clock.now() - startedAt;
      return {
        backend: name,
        model: request.model,
        kind: 'timed_out',
        limit: 'total',
        durationMs,
        stdoutTail: '',
        stderrTail: '',
        attempts,
      };
    },
  };
}

function withCandidate(request: AgentRequest, candidate: FailoverCandidate, timeoutMs: number): AgentRequest {
  const { model: _ignored, ...rest } = request;
  return candidate.model === undefined
    ? { ...rest, timeoutMs }
    : { ...rest, model: candidate.model, timeoutMs };
}

/** One line per attempt, e.g. "codex/gpt-5: failed (auth); copilot: skipped (cooldown)". */
export function describeAttempts(attempts: readonly AgentAttempt[]): string {
  return attempts
    .map((a) => {
      const label = a.model === undefined ? a.backend : `${a.backend}/${a.model}`;
      if (a.kind === 'skipped_cooldown') return `${label}: skipped (cooldown)`;
      return a.reason === undefined ? `${label}: ${a.kind}` : `${label}: ${a.kind} (${a.reason})`;
    })
    .join('; ');
}
