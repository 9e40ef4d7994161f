import { createFakeClock } from '@patchloop/sandbox';
import { describe, expect, it } from 'vitest';
import type { AgentFailureReason, AgentOutcome, AgentRequest, CodingAgent } from './coding-agent.js';
import { createFailoverAgent, describeAttempts } from './failover-agent.js';

type StubAgent = CodingAgent & { readonly requests: AgentRequest[] };

/** An agent that answers each call with the next scripted outcome (the last one repeats). */
function stubAgent(
  name: string,
  script: ReadonlyArray<(request: AgentRequest) => Promise<AgentOutcome>>,
): StubAgent {
  const requests: AgentRequest[] = [];
  return {
    name,
    requests,
    run: async (request) => {
      requests.push(request);
      const next = script[Math.min(requests.length - 1, script.length - 1)];
      if (next === undefined) throw new Error('stub agent has no script');
      return next(request);
    },
  };
}

const completed =
  (output: string) =>
  async (request: AgentRequest): Promise<AgentOutcome> => ({
    kind: 'completed',
    backend: 'stub',
    model: request.model,
    output,
    durationMs: 1,
  });
const failed =
  (reason: AgentFailureReason) =>
  async (request: AgentRequest): Promise<AgentOutcome> => ({
    kind: 'failed',
    backend: 'stub',
    model: request.model,
    reason,
    exitCode: 1,
    stderrTail: `failed: ${reason}`,
    durationMs: 1,
  });
const timedOut = async (request: AgentRequest): Promise<AgentOutcome> => ({
  kind: 'timed_out',
  backend: 'stub',
  model: request.model,
  limit: 'total',
  durationMs: 1,
  stdoutTail: '',
  stderrTail: '',
});
const notInstalled = async (request: AgentRequest): Promise<AgentOutcome> => ({
  kind: 'not_installed',
  backend: 'stub',
  model: request.model,
  command: 'stub',
  setting: 'CLI_STUB_COMMAND',
});
const cancelled = async (request: AgentRequest): Promise<AgentOutcome> => ({
  kind: 'cancelled',
  backend: 'stub',
  model: request.model,
});

const request: AgentRequest = { prompt: 'Fix it', cwd: '/repo', mode: 'edit', timeoutMs: 60_000 };

