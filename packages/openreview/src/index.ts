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
export type {
  IssueLocalContextInput,
  LocalContext,
  PullRequestLocalContextInput,
} from './context/local-context.js';
export { buildIssueLocalContext, buildPullRequestLocalContext } from './context/local-context.js';
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
export { isSecretPath } from './context/secret-paths.js';

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
// -- prompts
export type { ClassificationPromptInput } from './prompts/classification-prompt.js';
export { buildClassificationPrompt } from './prompts/classification-prompt.js';
export type { IssueAnalysisPromptInput } from './prompts/issue-analysis-prompt.js';
export { buildIssueAnalysisPrompt } from './prompts/issue-analysis-prompt.js';
export type { FitPromptBudgetInput, FittedPrompt } from './prompts/prompt-budget.js';
export { defaultPromptBudget, fitPromptBudget } from './prompts/prompt-budget.js';
export type { BuiltPrompt, IssuePromptInfo } from './prompts/prompt-parts.js';
export { readOnlyPreamble } from './prompts/prompt-parts.js';
export type { PullRequestFollowUpPromptInput } from './prompts/pull-request-follow-up-prompt.js';
export { buildPullRequestFollowUpPrompt } from './prompts/pull-request-follow-up-prompt.js';
export type { PullRequestBudgetParts, PullRequestPromptInfo } from './prompts/pull-request-prompt-parts.js';
export type { PullRequestReviewPromptInput } from './prompts/pull-request-review-prompt.js';
export { buildPullRequestReviewPrompt } from './prompts/pull-request-review-prompt.js';
// -- publish
export type { BlockedNoticeInput } from './publish/blocked-notice.js';
export { buildBlockedNotice } from './publish/blocked-notice.js';
export type { FormatReplyInput, ReplyKind } from './publish/format-reply.js';
export { formatReply, markerAllowance } from './publish/format-reply.js';
export { replyFooter, withFooter } from './publish/reply-footer.js';
export type { UnanswerableCategory } from './publish/unanswerable-reply.js';
export { buildUnanswerableReply, categorizeReason, summarizeReason } from './publish/unanswerable-reply.js';
// -- review (classify-issue)
export type {
  ClassificationResult,
  ClassificationSource,
  ClassifyIssueInput,
  IssueClassification,
  ParsedClassification,
  RuleClassificationInput,
} from './review/classify-issue.js';
export {
  classifyIssue,
  featureImplementationReason,
  parseClassificationOutput,
  quickClassify,
} from './review/classify-issue.js';
export { buildOpenReviewServer } from './server.js';
export type { RunningOpenReview } from './start.js';
export { startOpenReview } from './start.js';

// -- store
export type { ReviewCursorStore } from './store/review-cursors.js';
export { createReviewCursors, reviewCursorKeys } from './store/review-cursors.js';
export type { PullRequestReviewKeyInput, PullRequestReviewMetadata } from './store/review-keys.js';
export {
  ciFailureFingerprint,
  issueProcessingKey,
  pullRequestReviewKey,
  pullRequestReviewMetadata,
} from './store/review-keys.js';
export { loadOpenReviewMigrations } from './store/review-migrations.js';
export { createReviewSnapshotSections } from './store/review-snapshot-sections.js';
export type {
  MarkIssueProcessedInput,
  TrackedIssue,
  TrackedIssueRepository,
} from './store/tracked-issue-repository.js';
export { createTrackedIssueRepository } from './store/tracked-issue-repository.js';
export type { TrackedPullRequest } from './store/tracked-pull-request.js';
export type {
  MarkPullRequestProcessedInput,
  PullRequestObservation,
  RecordPullRequestBlockedInput,
  ReviewScanResult,
  TrackedPullRequestRepository,
  TrackedPullRequestRepositoryDeps,
} from './store/tracked-pull-request-repository.js';
export { createTrackedPullRequestRepository } from './store/tracked-pull-request-repository.js';
export type { TrackedPullRequestSelection } from './store/tracked-pull-request-selection.js';
