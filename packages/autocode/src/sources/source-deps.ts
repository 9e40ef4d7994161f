import type {
  Clock,
  EventLogRepository,
  GitHubReader,
  GitHubRepositoryWriter,
  Logger,
  TaskQueue,
} from '@patchloop/core';
import type { BacklogItemRepository } from '../store/backlog-item-repository.js';

/** Everything the backlog and idle-scan sync runs on; the composition root fills it. */
export interface SourceSyncDeps {
  readonly reader: Pick<GitHubReader, 'listIssues' | 'getIssue' | 'listIssueComments'>;
  readonly writer: Pick<
    GitHubRepositoryWriter,
    'createIssue' | 'updateIssue' | 'getAuthenticatedUser' | 'createIssueComment'
  >;
  readonly queue: Pick<TaskQueue, 'enqueue' | 'list'>;
  readonly items: BacklogItemRepository;
  readonly eventLog: Pick<EventLogRepository, 'append'>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly settings: {
    readonly dryRun: boolean;
    readonly maxAttempts: number;
    /** EXECUTION_MAX_OPEN_AUTOCODE_ISSUES; ≤ 0 disables the cap. */
    readonly maxOpenIssues: number;
    readonly capDeferMs: number;
    readonly backlog: {
      readonly enabled: boolean;
      readonly root: string;
      readonly filePaths: readonly string[];
      readonly labels: readonly string[];
      readonly titlePrefix: string;
      readonly maxItemsPerCycle: number;
    };
    readonly idle: {
      readonly enabled: boolean;
      readonly root: string;
      readonly labels: readonly string[];
      readonly titlePrefix: string;
      readonly maxItemsPerCycle: number;
      readonly longFunctionLines: number;
      readonly heuristicsOnlyWhenTodoClear: boolean;
    };
  };
}
