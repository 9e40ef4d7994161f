import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createSystemClock } from '../time/clock.js';
import { createExecaProcessRunner } from './execa-process-runner.js';
import type { ProcessRunOptions } from './process-runner.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const baseEnv = { PATH: '/usr/local/bin:/usr/bin:/bin' };
const cwd = fileURLToPath(new URL('.', import.meta.url));

function node(script: string, args: readonly string[] = [], extra: Partial<ProcessRunOptions> = {}) {
  return {
    command: process.execPath,
    args: [fixture(script), ...args],
    cwd,
    env: baseEnv,
    timeoutMs: 5_000,
    ...extra,
  } satisfies ProcessRunOptions;
}

/** A zombie (exited, never reaped because PID 1 here does not reap) counts as gone. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).charAt(0) !== 'Z';
}

/** Polls a real-process condition briefly (at most ~2 s) instead of sleeping blindly. */
async function waitFor(condition: () => boolean): Promise<boolean> {
  for (let i = 0; i < 100; i += 1) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

const waitUntilGone = (pid: number): Promise<boolean> => waitFor(() => !isAlive(pid));

const createRunner = () => createExecaProcessRunner({ clock: createSystemClock(), killGraceMs: 200 });

describe('execaProcessRunner', () => {
  it('returns the exit code and both streams when the child exits non-zero', async () => {
    const runner = createRunner();

    const result = await runner.run(node('fail-with-stderr.mjs'));

    expect(result).toMatchObject({
      kind: 'exited',
      exitCode: 3,
      stdout: 'partial answer\n',
      stderr: 'error: model quota exhausted\n',
      truncated: false,
    });
  });

  it('kills the child and its grandchild when the total timeout passes', async () => {
    const runner = createRunner();

    const result = await runner.run(node('spawn-and-hang.mjs', [], { timeoutMs: 1_000 }));

    expect(result).toMatchObject({ kind: 'timed_out', limit: 'total' });
    const grandchildPid = Number(result.kind === 'timed_out' ? result.stdout.trim() : Number.NaN);
    expect(grandchildPid).toBeGreaterThan(0);
    expect(await waitUntilGone(grandchildPid)).toBe(true);
  });

  it('escalates to SIGKILL when the child ignores SIGTERM', async () => {
    const runner = createRunner();

    const result = await runner.run(node('ignore-sigterm.mjs', [], { timeoutMs: 1_000 }));

    expect(result).toMatchObject({ kind: 'timed_out', limit: 'total', stdout: 'ready\n' });
    // 1 000 ms timeout + 200 ms grace: SIGKILL ended it, not the fixture's 60 s interval.
    expect(result.kind === 'timed_out' && result.durationMs).toBeLessThan(2_500);
  });

  it('stops a child that is silent for longer than the idle timeout', async () => {
    const runner = createRunner();

    const result = await runner.run(node('silent-then-print.mjs', ['10000'], { idleTimeoutMs: 800 }));

    expect(result).toMatchObject({ kind: 'timed_out', limit: 'idle' });
    expect(result.kind === 'timed_out' && result.durationMs).toBeLessThan(4_000);
  });

  it('keeps a chatty child alive past the idle timeout because output resets the watchdog', async () => {
    const runner = createRunner();

    const result = await runner.run(node('tick-then-exit.mjs', ['150', '12'], { idleTimeoutMs: 1_000 }));

    expect(result).toMatchObject({ kind: 'exited', exitCode: 0, stdout: 'tick\n'.repeat(12) });
  });

  it('writes the input to stdin and closes it', async () => {
    const runner = createRunner();

    const result = await runner.run(node('echo-stdin.mjs', [], { input: 'héllo prompt' }));

    expect(result).toMatchObject({ kind: 'exited', stdout: 'héllo prompt', stderr: 'read 13 bytes\n' });
  });

  it('gives the child an empty stdin when there is no input', async () => {
    const runner = createRunner();

    const result = await runner.run(node('echo-stdin.mjs'));

    expect(result).toMatchObject({ kind: 'exited', exitCode: 0, stdout: '', stderr: 'read 0 bytes\n' });
  });

  it('returns coloured output verbatim (stripping is the agents’ job)', async () => {
    const runner = createRunner();

    const result = await runner.run(node('print-ansi.mjs'));

    expect(result).toMatchObject({
      kind: 'exited',
      stdout: '\u001b[1m\u001b[31mred answer\u001b[0m plain tail\n',
    });
  });

  it('reports not_found for a binary that is not on PATH', async () => {
    const runner = createRunner();

    const result = await runner.run({ ...node('echo-stdin.mjs'), command: 'patchloop-no-such-cli' });

    expect(result).toEqual({ kind: 'not_found', command: 'patchloop-no-such-cli' });
  });

  it('kills the process group and returns cancelled when the signal aborts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'patchloop-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const pidFile = join(dir, 'grandchild.pid');
    const runner = createRunner();
    const controller = new AbortController();
    const running = runner.run(node('spawn-and-hang.mjs', [pidFile], { signal: controller.signal }));
    // Abort only once the grandchild exists, however slowly node starts under load.
    await waitFor(() => existsSync(pidFile));
    controller.abort();

    const result = await running;

    expect(result.kind).toBe('cancelled');
    expect(await waitUntilGone(Number(readFileSync(pidFile, 'utf8')))).toBe(true);
  });

  it('returns cancelled without starting anything when the signal is already aborted', async () => {
    const runner = createRunner();

    const result = await runner.run(node('spawn-and-hang.mjs', [], { signal: AbortSignal.abort() }));

    expect(result).toEqual({ kind: 'cancelled', durationMs: 0 });
  });

  it('passes exactly the given environment and nothing from the parent', async () => {
    const runner = createRunner();

    const result = await runner.run({
      command: '/bin/sh',
      args: [fixture('print-env.sh')],
      cwd,
      env: { PATH: baseEnv.PATH, PATCHLOOP_PROBE: 'yes' },
      timeoutMs: 5_000,
    });

    const names = result.kind === 'exited' ? result.stdout.trim().split('\n') : [];
    expect(names).toContain('PATCHLOOP_PROBE');
    // The shell itself may add PWD, SHLVL and "_"; nothing else may appear.
    expect(names.filter((name) => !['PATH', 'PATCHLOOP_PROBE', 'PWD', 'SHLVL', '_'].includes(name))).toEqual(
      [],
    );
  });

  it('kills a background grandchild left holding the pipes once the child exits', async () => {
    const runner = createRunner();

    const result = await runner.run(node('leave-background-child.mjs'));

    expect(result).toMatchObject({ kind: 'exited', exitCode: 0 });
    expect(result.kind === 'exited' && result.durationMs).toBeLessThan(1_500);
    const grandchildPid = Number(result.kind === 'exited' ? result.stdout.trim() : Number.NaN);
    expect(await waitUntilGone(grandchildPid)).toBe(true);
  });

  it('keeps only the newest bytes when the output exceeds the cap', async () => {
    const runner = createRunner();

    const result = await runner.run(node('print-bytes.mjs', ['5000'], { maxOutputBytes: 1_000 }));

    expect(result).toMatchObject({ kind: 'exited', truncated: true });
    const stdout = result.kind === 'exited' ? result.stdout : '';
    expect(stdout).toHaveLength(1_000);
    expect(stdout.endsWith('END')).toBe(true);
  });

  it('throws a clear error when the working directory does not exist', async () => {
    const runner = createRunner();

    const run = runner.run({ ...node('echo-stdin.mjs'), cwd: '/nonexistent/patchloop-worktree' });

    await expect(run).rejects.toThrow('Working directory "/nonexistent/patchloop-worktree" does not exist.');
  });
});
