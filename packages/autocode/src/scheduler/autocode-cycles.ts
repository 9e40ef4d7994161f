import type { Clock, StandardMetrics } from '@patchloop/core';
import type { AutocodePollCycle } from '../ingest/poll-cycle.js';
import type { RepairLoop } from '../repair/create-repair-loop.js';
import type { SourceLoop } from '../sources/create-source-loop.js';
import type { RunRepository } from '../store/run-repository.js';
import type { Scheduler } from './scheduler.js';

const runRetentionMs = 30 * 24 * 3_600_000;

/**
 * Registers the coding daemon's periodic cycles (spec autocode-service §5.7): `polling-cycle` when
 * polling is on, `pr-queue-cycle` when PR tracking is on, `backlog-sync-cycle` and `idle-scan-cycle`
 * when those sources are on, and an hourly `prune-cycle` that keeps run records for a month (spec
 * weakness 5). Queue consumers are workers, not cycles.
 */
export function registerAutocodeCycles(input: {
  readonly scheduler: Scheduler;
  readonly clock: Clock;
  readonly metrics: Pick<StandardMetrics, 'recordPollCycle'>;
  readonly runs: Pick<RunRepository, 'pruneFinishedBefore'>;
  readonly pollCycle: AutocodePollCycle;
  readonly repairLoop: Pick<RepairLoop, 'scanOnce'>;
  readonly polling: { readonly enabled: boolean; readonly intervalMs: number };
  readonly pullRequests: { readonly enabled: boolean; readonly intervalMs: number };
  readonly sourceLoop: Pick<SourceLoop, 'syncBacklogOnce' | 'scanIdleOnce'>;
  readonly backlog: { readonly enabled: boolean; readonly intervalMs: number };
  readonly idleScan: { readonly enabled: boolean; readonly intervalMs: number };
}): void {
  const { scheduler, clock, metrics } = input;
  scheduler.register({
    name: 'prune-cycle',
    intervalMs: 3_600_000,
    priority: 'background',
    firstRunDelayMs: 60_000,
    run: async () => ({ prunedRuns: input.runs.pruneFinishedBefore(clock.now() - runRetentionMs) }),
  });
  if (input.pullRequests.enabled) {
    scheduler.register({
      name: 'pr-queue-cycle',
      intervalMs: input.pullRequests.intervalMs,
      priority: 'normal',
      run: () => input.repairLoop.scanOnce(),
    });
  }
  if (input.backlog.enabled) {
    scheduler.register({
      name: 'backlog-sync-cycle',
      intervalMs: input.backlog.intervalMs,
      priority: 'normal',
      run: () => input.sourceLoop.syncBacklogOnce(),
    });
  }
  if (input.idleScan.enabled) {
    scheduler.register({
      name: 'idle-scan-cycle',
      intervalMs: input.idleScan.intervalMs,
      priority: 'background',
      // Not at startup: the first scan waits one interval (spec §5.7).
      firstRunDelayMs: input.idleScan.intervalMs,
      run: async () => (await input.sourceLoop.scanIdleOnce()) ?? { skipped: 'active_work_pending' },
    });
  }
  if (input.polling.enabled) {
    scheduler.register({
      name: 'polling-cycle',
      intervalMs: input.polling.intervalMs,
      priority: 'normal',
      run: async () => {
        try {
          const report = await input.pollCycle.runOnce();
          const failed = report.comments.failed || report.issues?.failed === true;
          metrics.recordPollCycle('github', failed ? 'failed' : 'succeeded');
          return report;
        } catch (error) {
          metrics.recordPollCycle('github', 'failed');
          throw error;
        }
      },
    });
  }
}
