import { stat } from 'node:fs/promises';
import { constants } from 'node:os';
import { AppError } from '../errors/app-error.js';
import type { Clock } from '../time/clock.js';
import { createOutputCapture } from './output-capture.js';
import type { ProcessResult, ProcessRunner, ProcessRunOptions, TimeoutLimit } from './process-runner.js';

/** Dependencies of the execa-backed runner. */
export interface ExecaProcessRunnerDeps {
  readonly clock: Clock;
  /** Time between SIGTERM and SIGKILL when a process group must die. Default 2 000 ms. */
  readonly killGraceMs?: number;
  /** Per-stream capture cap when a run gives none. Default 8 MiB. */
  readonly defaultMaxOutputBytes?: number;
}

const defaultKillGraceMs = 2_000;
const defaultMaxOutputBytes = 8 * 1024 * 1024;

type Ending = TimeoutLimit | 'cancel';

/**
 * The `ProcessRunner` over execa (the only execa import in PatchLoop). Each child gets its own
 * process group, so a timeout, an idle stall or a cancel kills the whole tree (SIGTERM, then
 * SIGKILL after a grace period), and nothing the child spawned outlives the run.
 */
export function createExecaProcessRunner(deps: ExecaProcessRunnerDeps): ProcessRunner {
  const { clock } = deps;
  const killGraceMs = deps.killGraceMs ?? defaultKillGraceMs;

  return {
    async run(options: ProcessRunOptions): Promise<ProcessResult> {
      await assertDirectory(options.cwd);
      if (options.signal?.aborted) return { kind: 'cancelled', durationMs: 0 };
      // Loaded on first use: execa is the heaviest import of the daemons' start (about 150 ms).
      const { execa } = await import('execa');

      const startedAt = clock.now();
      const maxBytes = options.maxOutputBytes ?? deps.defaultMaxOutputBytes ?? defaultMaxOutputBytes;
      const stdout = createOutputCapture(maxBytes);
      const stderr = createOutputCapture(maxBytes);
      let lastOutputAt = startedAt;
      let ending: Ending | undefined;
      let settled = false;
      // Aborted once the run settles, so no watchdog or grace timer outlives it.
      const timers = new AbortController();

      const subprocess = execa(options.command, [...options.args], {
        cwd: options.cwd,
        env: { ...options.env },
        extendEnv: false,
        // A new session makes the child a process-group leader: its pid is the group id we kill.
        detached: true,
        reject: false,
        buffer: false,
        ...(options.input === undefined ? { stdin: 'ignore' as const } : { input: options.input }),
        stdout: 'pipe',
        stderr: 'pipe',
      });
      const pid = subprocess.pid;

      const onOutput =
        (capture: typeof stdout) =>
        (chunk: Uint8Array): void => {
          capture.push(chunk);
          lastOutputAt = clock.now();
        };
      subprocess.stdout?.on('data', onOutput(stdout));
      subprocess.stderr?.on('data', onOutput(stderr));

      let termination: Promise<void> | undefined;
      const terminateGroup = (): Promise<void> => {
        termination ??= killProcessGroup(pid, subprocess, clock, killGraceMs, timers.signal);
        return termination;
      };
      const end = (why: Ending): void => {
        if (settled || ending !== undefined) return;
        ending = why;
        void terminateGroup();
      };

      // The child exiting does not end the run while a grandchild still holds its pipes;
      // kill those leftovers so the run completes and nothing keeps running unsupervised.
      subprocess.on('exit', () => {
        void terminateGroup();
      });
      const onAbort = (): void => end('cancel');
      options.signal?.addEventListener('abort', onAbort, { once: true });

      const watchdog = async (): Promise<void> => {
        while (!settled) {
          const now = clock.now();
          const totalLeft = startedAt + options.timeoutMs - now;
          const idleLeft =
            options.idleTimeoutMs === undefined
              ? Number.POSITIVE_INFINITY
              : lastOutputAt + options.idleTimeoutMs - now;
          if (totalLeft <= 0) return end('total');
          if (idleLeft <= 0) return end('idle');
          const slept = await clock.sleep(Math.min(totalLeft, idleLeft), timers.signal).then(
            () => true,
            // Aborted: the run settled while the watchdog slept.
            () => false,
          );
          if (!slept) return;
        }
      };
      if (pid !== undefined) void watchdog();

      const result = await subprocess;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      if (pid !== undefined) await terminateGroup();
      timers.abort();
      const durationMs = clock.now() - startedAt;

      if (pid === undefined) {
        if (result.code === 'ENOENT' || result.code === 'EACCES') {
          return { kind: 'not_found', command: options.command };
        }
        throw new AppError(
          'PROCESS_SPAWN_FAILED',
          `Could not start "${options.command}": ${result.message}`,
          {
            cause: result,
          },
        );
      }
      if (ending === 'cancel') return { kind: 'cancelled', durationMs };
      if (ending !== undefined) {
        return { kind: 'timed_out', limit: ending, stdout: stdout.text(), stderr: stderr.text(), durationMs };
      }
      return {
        kind: 'exited',
        exitCode: result.exitCode ?? exitCodeForSignal(result.signal),
        signal: result.signal,
        stdout: stdout.text(),
        stderr: stderr.text(),
        durationMs,
        truncated: stdout.truncated || stderr.truncated,
      };
    },
  };
}

/** SIGTERM the group, wait for the child (at most the grace period), then SIGKILL whatever is left. */
async function killProcessGroup(
  pid: number | undefined,
  completion: Promise<unknown>,
  clock: Clock,
  graceMs: number,
  timers: AbortSignal,
): Promise<void> {
  if (pid === undefined || !signalGroup(pid, 'SIGTERM')) return;
  await Promise.race([
    completion,
    clock.sleep(graceMs, timers).catch(() => {
      // The run settled first: the SIGKILL below still sweeps the group.
    }),
  ]);
  signalGroup(pid, 'SIGKILL');
}

/** Sends a signal to every process in the group; false when the group no longer exists. */
function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (error) {
    // ESRCH: the group is already empty. EPERM: the pid was reused by a process we do not own.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ESRCH' || code === 'EPERM') return false;
    throw error;
  }
}

function exitCodeForSignal(signal: string | undefined): number {
  const signals: Readonly<Record<string, number>> = constants.signals;
  const number = signal === undefined ? undefined : signals[signal];
  return number === undefined ? 1 : 128 + number;
}

async function assertDirectory(cwd: string): Promise<void> {
  const info = await stat(cwd).catch((error: unknown) => {
    throw new AppError('PROCESS_CWD_MISSING', `Working directory "${cwd}" does not exist.`, { cause: error });
  });
  if (!info.isDirectory()) {
    throw new AppError('PROCESS_CWD_MISSING', `Working directory "${cwd}" is not a directory.`);
  }
}
