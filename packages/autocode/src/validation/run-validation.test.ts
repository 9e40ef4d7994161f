import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ProcessResult, ProcessRunner, ProcessRunOptions } from '@patchloop/core';
import { createExecaProcessRunner, createSilentLogger, createSystemClock } from '@patchloop/core';
import { isolatedGitEnv } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { ValidationSettings } from '../config/validation-settings.js';
import type { ValidationRunnerDeps } from './run-validation.js';
import { createValidationRunner } from './run-validation.js';

const env = { PATH: '/usr/local/bin:/usr/bin:/bin' };
const noCommands: ValidationSettings = {
  formatCommands: [],
  lintCommands: [],
  testCommands: [],
  failFast: false,
  transientArtifactDirs: ['node_modules', 'dist', '.venv'],
};

interface Sandbox {
  /** The worktree: a fresh git repository. */
  readonly worktree: string;
  /** Beside the worktree (never inside it): scripts and run counters live here. */
  readonly root: string;
  /** Writes a shell script beside the worktree and returns the argv that runs it. */
  script(name: string, body: string): string[];
  /** How many times a script that calls `count <name>` ran. */
  runs(name: string): number;
}

function createSandbox(): Sandbox {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'patchloop-'));
  onTestFinished(() => fs.rmSync(root, { recursive: true, force: true }));
  const worktree = path.join(root, 'worktree');
  execFileSync('git', ['init', '-q', worktree], { env: isolatedGitEnv() });
  const counter = (name: string) => path.join(root, `${name}.runs`);
  return {
    worktree,
    root,
    script(name, body) {
      const file = path.join(root, `${name}.sh`);
      fs.writeFileSync(file, `echo run >> '${counter(name)}'\n${body}\n`);
      return ['/bin/sh', file];
    },
    runs(name) {
      return fs.existsSync(counter(name)) ? fs.readFileSync(counter(name), 'utf8').split('\n').length - 1 : 0;
    },
  };
}

function realRunner(): ProcessRunner {
  return createExecaProcessRunner({ clock: createSystemClock(), killGraceMs: 200 });
}

function createRunner(settings: Partial<ValidationSettings>, overrides: Partial<ValidationRunnerDeps> = {}) {
  return createValidationRunner({
    runner: realRunner(),
    env,
    settings: { ...noCommands, ...settings },
    commandTimeoutMs: 5_000,
    testTimeoutMs: 5_000,
    logger: createSilentLogger(),
    ...overrides,
  });
}

/** A stand-in ProcessRunner that records each call and answers with one fixed result. */
function recordingRunner(result: ProcessResult): { runner: ProcessRunner; calls: ProcessRunOptions[] } {
  const calls: ProcessRunOptions[] = [];
  return {
    calls,
    runner: {
      run: async (options) => {
        calls.push(options);
        return result;
      },
    },
  };
}

const passedResult: ProcessResult = {
  kind: 'exited',
  exitCode: 0,
  signal: undefined,
  stdout: 'ok',
  stderr: '',
  durationMs: 5,
  truncated: false,
};