describe('failoverAgent', () => {
  it('returns the first completed answer and runs nothing after it', async () => {
    const primary = stubAgent('codex', [completed('from codex')]);
    const fallback = stubAgent('copilot', [completed('from copilot')]);
    const agent = createFailoverAgent({
      candidates: [{ agent: primary }, { agent: fallback }],
      clock: createFakeClock(),
    });

    const outcome = await agent.run(request);

    expect(outcome).toMatchObject({ kind: 'completed', output: 'from codex' });
    expect(fallback.requests).toEqual([]);
  });

  it('tries primary model, primary fallback model, then the fallback CLI, and returns the last failure', async () => {
    const codex = stubAgent('codex', [failed('exit_code')]);
    const claude = stubAgent('claude', [failed('empty_output')]);
    const agent = createFailoverAgent({
      candidates: [
        { agent: codex, model: 'a' },
        { agent: codex, model: 'b' },
        { agent: claude, model: 'c' },
      ],
      clock: createFakeClock(),
    });

    const outcome = await agent.run(request);

    expect(codex.requests.map((r) => r.model)).toEqual(['a', 'b']);
    expect(claude.requests.map((r) => r.model)).toEqual(['c']);
    expect(outcome).toMatchObject({ kind: 'failed', reason: 'empty_output', model: 'c' });
    expect(describeAttempts(outcome.attempts ?? [])).toBe(
      'codex/a: failed (exit_code); codex/b: failed (exit_code); claude/c: failed (empty_output)',
    );
  });

  it.each([
    ['auth', failed('auth')],
    ['quota', failed('quota')],
    ['rate_limit', failed('rate_limit')],
    ['empty_output', failed('empty_output')],
    ['exit_code', failed('exit_code')],
    ['unparseable', failed('unparseable')],
    ['prompt_too_large', failed('prompt_too_large')],
    ['timed_out', timedOut],
    ['not_installed', notInstalled],
  ])('moves on to the next candidate after %s', async (_name, outcome) => {
    const primary = stubAgent('codex', [outcome]);
    const fallback = stubAgent('copilot', [completed('rescued')]);
    const agent = createFailoverAgent({
      candidates: [{ agent: primary }, { agent: fallback }],
      clock: createFakeClock(),
    });

    const result = await agent.run(request);

    expect(result).toMatchObject({ kind: 'completed', output: 'rescued' });
  });

  it('stops at once when a candidate was cancelled', async () => {
    const primary = stubAgent('codex', [cancelled]);
    const fallback = stubAgent('copilot', [completed('should not run')]);
    const agent = createFailoverAgent({
      candidates: [{ agent: primary }, { agent: fallback }],
      clock: createFakeClock(),
    });

    const outcome = await agent.run(request);

    expect(outcome.kind).toBe('cancelled');
    expect(fallback.requests).toEqual([]);
  });

  it('skips a backend that failed on auth for the next requests until its cooldown ends', async () => {
    const clock = createFakeClock();
    const codex = stubAgent('codex', [failed('auth'), completed('codex is back')]);
    const copilot = stubAgent('copilot', [completed('from copilot')]);
    const agent = createFailoverAgent({ candidates: [{ agent: codex }, { agent: copilot }], clock });
    await agent.run(request);

    await clock.advance(9 * 60_000);
    const during = await agent.run(request);
    await clock.advance(60_000);
    const after = await agent.run(request);

    expect(during).toMatchObject({ kind: 'completed', output: 'from copilot' });
    expect(during.attempts?.[0]).toEqual({ backend: 'codex', model: undefined, kind: 'skipped_cooldown' });
    expect(after).toMatchObject({ kind: 'completed', output: 'codex is back' });
    expect(codex.requests).toHaveLength(2);
  });

  it('skips the other models of a backend that just failed on quota within the same request', async () => {
    const codex = stubAgent('codex', [failed('quota')]);
    const claude = stubAgent('claude', [completed('from claude')]);
    const agent = createFailoverAgent({
      candidates: [{ agent: codex, model: 'a' }, { agent: codex, model: 'b' }, { agent: claude }],
      clock: createFakeClock(),
    });

    const outcome = await agent.run(request);

    expect(codex.requests.map((r) => r.model)).toEqual(['a']);
    expect(outcome.attempts?.map((a) => a.kind)).toEqual(['failed', 'skipped_cooldown', 'completed']);
  });

  it('cools a rate-limited backend down for one minute only', async () => {
    const clock = createFakeClock();
    const codex = stubAgent('codex', [failed('rate_limit'), completed('codex again')]);
    const copilot = stubAgent('copilot', [completed('from copilot')]);
    const agent = createFailoverAgent({ candidates: [{ agent: codex }, { agent: copilot }], clock });
    await agent.run(request);

    await clock.advance(60_000);
    const outcome = await agent.run(request);

    expect(outcome).toMatchObject({ kind: 'completed', output: 'codex again' });
  });

  it('tries cooled-down backends anyway when every candidate is cooling down', async () => {
    const codex = stubAgent('codex', [failed('auth'), completed('credentials fixed')]);
    const agent = createFailoverAgent({ candidates: [{ agent: codex }], clock: createFakeClock() });
    await agent.run(request);

    const outcome = await agent.run(request);

    expect(outcome).toMatchObject({ kind: 'completed', output: 'credentials fixed' });
  });

  it('lists the active cooldowns', async () => {
    const clock = createFakeClock(Date.UTC(2026, 0, 1));
    const codex = stubAgent('codex', [failed('quota')]);
    const copilot = stubAgent('copilot', [completed('ok')]);
    const agent = createFailoverAgent({ candidates: [{ agent: codex }, { agent: copilot }], clock });

    await agent.run(request);

    expect(agent.cooldowns()).toEqual([
      { backend: 'codex', reason: 'quota', until: Date.UTC(2026, 0, 1) + 10 * 60_000 },
    ]);
  });

  it('uses the request model instead of the first candidate model, and drops it for later ones', async () => {
    const codex = stubAgent('codex', [failed('exit_code')]);
    const copilot = stubAgent('copilot', [completed('ok')]);
    const agent = createFailoverAgent({
      candidates: [{ agent: codex, model: 'configured' }, { agent: copilot }],
      clock: createFakeClock(),
    });

    await agent.run({ ...request, model: 'override' });

    expect(codex.requests[0]?.model).toBe('override');
    expect(copilot.requests[0]).not.toHaveProperty('model');
  });

  it('gives each candidate only the time left in the chain budget', async () => {
    const clock = createFakeClock();
    const slow = stubAgent('codex', [
      async (req) => {
        await clock.advance(40_000);
        return timedOut(req);
      },
    ]);
    const next = stubAgent('copilot', [completed('ok')]);
    const agent = createFailoverAgent({
      candidates: [{ agent: slow }, { agent: next }],
      clock,
      chainTimeoutMs: 50_000,
    });

    await agent.run(request);

    expect(slow.requests[0]?.timeoutMs).toBe(50_000);
    expect(next.requests[0]?.timeoutMs).toBe(10_000);
  });

  it('refuses an empty chain', () => {
    expect(() => createFailoverAgent({ candidates: [], clock: createFakeClock() })).toThrow(
      'No coding CLI configured',
    );
  });
});
