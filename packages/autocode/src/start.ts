import type { Clock, EnvRecord, HttpServer, Logger, WorkerIteration } from '@patchloop/core';
import { createSystemClock, listen } from '@patchloop/core';
import type { AutocodeConfig } from './config/autocode-config.js';
import { createAutocodeDependencies } from './dependencies.js';
import type { AutocodePollReport } from './ingest/poll-cycle.js';
import type { PullRequestScanReport } from './repair/pull-request-scan.js';
import { buildAutocodeServer } from './server.js';
import type { SourceSyncReport } from './sources/source-sync.js';

/** A running coding daemon. */
export interface RunningAutocode {
  /** Base URL the HTTP server listens on. */
  readonly url: string;
  /** Runs one poll cycle now (the scheduler runs them on its own when loops run). */
  pollOnce(): Promise<AutocodePollReport>;
  /** Runs one worker iteration: a waiting comment, else an issue run, else a repair, else a source task. */
  workOnce(): Promise<WorkerIteration>;
  /** Scans the tracked pull requests now and queues their repairs. */
  scanPullRequestsOnce(): Promise<PullRequestScanReport>;
  /** Reads the Markdown backlog now and queues issue creations and closings. */
  syncBacklogOnce(): Promise<SourceSyncReport>;
  /** Runs the idle scan now (null when other work is pending). */
  scanIdleOnce(): Promise<SourceSyncReport | null>;
  /** Stops the scheduler and the workers (a running task gets a grace period), the server, then the database. */
  stop(): Promise<void>;
}

/** Options of {@link startAutocode}. */
export interface StartAutocodeOptions {
  readonly config: AutocodeConfig;
  readonly logger: Logger;
  readonly clock?: Clock;
  /** The environment the coding CLI and validation commands inherit, secrets removed; defaults to none. */
  readonly parentEnv?: EnvRecord;
  /** False runs no background loops (tests drive `pollOnce`/`workOnce`); default true. */
  readonly runLoops?: boolean;
}

const workerStopTimeoutMs = 10_000;

/** Starts the coding daemon from a loaded config; used by `patchloop code` and by in-process tests. */
export async function startAutocode(options: StartAutocodeOptions): Promise<RunningAutocode> {
  const deps = createAutocodeDependencies({
    config: options.config,
    logger: options.logger,
    clock: options.clock ?? createSystemClock(),
    parentEnv: options.parentEnv ?? {},
  });
  let server: HttpServer;
  let url: string;
  try {
    server = await buildAutocodeServer(deps);
    url = await listen(server, deps.config.server);
  } catch (error) {
    deps.close();
    throw error;
  }
  // In the background: GitHub or a big repository must not delay a listening /health.
  void deps.resolveOwnLogin();
  const sweep = deps.worktrees.sweepStale().catch((error: unknown) => {
    deps.logger.warn({ err: error }, 'Could not sweep leftover worktrees; the next run retries');
  });
  const runLoops = options.runLoops ?? true;
  if (runLoops) {
    deps.enableNudges();
    deps.scheduler.start();
    deps.intakeWorker.start();
    void sweep.then(() => {
      deps.issueWorker.start();
      deps.repairLoop.worker.start();
      deps.sourceLoop.worker.start();
    });
  }
  deps.logger.info(
    {
      url,
      repo: deps.config.github.repo.fullName,
      dryRun: deps.config.dryRun,
      mode: deps.config.execution.mode,
      polling: deps.config.polling.enabled,
      webhook: deps.config.webhook.enabled,
    },
    'autocode listening',
  );

  let stopping: Promise<void> | undefined;
  return {
    url,
    pollOnce: () => deps.pollCycle.runOnce(),
    workOnce: async () => {
      await sweep;
      const intake = await deps.intakeWorker.runOnce();
      if (intake.kind !== 'idle') return intake;
      const issue = await deps.issueWorker.runOnce();
      if (issue.kind !== 'idle') return issue;
      const repair = await deps.repairLoop.worker.runOnce();
      return repair.kind === 'idle' ? deps.sourceLoop.worker.runOnce() : repair;
    },
    scanPullRequestsOnce: () => deps.repairLoop.scanOnce(),
    syncBacklogOnce: () => deps.sourceLoop.syncBacklogOnce(),
    scanIdleOnce: () => deps.sourceLoop.scanIdleOnce(),
    stop: () => {
      stopping ??= (async () => {
        await deps.scheduler.stop();
        await Promise.all([
          deps.intakeWorker.stop({ timeoutMs: workerStopTimeoutMs }),
          deps.issueWorker.stop({ timeoutMs: workerStopTimeoutMs }),
          deps.repairLoop.worker.stop({ timeoutMs: workerStopTimeoutMs }),
          deps.sourceLoop.worker.stop({ timeoutMs: workerStopTimeoutMs }),
        ]);
        await sweep;
        await server.close();
        deps.close();
      })();
      return stopping;
    },
  };
}