describe('validationRunner.runAll', () => {
  it('runs format, lint and test in order and records each outcome', async () => {
    const box = createSandbox();
    const runner = createRunner({
      formatCommands: [box.script('format', 'echo formatted')],
      lintCommands: [
        box.script('lint', "printf '\\033[31mE501\\033[0m line too long\\n'; echo 'lint failed' >&2; exit 2"),
      ],
      testCommands: [box.script('test', 'echo 3 passed')],
    });

    const report = await runner.runAll(box.worktree);

    expect(report.success).toBe(false);
    expect(report.steps.map((step) => [step.group, step.outcome, step.exitCode, step.output])).toEqual([
      ['format', 'passed', 0, 'formatted'],
      ['lint', 'failed', 2, 'E501 line too long\nlint failed'],
      ['test', 'passed', 0, '3 passed'],
    ]);
  });

  it('succeeds with zero steps when no command is configured', async () => {
    const box = createSandbox();

    const report = await createRunner({}).runAll(box.worktree);

    expect(report).toEqual({ success: true, steps: [] });
  });

  it('runs each command in the worktree', async () => {
    const box = createSandbox();
    const runner = createRunner({ lintCommands: [box.script('pwd', 'pwd -P')] });

    const report = await runner.runAll(box.worktree);

    expect(report.steps[0]?.output).toBe(fs.realpathSync(box.worktree));
  });

  it('reports a command over its time limit as timed_out with the output it printed so far', async () => {
    const box = createSandbox();
    const runner = createRunner(
      { testCommands: [box.script('slow', 'echo started; sleep 5')] },
      { testTimeoutMs: 300 },
    );

    const report = await runner.runAll(box.worktree);

    const [step] = report.steps;
    expect(report.success).toBe(false);
    expect(step).toMatchObject({ group: 'test', outcome: 'timed_out', exitCode: null });
    expect(step?.output).toMatch(/^Timed out after 300 ms: \/bin\/sh \S+slow\.sh\nstarted$/);
    expect(step?.durationMs).toBeLessThan(2_000);
  });

  it('applies the per-run test timeout instead of the configured one', async () => {
    const box = createSandbox();
    const runner = createRunner({ testCommands: [box.script('slow', 'sleep 5')] }, { testTimeoutMs: 60_000 });

    const report = await runner.runAll(box.worktree, { testTimeoutMs: 300 });

    expect(report.steps[0]?.outcome).toBe('timed_out');
  });

  it('stops at the first failed step when failFast is on', async () => {
    const box = createSandbox();
    const runner = createRunner({
      failFast: true,
      lintCommands: [box.script('lint', 'exit 1')],
      testCommands: [box.script('test', 'exit 0')],
    });

    const report = await runner.runAll(box.worktree);

    expect(report.steps.map((step) => step.group)).toEqual(['lint']);
    expect(box.runs('test')).toBe(0);
  });

  it('collects every failure when failFast is off', async () => {
    const box = createSandbox();
    const runner = createRunner({
      lintCommands: [box.script('lint', 'exit 1')],
      testCommands: [box.script('test', 'exit 1')],
    });

    const report = await runner.runAll(box.worktree);

    expect(report.steps.map((step) => `${step.group}:${step.outcome}`)).toEqual([
      'lint:failed',
      'test:failed',
    ]);
  });

  it('reports a missing executable as not_found and goes on', async () => {
    const box = createSandbox();
    const runner = createRunner({
      lintCommands: [['patchloop-no-such-linter', '.']],
      testCommands: [box.script('test', 'exit 0')],
    });

    const report = await runner.runAll(box.worktree);

    expect(report.success).toBe(false);
    expect(report.steps.map((step) => step.outcome)).toEqual(['not_found', 'passed']);
    expect(report.steps[0]?.output).toContain('patchloop-no-such-linter: command not found');
  });

  it('gives the command exactly the environment it was handed', async () => {
    const box = createSandbox();
    const runner = createRunner(
      { testCommands: [box.script('env', 'env | cut -d= -f1 | sort')] },
      { env: { ...env, PATCHLOOP_PROBE: 'yes' } },
    );

    const report = await runner.runAll(box.worktree);

    const names = (report.steps[0]?.output ?? '').split('\n');
    expect(names).toContain('PATCHLOOP_PROBE');
    // The shell itself may add PWD, SHLVL and "_"; nothing of the test process may appear.
    expect(names.filter((name) => !['PATH', 'PATCHLOOP_PROBE', 'PWD', 'SHLVL', '_'].includes(name))).toEqual(
      [],
    );
  });
});

