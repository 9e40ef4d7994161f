import type { Clock, Database } from '@patchloop/core';
import type { BacklogItemRepository } from './backlog-item-repository.js';
import { createBacklogItemRepository } from './backlog-item-repository.js';
import type { FeedbackLedgerRepository } from './feedback-ledger-repository.js';
import { createFeedbackLedgerRepository } from './feedback-ledger-repository.js';
import type { IssueRecordRepository } from './issue-record-repository.js';
import { createIssueRecordRepository } from './issue-record-repository.js';
import type { PullRequestRepository } from './pull-request-repository.js';
import { createPullRequestRepository } from './pull-request-repository.js';
import type { RepairRoundRepository } from './repair-round-repository.js';
import { createRepairRoundRepository } from './repair-round-repository.js';
import type { RunRepository } from './run-repository.js';
import { createRunRepository } from './run-repository.js';

/** Every autocode table's repository over one database. */
export interface AutocodeStores {
  readonly issues: IssueRecordRepository;
  readonly runs: RunRepository;
  readonly pullRequests: PullRequestRepository;
  readonly ledger: FeedbackLedgerRepository;
  readonly repairRounds: RepairRoundRepository;
  readonly backlogItems: BacklogItemRepository;
}

/** Builds the autocode repositories (statements are prepared once each). */
export function createAutocodeStores(input: {
  readonly db: Database;
  readonly clock: Clock;
}): AutocodeStores {
  return {
    issues: createIssueRecordRepository(input),
    runs: createRunRepository(input),
    pullRequests: createPullRequestRepository(input),
    ledger: createFeedbackLedgerRepository(input),
    repairRounds: createRepairRoundRepository(input),
    backlogItems: createBacklogItemRepository(input),
  };
}
