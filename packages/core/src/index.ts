// Curated public surface of @patchloop/core. Named exports only.

export type { AgentEnvironmentOptions } from './agents/agent-environment.js';
export { buildAgentEnvironment, isDeniedAgentVariable } from './agents/agent-environment.js';
export type { BackendProfile, ChainEntry } from './agents/candidate-chain.js';
export { buildCandidateChain } from './agents/candidate-chain.js';
export type { ClassifiedFailure } from './agents/classify-failure.js';
export { classifyFailure } from './agents/classify-failure.js';
export { buildClaudeInvocation, createClaudeAgent, parseClaudeOutput } from './agents/claude.js';
export type { BackendSettings, CliBackend, Invocation, ParsedOutput } from './agents/cli-backend.js';
export { buildCodexInvocation, createCodexAgent, parseCodexOutput } from './agents/codex.js';
export type {
  AgentAttempt,
  AgentFailureReason,
  AgentMode,
  AgentOutcome,
  AgentOutputFormat,
  AgentRequest,
  CodingAgent,
} from './agents/coding-agent.js';
export { buildCopilotInvocation, createCopilotAgent, parseCopilotOutput } from './agents/copilot.js';
export type { AgentChainDeps } from './agents/create-agent-chain.js';
export { createAgentChain } from './agents/create-agent-chain.js';
export type { CliAgentDeps } from './agents/create-cli-agent.js';
export { buildCursorInvocation, createCursorAgent, parseCursorOutput } from './agents/cursor.js';
export type { CustomCommandAgentDeps, CustomCommandSettings } from './agents/custom-command.js';
export {
  buildCustomCommandInvocation,
  createCustomCommandAgent,
  parseCustomCommandOutput,
  promptFileVariable,
} from './agents/custom-command.js';
export type {
  BackendCooldown,
  CooldownReason,
  FailoverAgent,
  FailoverAgentDeps,
  FailoverCandidate,
} from './agents/failover-agent.js';
export { createFailoverAgent, describeAttempts, shouldFailOver } from './agents/failover-agent.js';
export { buildGeminiInvocation, createGeminiAgent, parseGeminiOutput } from './agents/gemini.js';
export { buildOpencodeInvocation, createOpencodeAgent, parseOpencodeOutput } from './agents/opencode.js';
export type { PromptTransport } from './agents/prompt-transport.js';
export {
  choosePromptTransport,
  composePrompt,
  defaultMaxArgvPromptBytes,
} from './agents/prompt-transport.js';
export type { AgentFactory, AgentFactoryDeps, BackendName } from './agents/registry.js';
export { agentFactories, backendNames, createAgent, isBackendName } from './agents/registry.js';
export { stripAnsi } from './agents/strip-ansi.js';
export type {
  CliBackendName,
  CliBilling,
  CliProfile,
  CodingCliDefaults,
  CodingCliSettings,
} from './config/coding-cli-settings.js';
export { cliBackendNames, cliVariable, codingCliSettings } from './config/coding-cli-settings.js';
export type { ConfigProblem } from './config/config-error.js';
export { ConfigError, formatConfigProblems } from './config/config-error.js';
export type { ConfigContext, ConfigSchema, ConfigSection, EnvRecord } from './config/config-schema.js';
export { composeSections, whenValid } from './config/config-schema.js';
export type { ConfigDescription, ConfigDescriptionObject } from './config/describe-config.js';
export {
  describeConfig,
  isSecretConfigKey,
  isSecretEnvKey,
  redactedValue,
} from './config/describe-config.js';
export type { EnvField, FieldOptions, FieldValue, ParseOutcome } from './config/env-field.js';
export type {
  CsvOptions,
  DurationOptions,
  DurationUnit,
  EnumOptions,
  GitHubRepo,
  RangeOptions,
  SecretOptions,
  StringOptions,
} from './config/env-parsers.js';
export {
  booleanVar,
  commandListVar,
  commandVar,
  csvVar,
  durationVar,
  enumListVar,
  enumVar,
  integerVar,
  pathVar,
  repoVar,
  resolveConfigPath,
  secondsVar,
  secretVar,
  stringVar,
  urlVar,
} from './config/env-parsers.js';
export type {
  EventSourceDefaults,
  EventSourceSettings,
  PollingSettings,
  WebhookSettings,
} from './config/event-source-settings.js';
export { eventSourceSettings, resolveEventSource } from './config/event-source-settings.js';
export type { LoadConfigOptions } from './config/load-config.js';
export { loadConfig } from './config/load-config.js';
export type { EnvFile, MergeEnvInput, ReadEnvFileOptions } from './config/load-env-file.js';
export { mergeEnv, readEnvFile } from './config/load-env-file.js';
export type {
  ContextBudget,
  GitHubSettings,
  LocalRepoSettings,
  LogLevel,
  RuntimeSettings,
  ServerDefaults,
  ServerSettings,
  StoreDefaults,
  StoreSettings,
} from './config/shared-settings.js';
export {
  contextBudgetSettings,
  githubLoginPattern,
  githubSettings,
  gitRefNamePattern,
  localRepoSettings,
  logLevels,
  runtimeSettings,
  serverSettings,
  storeSettings,
} from './config/shared-settings.js';
export type { ShellWords } from './config/split-shell-words.js';
export { splitShellWords } from './config/split-shell-words.js';
export type { ConfiguredAgentDeps } from './daemon/create-configured-agent.js';
export { createConfiguredAgent } from './daemon/create-configured-agent.js';
export type {
  CreateDaemonRuntimeOptions,
  DaemonRuntime,
  RuntimeServerOptions,
} from './daemon/create-daemon-runtime.js';
export { buildRuntimeServer, createDaemonRuntime } from './daemon/create-daemon-runtime.js';
export type { InstanceLock, InstanceLockOptions } from './daemon/instance-lock.js';
export { acquireInstanceLock, currentProcessIdentity } from './daemon/instance-lock.js';
export type { AppErrorOptions } from './errors/app-error.js';
export { AppError, GitError, GitHubError, IllegalTransitionError } from './errors/app-error.js';
export type { ErrorCode } from './errors/error-codes.js';
export { errorCodes } from './errors/error-codes.js';
export type {
  BranchLock,
  BranchLockInfo,
  BranchLockOwner,
  CreateBranchLockOptions,
} from './git/branch-lock.js';
export { createBranchLock, lockFileName } from './git/branch-lock.js';
export type { BranchNameCheck, IssueBranchNameInput } from './git/branch-names.js';
export {
  checkBranchName,
  defaultBranchPrefix,
  issueBranchName,
  isTaskBranch,
  isValidBranchName,
  normalizeBranchPrefix,
  toBranchSlug,
} from './git/branch-names.js';
export type { ChangedFile, ChangeStatus } from './git/changed-files.js';
export type { CreateGitOptions, GitRunner, GitRunOptions, GitRunResult } from './git/create-git.js';
export { createGit } from './git/create-git.js';
export type { ProtectedBranchRules, PushCheck, PushForce, PushRequest } from './git/push-guard.js';
export { checkPush, isProtectedBranch } from './git/push-guard.js';
export type {
  CreateWorktreeManagerOptions,
  PrepareWorktreeOptions,
  Worktree,
  WorktreeManager,
} from './git/worktree-manager.js';
export { createWorktreeManager } from './git/worktree-manager.js';
export type {
  CommitResult,
  GitIdentity,
  RebaseResult,
  WorktreeDiff,
  WorktreeOperations,
} from './git/worktree-operations.js';
export type {
  CodeGitHubClients,
  GitHubClientSettings,
  ReviewGitHubClients,
} from './github/create-github-clients.js';
export { createCodeGitHubClients, createReviewGitHubClients } from './github/create-github-clients.js';
export type { CreateOctokitOptions } from './github/create-octokit.js';
export type { DryRunOptions, IntendedWrite, IntendedWriteKind } from './github/dry-run-github-client.js';
export { createDryRunCommentWriter, createDryRunRepositoryWriter } from './github/dry-run-github-client.js';
export type { EnsureIssueCommentInput, EnsureReviewInput } from './github/ensure-writes.js';
export { ensureIssueComment, ensureReview } from './github/ensure-writes.js';
export type { EtagCacheStats } from './github/etag-cache.js';
export type {
  CreateIssueInput,
  CreatePullRequestInput,
  CreateReviewInput,
  DryRunFlag,
  GitHubCommentWriter,
  GitHubReader,
  GitHubRepositoryWriter,
  ListCommentsOptions,
  ListIssuesOptions,
  ListPullRequestsOptions,
  PageOptions,
  ReviewCommentDraft,
  ReviewEvent,
  UpdateIssueInput,
  UpdatePullRequestInput,
} from './github/github-client.js';
export type { MarkerInput, MarkerService, ParsedMarker } from './github/markers.js';
export {
  findMarker,
  hasAnyMarker,
  hasMarker,
  normalizeMarkerKind,
  renderMarker,
  withMarker,
} from './github/markers.js';
export type { OctokitGitHubClient, OctokitGitHubClientOptions } from './github/octokit-github-client.js';
export { createOctokitGitHubClient } from './github/octokit-github-client.js';
export type { RateLimitBudget, RateLimitTracker } from './github/rate-limit-budget.js';
export { createRateLimitTracker, readRateLimitBudget } from './github/rate-limit-budget.js';
export type {
  CheckRun,
  CombinedStatus,
  CommitStatus,
  CommitStatusState,
  Issue,
  IssueComment,
  Label,
  Permission,
  PullRequest,
  PullRequestFile,
  Repository,
  Review,
  ReviewComment,
  ReviewState,
  User,
} from './github/types.js';
export {
  CheckRunPayload,
  CheckSuitePayload,
  IssueCommentPayload,
  IssuesPayload,
  PullRequestPayload,
  PullRequestReviewCommentPayload,
  PullRequestReviewPayload,
  SenderPayload,
} from './github/webhook-payloads.js';
export type { VerifyWebhookSignatureInput } from './github/webhook-signature.js';
export { verifyWebhookSignature } from './github/webhook-signature.js';
export type { AdminGuardOptions } from './http/admin-guard.js';
export { createAdminGuard } from './http/admin-guard.js';
export type { EventQuery, QueryResult, TaskQuery } from './http/admin-query.js';
export { maxListLimit, parseEventQuery, parseTaskQuery } from './http/admin-query.js';
export type { AdminRoutesOptions } from './http/admin-routes.js';
export { adminRoutes } from './http/admin-routes.js';
export type { BaseServerOptions, HealthReporter, HttpServer } from './http/build-base-server.js';
export { buildBaseServer } from './http/build-base-server.js';
export type { DaemonServerOptions } from './http/build-daemon-server.js';
export { buildDaemonServer } from './http/build-daemon-server.js';
export type { ListenOptions } from './http/listen.js';
export { listen } from './http/listen.js';
export type { ObservabilityRoutesOptions } from './http/observability-routes.js';
export { observabilityRoutes } from './http/observability-routes.js';
export type { QueueSummaryView, StatusCountsView } from './http/queue-summary-view.js';
export { toQueueSummaryView } from './http/queue-summary-view.js';
export type { TaskView } from './http/task-view.js';
export { toTaskView } from './http/task-view.js';
export type { WebhookDelivery, WebhookRouteOptions } from './http/webhook-route.js';
export { webhookRoutes } from './http/webhook-route.js';
export type { CreateLoggerOptions, DestinationStream, Logger } from './logging/create-logger.js';
export { createLogger, createSilentLogger, redactedLogPaths } from './logging/create-logger.js';
export type {
  CollectedGaugeDefinition,
  Counter,
  Gauge,
  MetricDefinition,
  MetricLabels,
  MetricsRegistry,
} from './observability/metrics-registry.js';
export { createMetricsRegistry } from './observability/metrics-registry.js';
export type { MetricFamily, MetricSample, MetricType } from './observability/render-prometheus.js';
export { prometheusContentType, renderPrometheus } from './observability/render-prometheus.js';
export type {
  CounterReading,
  PollCycleResult,
  PollStatus,
  StandardMetrics,
  StandardMetricsOptions,
  TaskOutcomeLabel,
} from './observability/standard-metrics.js';
export { createStandardMetrics } from './observability/standard-metrics.js';
export { advanceCursor, sinceWithOverlap } from './polling/overlap-window.js';
export type { ExecaProcessRunnerDeps } from './process/execa-process-runner.js';
export { createExecaProcessRunner } from './process/execa-process-runner.js';
export type {
  ProcessResult,
  ProcessRunner,
  ProcessRunOptions,
  TimeoutLimit,
} from './process/process-runner.js';
export { logQueueEvents } from './queue/log-queue-events.js';
export type { QueueEventMap, QueueEventName, QueueEvents } from './queue/queue-events.js';
export { createQueueEvents } from './queue/queue-events.js';
export type { RetryClassification, RetryDecision } from './queue/retry-policy.js';
export {
  backoffBaseMs,
  backoffCapMs,
  backoffDelayMs,
  classifyError,
  decideRetry,
} from './queue/retry-policy.js';
export type { TaskHandler, TaskHandlerContext, TaskOutcome } from './queue/task-handler.js';
export type { TaskEvent } from './queue/task-lifecycle.js';
export { nextStatus, taskEvents, transitions } from './queue/task-lifecycle.js';
export type {
  CreateTaskQueueOptions,
  EnqueueDisposition,
  EnqueueRequest,
  EnqueueResult,
  QueueSummary,
  TaskFailure,
  TaskQueue,
} from './queue/task-queue.js';
export { createTaskQueue } from './queue/task-queue.js';
export type { CreateWorkerOptions, Worker, WorkerIteration } from './queue/worker.js';
export { createWorker } from './queue/worker.js';
export type { Database } from './store/database.js';
export type {
  EventLevel,
  EventLogEntry,
  EventLogRepository,
} from './store/event-log-repository.js';
export { createEventLogRepository } from './store/event-log-repository.js';
export type { IdempotencyRecord, IdempotencyRepository } from './store/idempotency-repository.js';
export { createIdempotencyRepository } from './store/idempotency-repository.js';
export { JsonObject, JsonValue } from './store/json-column.js';
export { loadCoreMigrations, loadMigrationsFrom } from './store/load-migrations.js';
export type { Migration, MigrationSource } from './store/migrate.js';
export type { OpenDatabaseOptions } from './store/open-database.js';
export { openDatabase } from './store/open-database.js';
export type { PollCursor, PollCursorRepository } from './store/poll-cursor-repository.js';
export { createPollCursorRepository } from './store/poll-cursor-repository.js';
export type { ProcessedItem, ProcessedItemRepository } from './store/processed-item-repository.js';
export { createProcessedItemRepository } from './store/processed-item-repository.js';
export type { SnapshotSection, TableSnapshotSectionOptions } from './store/snapshot-section.js';
export { createTableSnapshotSection } from './store/snapshot-section.js';
export type {
  CreateStateSnapshotOptions,
  RestoreReport,
  StateSnapshot,
  StateSnapshotDocument,
} from './store/state-snapshot.js';
export { createStateSnapshot, snapshotVersion } from './store/state-snapshot.js';
export type { Task, TaskPriority, TaskStatus } from './store/task.js';
export { taskPriorities, taskStatuses } from './store/task.js';
export type { TaskListFilter } from './store/task-repository.js';
export type { Clock } from './time/clock.js';
export { createSystemClock, toIsoSeconds } from './time/clock.js';
