import { randomUUID } from 'node:crypto';
import type { Worker } from '@patchloop/core';
import { createWorker } from '@patchloop/core';
import type { AutocodeConfig } from '../config/autocode-config.js';
import { autocodeTaskTypes } from '../tasks/autocode-tasks.js';
import type { SourceSyncDeps } from './source-deps.js';
import type { SourceSyncReport } from './source-sync.js';
import { scanIdle, syncBacklog } from './source-sync.js';
import { createSourceTask } from './source-task.js';

/** The backlog and idle-scan sync: discovery passes and the worker that opens and closes issues. */
export interface SourceLoop {
  readonly worker: Worker;
  syncBacklogOnce(): Promise<SourceSyncReport>;
  /** Skips (`null`) while other work is queued or running: the idle scan is for idle times (spec §5.9). */
  scanIdleOnce(): Promise<SourceSyncReport | null>;
}

const busyStatuses = ['queued', 'running', 'retry_waiting'] as const;
const busyTypes = [autocodeTaskTypes.issue, autocodeTaskTypes.source, autocodeTaskTypes.comment];

/** Builds the source loop over its dependencies (called by the composition root). */
export function createSourceLoop(
  deps: SourceSyncDeps & {
    readonly queue: SourceSyncDeps['queue'] & Parameters<typeof createWorker>[0]['queue'];
    readonly pollIntervalMs: number;
  },
): SourceLoop {
  const worker = createWorker({
    queue: deps.queue,
    handlers: { [autocodeTaskTypes.source]: createSourceTask(deps) },
    clock: deps.clock,
    logger: deps.logger,
    workerId: `autocode-sources-${randomUUID()}`,
    leaseMs: 300_000,
    pollIntervalMs: deps.pollIntervalMs,
    types: [autocodeTaskTypes.source],
  });
  const busy = () =>
    busyTypes.some((type) =>
      busyStatuses.some((status) => deps.queue.list({ type, status, limit: 1 }).length > 0),
    );
  return {
    worker,
    syncBacklogOnce: () => syncBacklog(deps),
    scanIdleOnce: async () => (busy() ? null : scanIdle(deps)),
  };
}

/** The source sync's settings, read from the daemon's config. */
export function sourceSettingsFrom(config: AutocodeConfig): SourceSyncDeps['settings'] {
  const { backlog, idleScanner } = config.sources;
  return {
    dryRun: config.dryRun,
    maxAttempts: config.queues.source.maxAttempts,
    maxOpenIssues: config.execution.limits.maxOpenIssues,
    capDeferMs: Math.max(config.polling.intervalMs, 300_000),
    backlog: { ...backlog, root: backlog.repoPath },
    idle: {
      ...idleScanner,
      root: config.localRepo.path,
      heuristicsOnlyWhenTodoClear: idleScanner.advancedOnlyWhenTodoClear,
      longFunctionLines: idleScanner.heuristicAnalysis ? idleScanner.longFunctionLines : 0,
    },
  };
}