describe('validationRunner artifact self-heal', () => {
  it('deletes a transient directory a failure names and records the re-run', async () => {
    const box = createSandbox();
    fs.mkdirSync(path.join(box.worktree, 'apps/web/node_modules/stale'), { recursive: true });
    const runner = createRunner({
      lintCommands: [
        box.script(
          'lint',
          "if [ -d apps/web/node_modules ]; then echo 'error: apps/web/node_modules/stale/index.js is corrupt' >&2; exit 1; fi; echo clean",
        ),
      ],
    });

    const report = await runner.runAll(box.worktree);

    expect(report.success).toBe(true);
    expect(report.steps).toHaveLength(1);
    expect(report.steps[0]).toMatchObject({ outcome: 'passed', output: 'clean', rerunAfterCleanup: true });
    expect(box.runs('lint')).toBe(2);
    expect(fs.existsSync(path.join(box.worktree, 'apps/web/node_modules'))).toBe(false);
    expect(fs.existsSync(path.join(box.worktree, 'apps/web'))).toBe(true);
  });

  it('records the re-run failure when cleaning did not help', async () => {
    const box = createSandbox();
    fs.mkdirSync(path.join(box.worktree, 'node_modules'));
    const runner = createRunner({ testCommands: [box.script('test', "echo 'see node_modules/x'; exit 3")] });

    const report = await runner.runAll(box.worktree);

    expect(report.steps[0]).toMatchObject({ outcome: 'failed', exitCode: 3, rerunAfterCleanup: true });
    expect(box.runs('test')).toBe(2);
  });

  it('ignores a reference that leads outside the worktree', async () => {
    const box = createSandbox();
    const outside = path.join(box.root, 'outside/node_modules');
    fs.mkdirSync(outside, { recursive: true });
    const runner = createRunner({
      lintCommands: [box.script('lint', "echo 'broken ../outside/node_modules/x.js'; exit 1")],
    });

    const report = await runner.runAll(box.worktree);

    expect(report.steps[0]).toMatchObject({ outcome: 'failed', rerunAfterCleanup: false });
    expect(box.runs('lint')).toBe(1);
    expect(fs.existsSync(outside)).toBe(true);
  });

  it('ignores a reference through a symlink that leads outside the worktree', async () => {
    const box = createSandbox();
    const outside = path.join(box.root, 'outside/node_modules');
    fs.mkdirSync(outside, { recursive: true });
    fs.symlinkSync(path.join(box.root, 'outside'), path.join(box.worktree, 'linked'));
    const runner = createRunner({
      lintCommands: [box.script('lint', "echo 'broken linked/node_modules/x.js'; exit 1")],
    });

    const report = await runner.runAll(box.worktree);

    expect(report.steps[0]?.rerunAfterCleanup).toBe(false);
    expect(fs.existsSync(outside)).toBe(true);
  });

  it('keeps a directory that holds tracked files', async () => {
    const box = createSandbox();
    fs.mkdirSync(path.join(box.worktree, 'dist'));
    fs.writeFileSync(path.join(box.worktree, 'dist/index.js'), 'module.exports = 1;\n');
    execFileSync('git', ['add', 'dist/index.js'], { cwd: box.worktree, env: isolatedGitEnv() });
    const runner = createRunner({
      testCommands: [box.script('test', "echo 'failed in dist/index.js'; exit 1")],
    });

    const report = await runner.runAll(box.worktree);

    expect(report.steps[0]?.rerunAfterCleanup).toBe(false);
    expect(box.runs('test')).toBe(1);
    expect(fs.existsSync(path.join(box.worktree, 'dist/index.js'))).toBe(true);
  });

  it('does not re-run when the named directory does not exist', async () => {
    const box = createSandbox();
    const runner = createRunner({
      testCommands: [box.script('test', "echo 'missing .venv/bin/python'; exit 1")],
    });

    const report = await runner.runAll(box.worktree);

    expect(report.steps[0]?.rerunAfterCleanup).toBe(false);
    expect(box.runs('test')).toBe(1);
  });
});

describe('validationRunner process options', () => {
  it('gives format and lint the command timeout and tests the test timeout', async () => {
    const { runner, calls } = recordingRunner(passedResult);
    const validation = createValidationRunner({
      runner,
      env,
      settings: {
        ...noCommands,
        formatCommands: [['fmt']],
        lintCommands: [['lint']],
        testCommands: [['test']],
      },
      commandTimeoutMs: 1_200_000,
      testTimeoutMs: 900_000,
      logger: createSilentLogger(),
      maxOutputBytes: 4_096,
    });

    await validation.runAll('/srv/worktree');

    expect(calls.map((call) => [call.command, call.timeoutMs, call.maxOutputBytes, call.cwd])).toEqual([
      ['fmt', 1_200_000, 4_096, '/srv/worktree'],
      ['lint', 1_200_000, 4_096, '/srv/worktree'],
      ['test', 900_000, 4_096, '/srv/worktree'],
    ]);
  });

  it.each([
    [600_000, 600_000],
    [0, 1_200_000],
  ])('runs tests with a per-run override of %i ms for %i ms', async (override, expected) => {
    const { runner, calls } = recordingRunner(passedResult);
    const validation = createValidationRunner({
      runner,
      env,
      settings: { ...noCommands, testCommands: [['pytest']] },
      commandTimeoutMs: 1_200_000,
      testTimeoutMs: 1_200_000,
      logger: createSilentLogger(),
    });

    await validation.runAll('/srv/worktree', { testTimeoutMs: override });

    expect(calls[0]?.timeoutMs).toBe(expected);
  });

  it('rejects with TASK_CANCELLED when the task is stopped mid-command', async () => {
    const { runner } = recordingRunner({ kind: 'cancelled', durationMs: 10 });
    const validation = createValidationRunner({
      runner,
      env,
      settings: { ...noCommands, testCommands: [['pytest']] },
      commandTimeoutMs: 1_000,
      testTimeoutMs: 1_000,
      logger: createSilentLogger(),
    });

    const run = validation.runAll('/srv/worktree', { signal: AbortSignal.abort() });

    await expect(run).rejects.toMatchObject({ name: 'AppError', code: 'TASK_CANCELLED' });
  });

  it('rejects an empty command as a configuration error', async () => {
    const { runner } = recordingRunner(passedResult);
    const validation = createValidationRunner({
      runner,
      env,
      settings: { ...noCommands, lintCommands: [[]] },
      commandTimeoutMs: 1_000,
      testTimeoutMs: 1_000,
      logger: createSilentLogger(),
    });

    await expect(validation.runAll('/srv/worktree')).rejects.toThrow('A lint validation command is empty');
  });
});
