import { randomUUID } from 'node:crypto';
import type { Worker } from '@patchloop/core';
import { createWorker } from '@patchloop/core';
import type { AutocodeConfig } from '../config/autocode-config.js';
import { autocodeTaskTypes } from '../tasks/autocode-tasks.js';
import type { PullRequestScanReport } from './pull-request-scan.js';
import { scanPullRequests } from './pull-request-scan.js';
import type { RepairDeps } from './repair-deps.js';
import { createRepairTask } from './repair-task.js';

/** The repair loop: the scan that plans repairs and the worker that runs them. */
export interface RepairLoop {
  readonly worker: Worker;
  scanOnce(): Promise<PullRequestScanReport>;
  /** `/patchloop resume` by an approver: repair may run again, on the branch as it is now. */
  resume(pullNumber: number, by: string): Promise<string>;
}

/** Builds the repair loop over its dependencies (called by the composition root). */
export function createRepairLoop(
  deps: RepairDeps & {
    readonly queue: RepairDeps['queue'] & Parameters<typeof createWorker>[0]['queue'];
    readonly leaseMs: number;
    readonly pollIntervalMs: number;
  },
): RepairLoop {
  const worker = createWorker({
    queue: deps.queue,
    handlers: { [autocodeTaskTypes.pullRequest]: createRepairTask(deps) },
    clock: deps.clock,
    logger: deps.logger,
    workerId: `autocode-repairs-${randomUUID()}`,
    leaseMs: deps.leaseMs,
    pollIntervalMs: deps.pollIntervalMs,
    types: [autocodeTaskTypes.pullRequest],
  });
  return {
    worker,
    scanOnce: () => scanPullRequests(deps),
    resume: async (pullNumber, by) => {
      const record = deps.pullRequests.get(pullNumber);
      if (record === undefined) return 'resume_untracked';
      const pr = await deps.reader.getPullRequest(pullNumber);
      const wasStopped = deps.pullRequests.resumeRepair(pullNumber);
      // Build on the branch as it is now, the commits someone else pushed included.
      deps.pullRequests.setKnownHead(pullNumber, pr.headSha);
      const handedBack = deps.ledger
        .list(pullNumber)
        .filter((entry) => entry.state === 'handed_back')
        .map((entry) => entry.fingerprint);
      deps.ledger.setState(pullNumber, handedBack, 'open');
      deps.eventLog.append({
        category: 'pull_request',
        level: 'info',
        message: `@${by} re-invited PatchLoop to repair PR #${pullNumber}`,
        data: { source: 'comment', pr: pullNumber, by },
      });
      return wasStopped ? 'repair_resumed' : 'repair_not_paused';
    },
  };
}

/** The repair loop's settings, read from the daemon's config. */
export function repairSettingsFrom(config: AutocodeConfig): RepairDeps['settings'] {
  const { execution } = config;
  const feedback = config.queues.reviewFeedback;
  return {
    tracking: {
      repository: config.github.repo.fullName,
      branchPrefix: execution.branchPrefix,
      trackAuthors: feedback.trackAuthors,
      queueEnabled: feedback.queueEnabled,
      pollEnabled: feedback.pollEnabled,
    },
    dryRun: config.dryRun,
    pushRemote: execution.pushRemote,
    limits: execution.limits,
    maxAttempts: config.queues.pullRequest.maxAttempts,
    botLogins: [],
  };
}
