// Public surface of @patchloop/openreview. Named exports only.

export type {
  OpenReviewConfig,
  OpenReviewPollingSettings,
  ReviewSettings,
  TrackedPullRequestBudget,
} from './config.js';
export { createOpenReviewConfigSchema, loadOpenReviewConfig, openReviewDefaults } from './config.js';

// -- context
export type { ActivityFingerprintInput } from './context/activity-fingerprint.js';
export { activityFingerprint } from './context/activity-fingerprint.js';
export type { CiDetail, CiState, CiStatus } from './context/ci-status.js';
export { aggregateCiStatus, summarizeCi } from './context/ci-status.js';
export type { DiffSnapshot, DiffSnapshotInput, DiffSnapshotResult } from './context/diff-snapshot.js';
export { buildDiffSnapshot } from './context/diff-snapshot.js';
export type {
  ActivityFilter,
  DiscussionEntry,
  DiscussionKind,
  DiscussionSources,
  FormatDiscussionOptions,
} from './context/discussion.js';
export {
  collapse,
  discussionEntries,
  formatDiscussion,
  hasWriteAccess,
  isIgnoredActivity,
  latestExternalActivity,
  renderUntrusted,
} from './context/discussion.js';
export type { DuplicateMatch, TriagedIssue } from './context/duplicates.js';
export { detectDuplicates, isDistinctiveTerm, matchDuplicate } from './context/duplicates.js';
export type { IssueContext, IssueContextDeps, IssueContextReader } from './context/load-issue-context.js';
export { loadIssueContext } from './context/load-issue-context.js';
export type {
  PullRequestContextDeps,
  PullRequestContextReader,
  PullRequestDiscussion,
} from './context/load-pull-request-context.js';
export { loadPullRequestDiscussion } from './context/load-pull-request-context.js';
export type { RelatedPullRequest, TriageInput } from './context/related-work.js';
export { formatTriageContext } from './context/related-work.js';
export { isLockfile, orderForReview, reviewFileScore } from './context/review-file-score.js';
export type { ReviewFactsInput, SnapshotFacts } from './context/runtime-facts.js';
export {
  issueReferences,
  processThrottleFacts,
  reviewFacts,
  runtimeFacts,
  scopeHint,
  summarizeMergeState,
} from './context/runtime-facts.js';
export {
  extractTerms,
  referencePullRequestsQuery,
  similarIssuesQuery,
  topicQuery,
} from './context/search-terms.js';

export type { OpenReviewDependencies } from './dependencies.js';
export { createOpenReviewDependencies } from './dependencies.js';
// -- ingest
export type { ActivityAuthor, IgnoreRules } from './ingest/activity-rules.js';
export {
  activitySignal,
  hasSlashCommand,
  ignoredActivityReason,
  isBotAccount,
} from './ingest/activity-rules.js';
export { cleanOverlapMs, failureOverlapMs } from './ingest/cursor-window.js';
export type { EventRouting, EventRoutingSettings, WebhookEvent } from './ingest/event-to-task.js';
export { eventToTask } from './ingest/event-to-task.js';
export type { PollCycle, PollCycleDeps, PollCycleSettings, PollReport } from './ingest/poll-cycle.js';
export { createPollCycle } from './ingest/poll-cycle.js';
export type {
  ReviewCursorName,
  ReviewCursors,
  ReviewScanRecord,
  TrackedPullRequests,
  TrackedSelection,
} from './ingest/poll-ports.js';
export type { Poller, PollerDeps } from './ingest/poller.js';
export { createPoller } from './ingest/poller.js';
export { buildOpenReviewServer } from './server.js';
export type { RunningOpenReview } from './start.js';
export { startOpenReview } from './start.js';
