import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createExecaProcessRunner } from '../process/execa-process-runner.js';
import { createSystemClock } from '../time/clock.js';
import type { AgentRequest } from './coding-agent.js';
import { buildCustomCommandInvocation, createCustomCommandAgent } from './custom-command.js';

const agentFixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const processFixture = (name: string): string =>
  fileURLToPath(new URL(`../process/fixtures/${name}`, import.meta.url));
const runner = createExecaProcessRunner({ clock: createSystemClock(), killGraceMs: 200 });
const baseEnv = { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: '/nonexistent-home' };

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'patchloop-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return realpathSync(dir);
}

const request = (cwd: string, overrides: Partial<AgentRequest> = {}): AgentRequest => ({
  prompt: 'Fix the flaky test',
  systemPrompt: 'You are PatchLoop.',
  cwd,
  mode: 'edit',
  timeoutMs: 10_000,
  ...overrides,
});

type ReportField = 'cwd' | 'file' | 'file-equals-stdin' | 'mode' | 'args';

/** Splits the contract fixture's report into its key=value header and the stdin it echoed. */
function readReport(output: string): { fields: Partial<Record<ReportField, string>>; stdin: string } {
  const [header = '', stdin = ''] = output.split('\n---\n');
  const fields = Object.fromEntries(
    header.split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return { fields, stdin };
}

describe('buildCustomCommandInvocation', () => {
  it('runs the command as configured with the prompt on stdin', () => {
    const invocation = buildCustomCommandInvocation(request('/w'), {
      parentEnv: {},
      command: ['my-agent', '--fast'],
    });

    expect(invocation).toEqual({
      command: 'my-agent',
      args: ['--fast'],
      input: 'You are PatchLoop.\n\nFix the flaky test',
    });
  });

  it('appends the model after the configured model flag', () => {
    const invocation = buildCustomCommandInvocation(request('/w', { model: 'm1' }), {
      parentEnv: {},
      command: ['my-agent'],
      modelFlag: '--llm',
    });

    expect(invocation.args).toEqual(['--llm', 'm1']);
  });
});

describe('createCustomCommandAgent', () => {
  it('gives the prompt on stdin and in PATCHLOOP_PROMPT_FILE, in the request cwd, and removes the file', async () => {
    const cwd = tempDir();
    const agent = createCustomCommandAgent({
      runner,
      settings: { parentEnv: baseEnv, command: ['/bin/sh', agentFixture('report-custom-contract.sh')] },
    });

    const outcome = await agent.run(request(cwd));

    expect(outcome.kind).toBe('completed');
    const { fields, stdin } = readReport(outcome.kind === 'completed' ? outcome.output : '');
    expect(stdin).toBe('You are PatchLoop.\n\nFix the flaky test');
    expect(fields).toMatchObject({ cwd, 'file-equals-stdin': 'yes', mode: 'edit', args: '' });
    expect(fields.file).toMatch(/patchloop-prompt-.*prompt\.md$/);
    expect(existsSync(fields.file ?? '')).toBe(false);
  });

  it('returns a failure with the command’s stderr when it exits non-zero', async () => {
    const agent = createCustomCommandAgent({
      runner,
      settings: { parentEnv: baseEnv, command: [process.execPath, processFixture('fail-with-stderr.mjs')] },
    });

    const outcome = await agent.run(request(tempDir()));

    expect(outcome).toMatchObject({
      kind: 'failed',
      backend: 'custom',
      exitCode: 3,
      reason: 'quota',
      stderrTail: 'error: model quota exhausted',
    });
  });

  it('never hands the four PatchLoop secrets to the command', async () => {
    const agent = createCustomCommandAgent({
      runner,
      settings: {
        parentEnv: {
          ...baseEnv,
          GITHUB_TOKEN: 'ghp_read',
          GITHUB_WRITE_TOKEN: 'ghp_write',
          GITHUB_WEBHOOK_SECRET: 'hook',
          ADMIN_TOKEN: 'admin',
          ANTHROPIC_API_KEY: 'sk-ant',
        },
        command: ['/bin/sh', processFixture('print-env.sh')],
      },
    });

    const outcome = await agent.run(request(tempDir()));

    const names = outcome.kind === 'completed' ? outcome.output.split('\n') : [];
    expect(names).toContain('ANTHROPIC_API_KEY');
    expect(names).toContain('PATCHLOOP_PROMPT_FILE');
    for (const secret of ['GITHUB_TOKEN', 'GITHUB_WRITE_TOKEN', 'GITHUB_WEBHOOK_SECRET', 'ADMIN_TOKEN']) {
      expect(names).not.toContain(secret);
    }
  });

  it('strips ANSI colour codes from the answer', async () => {
    const agent = createCustomCommandAgent({
      runner,
      settings: { parentEnv: baseEnv, command: [process.execPath, processFixture('print-ansi.mjs')] },
    });

    const outcome = await agent.run(request(tempDir()));

    expect(outcome).toMatchObject({ kind: 'completed', output: 'red answer plain tail' });
  });

  it('reports not_installed with PRIMARY_CLI_COMMAND when the command does not exist', async () => {
    const agent = createCustomCommandAgent({
      runner,
      settings: { parentEnv: baseEnv, command: ['patchloop-missing-agent'] },
    });

    const outcome = await agent.run(request(tempDir()));

    expect(outcome).toMatchObject({
      kind: 'not_installed',
      command: 'patchloop-missing-agent',
      setting: 'PRIMARY_CLI_COMMAND',
    });
  });

  it('refuses to be created without a command', () => {
    const create = () => createCustomCommandAgent({ runner, settings: { parentEnv: {}, command: [] } });

    expect(create).toThrow('PRIMARY_CLI=custom needs a command: set PRIMARY_CLI_COMMAND.');
  });
});
