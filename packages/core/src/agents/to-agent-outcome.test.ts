import { describe, expect, it } from 'vitest';
import type { ProcessResult } from '../process/process-runner.js';
import type { ParsedOutput } from './cli-backend.js';
import type { OutcomeContext } from './to-agent-outcome.js';
import { toAgentOutcome } from './to-agent-outcome.js';

const textParse = (stdout: string): ParsedOutput => ({ kind: 'answer', text: stdout });
const context = (overrides: Partial<OutcomeContext> = {}): OutcomeContext => ({
  backend: 'codex',
  model: 'gpt-5.4',
  commandSetting: 'CLI_CODEX_COMMAND',
  prompt: 'Fix the bug',
  parse: textParse,
  ...overrides,
});
const exited = (exitCode: number, stdout: string, stderr = ''): ProcessResult => ({
  kind: 'exited',
  exitCode,
  signal: undefined,
  stdout,
  stderr,
  durationMs: 1_500,
  truncated: false,
});

describe('toAgentOutcome', () => {
  it('completes with the trimmed, ANSI-free answer', () => {
    const outcome = toAgentOutcome(exited(0, '\u001b[32mDone: fixed it.\u001b[0m\n'), context());

    expect(outcome).toEqual({
      backend: 'codex',
      model: 'gpt-5.4',
      kind: 'completed',
      output: 'Done: fixed it.',
      durationMs: 1_500,
    });
  });

  it.each([
    ['an empty answer', exited(0, '  \n'), 'empty_output'],
    ['an answer of only colour codes', exited(0, '\u001b[0m\n'), 'empty_output'],
    ['a plain non-zero exit', exited(2, '', 'Error: model "gpt-9" not found'), 'exit_code'],
    ['a 401 on stderr', exited(1, '', 'unexpected status 401 Unauthorized: bad key'), 'auth'],
    ['a 401 on stdout only (claude)', exited(1, 'Failed to authenticate. API Error: 401', ''), 'auth'],
    [
      'a 429 behind ANSI codes (opencode)',
      exited(1, '', '\u001b[91mError:\u001b[0m 429 Too Many Requests'),
      'rate_limit',
    ],
    ['an exhausted quota', exited(1, '', 'insufficient_quota: You exceeded your current quota'), 'quota'],
    ['an empty answer after auth errors', exited(0, '', 'Not logged in'), 'auth'],
  ])('fails %s as %s', (_name, result, reason) => {
    expect(toAgentOutcome(result, context())).toMatchObject({ kind: 'failed', reason });
  });

  it('does not read the echoed prompt as a failure reason', () => {
    const prompt = 'Handle HTTP 429 rate limit responses in the client';
    const result = exited(1, '', `user\n${prompt}\nError: sandbox denied write`);

    expect(toAgentOutcome(result, context({ prompt }))).toMatchObject({
      kind: 'failed',
      reason: 'exit_code',
    });
  });

  it('classifies an error reported in structured output even on exit 0', () => {
    const parse = (): ParsedOutput => ({ kind: 'error', message: 'API Error: Request rejected (429)' });

    expect(toAgentOutcome(exited(0, '{}'), context({ parse }))).toMatchObject({
      kind: 'failed',
      reason: 'rate_limit',
      exitCode: 0,
      stderrTail: 'API Error: Request rejected (429)',
    });
  });

  it('fails unparseable JSON output as unparseable', () => {
    const parse = (): ParsedOutput => ({ kind: 'unparseable', detail: 'codex printed no JSON events' });

    expect(toAgentOutcome(exited(0, 'hello'), context({ parse }))).toMatchObject({
      kind: 'failed',
      reason: 'unparseable',
    });
  });

  it('keeps only the end of long error text', () => {
    const outcome = toAgentOutcome(exited(1, '', `${'x'.repeat(5_000)}THE END`), context());

    expect(outcome.kind === 'failed' && outcome.stderrTail).toHaveLength(2_000);
    expect(outcome.kind === 'failed' && outcome.stderrTail.endsWith('THE END')).toBe(true);
  });

  it('maps a missing binary to not_installed with the setting to fix', () => {
    const outcome = toAgentOutcome({ kind: 'not_found', command: 'codex' }, context());

    expect(outcome).toEqual({
      backend: 'codex',
      model: 'gpt-5.4',
      kind: 'not_installed',
      command: 'codex',
      setting: 'CLI_CODEX_COMMAND',
    });
  });

  it('maps a timeout with ANSI-free tails of both streams', () => {
    const result: ProcessResult = {
      kind: 'timed_out',
      limit: 'idle',
      stdout: 'working on patch',
      stderr: '\u001b[2mstill running\u001b[0m',
      durationMs: 180_000,
    };

    expect(toAgentOutcome(result, context())).toMatchObject({
      kind: 'timed_out',
      limit: 'idle',
      stdoutTail: 'working on patch',
      stderrTail: 'still running',
    });
  });

  it('maps a cancelled run to cancelled', () => {
    expect(toAgentOutcome({ kind: 'cancelled', durationMs: 5 }, context())).toEqual({
      backend: 'codex',
      model: 'gpt-5.4',
      kind: 'cancelled',
    });
  });
});
