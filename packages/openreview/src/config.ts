import type {
  CodingCliSettings,
  ConfigContext,
  ConfigSection,
  ContextBudget,
  EnvRecord,
  GitHubSettings,
  LoadConfigOptions,
  LocalRepoSettings,
  LogLevel,
  PollingSettings,
  ServerSettings,
  StoreSettings,
  WebhookSettings,
} from '@patchloop/core';
import {
  codingCliSettings,
  composeSections,
  contextBudgetSettings,
  csvVar,
  durationVar,
  eventSourceSettings,
  githubLoginPattern,
  githubSettings,
  integerVar,
  loadConfig,
  localRepoSettings,
  runtimeSettings,
  secondsVar,
  serverSettings,
  storeSettings,
} from '@patchloop/core';
import { z } from 'zod';

/** A batch of tracked pull requests re-read per poll cycle, and how old they may get. */
export interface TrackedPullRequestBudget {
  readonly batchSize: number;
  readonly maxAgeMs: number;
}

/** Polling as openreview runs it: the shared settings plus its per-cycle budgets. */
export interface OpenReviewPollingSettings extends PollingSettings {
  /** Tracked PRs still waiting for CI or a first review. */
  readonly pendingPullRequests: TrackedPullRequestBudget;
  /** Tracked PRs whose review submissions are scanned for follow-ups. */
  readonly reviewSubmissions: TrackedPullRequestBudget;
}

/** What and when openreview reviews. */
export interface ReviewSettings {
  /** Limit of a posted comment or review body, footer and markers included. */
  readonly maxCommentLength: number;
  /** A reviewed PR whose head changed is re-reviewed once the head is this old (CI stability window). */
  readonly headStabilizeMs: number;
  /** Minimum gap between two "review blocked" notices for the same head and reason. */
  readonly blockedNoticeCooldownMs: number;
  /** Issues numbered at or below this are ignored (the original hard-coded 603). */
  readonly minIssueNumber: number;
  /** Pull requests numbered at or below this are ignored. */
  readonly minPullRequestNumber: number;
  /** Extra logins treated as bots (machine users without a `[bot]` suffix), lower-case. */
  readonly botLogins: readonly string[];
}

/** The review daemon's whole configuration, nested and camelCase. */
export interface OpenReviewConfig {
  readonly github: GitHubSettings;
  readonly server: ServerSettings;
  readonly polling: OpenReviewPollingSettings;
  readonly webhook: WebhookSettings;
  readonly store: StoreSettings;
  readonly dryRun: boolean;
  readonly logLevel: LogLevel;
  readonly cli: CodingCliSettings;
  readonly localRepo: LocalRepoSettings;
  readonly context: ContextBudget;
  readonly review: ReviewSettings;
}

/** openreview's defaults where the daemons differ. */
export const openReviewDefaults = {
  serverPort: 8000,
  pollIntervalSeconds: 60,
  statePath: './.patchloop/openreview.db',
  // The original's code says 300 s, its example 180 s; PR reviews of large diffs need the longer one.
  cliTimeoutSeconds: 300,
} as const;

function pollingBudgetSettings(): ConfigSection<Omit<OpenReviewPollingSettings, keyof PollingSettings>> {
  return z
    .object({
      POLL_PENDING_PR_BATCH_SIZE: integerVar({ min: 1, max: 1_000, default: 20 }),
      POLL_PENDING_PR_MAX_AGE_DAYS: durationVar({ unit: 'days', min: 1, max: 3_650, default: 30 }),
      POLL_REVIEW_SUBMISSION_BATCH_SIZE: integerVar({ min: 1, max: 1_000, default: 20 }),
      POLL_REVIEW_SUBMISSION_MAX_AGE_DAYS: durationVar({ unit: 'days', min: 1, max: 3_650, default: 21 }),
    })
    .transform((env) => ({
      pendingPullRequests: {
        batchSize: env.POLL_PENDING_PR_BATCH_SIZE,
        maxAgeMs: env.POLL_PENDING_PR_MAX_AGE_DAYS,
      },
      reviewSubmissions: {
        batchSize: env.POLL_REVIEW_SUBMISSION_BATCH_SIZE,
        maxAgeMs: env.POLL_REVIEW_SUBMISSION_MAX_AGE_DAYS,
      },
    }));
}

function reviewSettings(): ConfigSection<ReviewSettings> {
  return z
    .object({
      // GitHub rejects bodies over 65,536 characters; below 500 nothing useful fits.
      MAX_COMMENT_LENGTH: integerVar({ min: 500, max: 65_000, default: 4_000 }),
      PR_HEAD_STABILIZE_SECONDS: secondsVar({ min: 0, max: 86_400, default: 300 }),
      PR_BLOCKED_NOTICE_COOLDOWN_SECONDS: secondsVar({ min: 0, max: 604_800, default: 1_800 }),
      ISSUE_MIN_NUMBER: integerVar({ min: 0, default: 0 }),
      PR_MIN_NUMBER: integerVar({ min: 0, default: 0 }),
      BOT_LOGINS: csvVar({ lowerCase: true, itemPattern: githubLoginPattern, expected: 'GitHub logins' }),
    })
    .transform((env) => ({
      maxCommentLength: env.MAX_COMMENT_LENGTH,
      headStabilizeMs: env.PR_HEAD_STABILIZE_SECONDS,
      blockedNoticeCooldownMs: env.PR_BLOCKED_NOTICE_COOLDOWN_SECONDS,
      minIssueNumber: env.ISSUE_MIN_NUMBER,
      minPullRequestNumber: env.PR_MIN_NUMBER,
      botLogins: env.BOT_LOGINS.map((login) => login.replace(/^@/, '')),
    }));
}

/** The openreview schema: core's shared sections plus its own, mapped to OpenReviewConfig. */
export function createOpenReviewConfigSchema(context: ConfigContext): z.ZodType<OpenReviewConfig> {
  return composeSections({
    github: githubSettings(),
    server: serverSettings({ port: openReviewDefaults.serverPort }),
    events: eventSourceSettings({ pollIntervalSeconds: openReviewDefaults.pollIntervalSeconds }),
    pollingBudgets: pollingBudgetSettings(),
    store: storeSettings(context, { path: openReviewDefaults.statePath }),
    runtime: runtimeSettings(),
    cli: codingCliSettings({ timeoutSeconds: openReviewDefaults.cliTimeoutSeconds }),
    localRepo: localRepoSettings(context),
    context: contextBudgetSettings(),
    review: reviewSettings(),
  }).transform(
    (sections): OpenReviewConfig => ({
      github: sections.github,
      server: sections.server,
      polling: { ...sections.events.polling, ...sections.pollingBudgets },
      webhook: sections.events.webhook,
      store: sections.store,
      dryRun: sections.runtime.dryRun,
      logLevel: sections.runtime.logLevel,
      cli: sections.cli,
      localRepo: sections.localRepo,
      context: sections.context,
      review: sections.review,
    }),
  );
}

/**
 * Loads openreview's configuration from a flat env (the `.env` file merged under the real
 * environment). Returns a deep-frozen config or throws one ConfigError listing every bad key.
 */
export function loadOpenReviewConfig(env: EnvRecord, options: LoadConfigOptions): OpenReviewConfig {
  return loadConfig(createOpenReviewConfigSchema, env, options);
}
