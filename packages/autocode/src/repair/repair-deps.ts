import type {
  Clock,
  EventLogRepository,
  GitHubReader,
  GitHubRepositoryWriter,
  Logger,
  TaskQueue,
  WorktreeManager,
} from '@patchloop/core';
import type { LimitSettings } from '../config/limit-settings.js';
import type { ApproverCheck } from '../ingest/approver-check.js';
import type { ImplementDeps } from '../pipeline/implement-in-worktree.js';
import type { FeedbackLedgerRepository } from '../store/feedback-ledger-repository.js';
import type { PullRequestRepository } from '../store/pull-request-repository.js';
import type { RepairRoundRepository } from '../store/repair-round-repository.js';
import type { RunRepository } from '../store/run-repository.js';
import type { TrackingSettings } from './tracking.js';

/** Everything the repair loop (scan, repair task, hand-back) runs on; the composition root fills it. */
export interface RepairDeps {
  readonly reader: Pick<
    GitHubReader,
    | 'listPullRequests'
    | 'getPullRequest'
    | 'listReviews'
    | 'listReviewComments'
    | 'listCheckRuns'
    | 'getCombinedStatus'
    | 'listIssueComments'
  >;
  readonly writer: Pick<GitHubRepositoryWriter, 'getAuthenticatedUser' | 'createIssueComment'>;
  readonly queue: Pick<TaskQueue, 'enqueue' | 'list'>;
  readonly approvers: ApproverCheck;
  readonly pullRequests: PullRequestRepository;
  readonly ledger: FeedbackLedgerRepository;
  readonly rounds: RepairRoundRepository;
  readonly runs: RunRepository;
  readonly worktrees: Pick<WorktreeManager, 'withWorktree'>;
  readonly implement: ImplementDeps;
  readonly eventLog: Pick<EventLogRepository, 'append'>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly settings: {
    readonly tracking: TrackingSettings;
    readonly dryRun: boolean;
    /** EXECUTION_PUSH_REMOTE: where the branches live. */
    readonly pushRemote: string;
    readonly limits: LimitSettings;
    readonly maxAttempts: number;
    readonly botLogins: readonly string[];
  };
}
