import type { PullRequest } from '@patchloop/core';
import { isTaskBranch } from '@patchloop/core';

/** Why PatchLoop looks after a pull request (spec autocode-execution §3.1). */
export type TrackingSource = 'autocode_branch' | 'author_allowlist';

/** The tracking settings. */
export interface TrackingSettings {
  /** `owner/name`: pull requests from forks are never tracked. */
  readonly repository: string;
  readonly branchPrefix: string;
  /** Lower-cased logins whose same-repository PRs are tracked (`EXECUTION_TRACK_PR_AUTHORS`). */
  readonly trackAuthors: readonly string[];
  /** `EXECUTION_ENABLE_PR_QUEUE`: also needed for the author allow-list. */
  readonly queueEnabled: boolean;
  /** `EXECUTION_POLL_REVIEW_FEEDBACK`. */
  readonly pollEnabled: boolean;
}

/** Whether and why a pull request is tracked; null for forks, foreign branches and when tracking is off. */
export function trackingSourceOf(
  pr: Pick<PullRequest, 'headRef' | 'headRepoFullName' | 'author'>,
  settings: TrackingSettings,
): TrackingSource | null {
  if (!settings.queueEnabled && !settings.pollEnabled) return null;
  if (
    pr.headRepoFullName !== null &&
    pr.headRepoFullName.toLowerCase() !== settings.repository.toLowerCase()
  ) {
    return null;
  }
  if (isTaskBranch(pr.headRef, settings.branchPrefix)) return 'autocode_branch';
  if (settings.queueEnabled && settings.trackAuthors.includes(pr.author.login.toLowerCase())) {
    return 'author_allowlist';
  }
  return null;
}
