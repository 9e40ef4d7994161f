import { execFileSync } from 'node:child_process';
import {
  accessSync,
  constants,
  existsSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentRequest, CodingAgent } from '@patchloop/core';
import {
  createCustomCommandAgent,
  createExecaProcessRunner,
  createSystemClock,
  splitShellWords,
} from '@patchloop/core';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { FakeAgentStep } from './fake-agent.js';
import { fakeAgentCliPath, writeFakeAgentScenario } from './fake-agent.js';

const runner = createExecaProcessRunner({ clock: createSystemClock(), killGraceMs: 200 });
const secrets = {
  GITHUB_TOKEN: 'ghp_read',
  GITHUB_WRITE_TOKEN: 'ghp_write',
  GITHUB_WEBHOOK_SECRET: 'hook-secret',
  ADMIN_TOKEN: 'admin-secret',
};

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'patchloop-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return realpathSync(dir);
}

/** A scenario in its own dir plus a worktree-like cwd, wired as the custom backend. */
function setUp(invocations: ReadonlyArray<readonly FakeAgentStep[]>) {
  const scenarioDir = tempDir();
  const cwd = tempDir();
  const scenario = writeFakeAgentScenario(scenarioDir, invocations);
  const split = splitShellWords(scenario.command);
  const agent: CodingAgent = createCustomCommandAgent({
    runner,
    settings: {
      command: split.ok ? split.words : [],
      parentEnv: { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: cwd, ...secrets, ...scenario.env },
    },
  });
  const request = (overrides: Partial<AgentRequest> = {}): AgentRequest => ({
    prompt: 'Implement issue #12',
    cwd,
    mode: 'edit',
    timeoutMs: 10_000,
    ...overrides,
  });
  return { scenario, agent, cwd, request };
}

describe('fakeAgentCliPath', () => {
  it('points at the executable fake agent script', () => {
    expect(fakeAgentCliPath.endsWith('packages/sandbox/fake-agent/fake-agent-cli.mjs')).toBe(true);
    expect(() => accessSync(fakeAgentCliPath, constants.X_OK)).not.toThrow();
  });
});

describe('fake agent CLI through the custom-command backend', () => {
  it('edits files in the working directory and answers on stdout', async () => {
    const { agent, cwd, request } = setUp([
      [
        { kind: 'write', path: 'src/new.ts', content: 'export const a = 1;\n' },
        { kind: 'append', path: 'README.md', content: 'more\n' },
        { kind: 'delete', path: 'old.txt' },
        { kind: 'print', text: 'Implemented the change.\n' },
      ],
    ]);
    writeFileSync(join(cwd, 'README.md'), 'intro\n');
    writeFileSync(join(cwd, 'old.txt'), 'bye\n');

    const outcome = await agent.run(request());

    expect(outcome).toMatchObject({
      kind: 'completed',
      backend: 'custom',
      output: 'Implemented the change.',
    });
    expect(readFileSync(join(cwd, 'src/new.ts'), 'utf8')).toBe('export const a = 1;\n');
    expect(readFileSync(join(cwd, 'README.md'), 'utf8')).toBe('intro\nmore\n');
    expect(existsSync(join(cwd, 'old.txt'))).toBe(false);
  });

  it('runs a different step list per call and repeats the last one', async () => {
    const { agent, request } = setUp([
      [{ kind: 'print', text: 'first' }],
      [{ kind: 'printJson', value: { call: 'second' } }],
    ]);

    const outputs = [];
    for (let i = 0; i < 3; i += 1) {
      const outcome = await agent.run(request());
      outputs.push(outcome.kind === 'completed' ? outcome.output : outcome.kind);
    }

    expect(outputs).toEqual(['first', '{"call":"second"}', '{"call":"second"}']);
  });

  it('logs each call with its prompt, prompt file, cwd and argv, and never sees the secrets', async () => {
    const { agent, scenario, cwd, request } = setUp([[{ kind: 'echoPrompt' }]]);

    const outcome = await agent.run(request({ systemPrompt: 'You are PatchLoop.' }));

    expect(outcome).toMatchObject({ kind: 'completed', output: 'You are PatchLoop.\n\nImplement issue #12' });
    const [entry] = scenario.readLog();
    expect(entry).toMatchObject({
      n: 1,
      cwd,
      argv: [],
      prompt: 'You are PatchLoop.\n\nImplement issue #12',
      promptFile: 'You are PatchLoop.\n\nImplement issue #12',
    });
    expect(entry?.envKeys).toContain('PATCHLOOP_PROMPT_FILE');
    expect(entry?.envKeys).toContain('PATCHLOOP_FAKE_AGENT_SCENARIO');
    for (const secret of Object.keys(secrets)) expect(entry?.envKeys).not.toContain(secret);
  });

  it('stages files with git add', async () => {
    const { agent, cwd, request } = setUp([
      [
        { kind: 'write', path: 'staged.txt', content: 'yes\n' },
        { kind: 'write', path: 'unstaged.txt', content: 'no\n' },
        { kind: 'stage', paths: ['staged.txt'] },
        { kind: 'print', text: 'staged' },
      ],
    ]);
    const gitEnv = {
      PATH: '/usr/local/bin:/usr/bin:/bin',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_NOSYSTEM: '1',
    };
    execFileSync('git', ['init', '--quiet'], { cwd, env: gitEnv });

    await agent.run(request());

    const staged = execFileSync('git', ['diff', '--cached', '--name-only'], {
      cwd,
      env: gitEnv,
      encoding: 'utf8',
    });
    expect(staged.trim().split('\n')).toEqual(['staged.txt']);
  });

  it('fails with its exit code and a classified stderr reason', async () => {
    const { agent, request } = setUp([
      [
        { kind: 'print', text: 'partial' },
        { kind: 'stderr', text: 'Error: 429 Too Many Requests\n' },
        { kind: 'exit', code: 2 },
        { kind: 'print', text: 'never printed' },
      ],
    ]);

    const outcome = await agent.run(request());

    expect(outcome).toMatchObject({
      kind: 'failed',
      exitCode: 2,
      reason: 'rate_limit',
      stderrTail: 'Error: 429 Too Many Requests',
    });
  });

  it('fails an empty answer as empty_output', async () => {
    const { agent, request } = setUp([[{ kind: 'sleep', ms: 10 }]]);

    const outcome = await agent.run(request());

    expect(outcome).toMatchObject({ kind: 'failed', reason: 'empty_output', exitCode: 0 });
  });

  it('hangs with a child until the timeout kills both', async () => {
    const { agent, cwd, request } = setUp([[{ kind: 'hang', child: true, pidFile: 'child.pid' }]]);

    const outcome = await agent.run(request({ timeoutMs: 1_500 }));

    expect(outcome).toMatchObject({ kind: 'timed_out', limit: 'total' });
    const childPid = Number(readFileSync(join(cwd, 'child.pid'), 'utf8'));
    expect(await waitUntilGone(childPid)).toBe(true);
  });
});

async function waitUntilGone(pid: number): Promise<boolean> {
  // A SIGKILLed process disappears within milliseconds; poll briefly rather than sleep blindly.
  for (let i = 0; i < 50; i += 1) {
    if (!isAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A zombie (exited but not yet reaped) counts as gone.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).charAt(0) !== 'Z';
}
