// Public surface of @patchloop/sandbox. Named exports only; one block per area.

export type { FakeAgentLogEntry, FakeAgentScenario, FakeAgentStep } from './fake-agent/fake-agent.js';
export { fakeAgentCliPath, writeFakeAgentScenario } from './fake-agent/fake-agent.js';
export type { FakeClock } from './fake-clock.js';
export { createFakeClock } from './fake-clock.js';
export type { GitHubModel } from './fake-github/model/github-model.js';
export type {
  AddCheckRunInput,
  AddCommitStatusInput,
  AddIssueCommentInput,
  AddIssueInput,
  AddPullRequestInput,
  AddReviewCommentInput,
  AddReviewInput,
  AddUserOptions,
  CheckRunPatch,
  IssuePatch,
  PullRequestPatch,
} from './fake-github/model/model-inputs.js';
export type {
  AccountType,
  CheckRunConclusion,
  CheckRunStatus,
  CommitStatusState,
  Permission,
  ReviewState,
} from './fake-github/model/model-records.js';
export type { TokenGrant } from './fake-github/server/auth.js';
export type { FaultInjector, FaultSpec } from './fake-github/server/fault-injector.js';
export type { RateLimitSnapshot } from './fake-github/server/rate-limiter.js';
export type { OpenApiViolation, RequestRecord } from './fake-github/server/request-log.js';
export type {
  CheckRunJson,
  CommitStatusJson,
  IssueCommentJson,
  IssueJson,
  LabelJson,
  PullRequestJson,
  PullRequestSideJson,
  RepositoryJson,
  ReviewCommentJson,
  ReviewJson,
  UserJson,
} from './fake-github/shapes/json-types.js';
export type { FakeGitHub, StartFakeGitHubOptions } from './fake-github/start-fake-github.js';
export { startFakeGitHub } from './fake-github/start-fake-github.js';
export type {
  BareRepository,
  CreateBareRepositoryOptions,
  FixtureCommit,
  FixtureLogEntry,
} from './git/bare-repository.js';
export { createBareRepository } from './git/bare-repository.js';
export type { FixturePerson } from './git/fast-import-script.js';
export { fixtureIdentity, isolatedGitEnv } from './git/isolated-git-env.js';
export type { CreateLargeRepositoryOptions } from './git/large-repository.js';
export { createLargeRepository } from './git/large-repository.js';
export type {
  SendWebhookOptions,
  SignatureMode,
  WebhookResponse,
  WebhookSender,
} from './webhooks/create-webhook-sender.js';
export { createWebhookSender } from './webhooks/create-webhook-sender.js';
export type { WebhookPayload } from './webhooks/example-payload.js';
export { examplePayload } from './webhooks/example-payload.js';
export type { EventPayloadOptions } from './webhooks/model-event-payloads.js';
export {
  checkRunEventPayload,
  issueCommentEventPayload,
  issueEventPayload,
  pullRequestEventPayload,
  pullRequestReviewCommentEventPayload,
  pullRequestReviewEventPayload,
} from './webhooks/model-event-payloads.js';
