import type { Logger } from '../logging/create-logger.js';
import type { Clock } from '../time/clock.js';
import type { CreateOctokitOptions } from './create-octokit.js';
import type { GitHubCommentWriter, GitHubReader, GitHubRepositoryWriter } from './github-client.js';
import { createOctokitGitHubClient, type OctokitGitHubClient } from './octokit-github-client.js';
import type { RateLimitBudget } from './rate-limit-budget.js';

/** What the composition root knows about GitHub; token values arrive here, never from the env. */
export interface GitHubClientSettings {
  readonly owner: string;
  readonly repo: string;
  /** GITHUB_API_URL; default `https://api.github.com`. */
  readonly apiUrl?: string;
  /** GITHUB_TOKEN: every read. */
  readonly token: string;
  /** GITHUB_WRITE_TOKEN: every write; GITHUB_TOKEN when unset or empty. */
  readonly writeToken?: string;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly fetch?: typeof globalThis.fetch;
  readonly userAgent?: string;
  /** Receives the rate-limit budget of every answer (e.g. for the dashboard and /metrics). */
  readonly onRateLimit?: (budget: RateLimitBudget) => void;
  /** Timeouts, retry counts and backoff units; the defaults suit production. */
  readonly tuning?: Pick<
    CreateOctokitOptions,
    'requestTimeoutMs' | 'retries' | 'retryBaseDelayMs' | 'rateLimitRetries' | 'maxRetryAfterSeconds'
  >;
}

/** The review daemon's GitHub access: full reads, comments and reviews only. */
export interface ReviewGitHubClients {
  readonly reader: GitHubReader;
  readonly writer: GitHubCommentWriter;
}

/** The coding daemon's GitHub access: full reads, comments, issues, labels and pull requests. */
export interface CodeGitHubClients {
  readonly reader: GitHubReader;
  readonly writer: GitHubRepositoryWriter;
}

// Records keyed by every method name: adding a method to a port without listing it here
// fails to compile, so the runtime objects below always match their types exactly.
const readerMethods: Record<keyof GitHubReader, true> = {
  getRepository: true,
  getAuthenticatedUser: true,
  listIssues: true,
  getIssue: true,
  listIssueComments: true,
  listRepositoryComments: true,
  listRepositoryReviewComments: true,
  listPullRequests: true,
  getPullRequest: true,
  listPullRequestFiles: true,
  listReviews: true,
  listReviewComments: true,
  listCheckRuns: true,
  getCombinedStatus: true,
  getCollaboratorPermission: true,
  searchIssues: true,
};
const commentWriterMethods: Record<keyof GitHubCommentWriter, true> = {
  getAuthenticatedUser: true,
  createIssueComment: true,
  updateIssueComment: true,
  createReview: true,
};
const repositoryWriterMethods: Record<keyof GitHubRepositoryWriter, true> = {
  ...commentWriterMethods,
  createIssue: true,
  updateIssue: true,
  addLabels: true,
  removeLabel: true,
  createPullRequest: true,
  updatePullRequest: true,
};

/**
 * Builds the review daemon's clients. The writer object has ONLY the comment and review
 * methods at runtime, not just in its type, so no cast can reach a pull-request write.
 */
export function createReviewGitHubClients(settings: GitHubClientSettings): ReviewGitHubClients {
  return {
    reader: pickMethods(createClient(settings, 'read'), readerMethods),
    writer: pickMethods(createClient(settings, 'write'), commentWriterMethods),
  };
}

/** Builds the coding daemon's clients: a reader and a repository writer (which never merges). */
export function createCodeGitHubClients(settings: GitHubClientSettings): CodeGitHubClients {
  return {
    reader: pickMethods(createClient(settings, 'read'), readerMethods),
    writer: pickMethods(createClient(settings, 'write'), repositoryWriterMethods),
  };
}

function createClient(settings: GitHubClientSettings, role: 'read' | 'write'): OctokitGitHubClient {
  const writeToken = role === 'write' && settings.writeToken ? settings.writeToken : undefined;
  const tokenName =
    role === 'read'
      ? 'GITHUB_TOKEN'
      : writeToken !== undefined
        ? 'GITHUB_WRITE_TOKEN'
        : 'GITHUB_TOKEN (used for writes because GITHUB_WRITE_TOKEN is unset)';
  return createOctokitGitHubClient({
    ...settings.tuning,
    owner: settings.owner,
    repo: settings.repo,
    token: writeToken ?? settings.token,
    tokenName,
    logger: settings.logger.child({ component: 'github', role }),
    clock: settings.clock,
    ...(settings.apiUrl === undefined ? {} : { baseUrl: settings.apiUrl }),
    ...(settings.fetch === undefined ? {} : { fetch: settings.fetch }),
    ...(settings.userAgent === undefined ? {} : { userAgent: settings.userAgent }),
    ...(settings.onRateLimit === undefined ? {} : { onRateLimit: settings.onRateLimit }),
  });
}

function pickMethods<T extends object, K extends keyof T>(source: T, methods: Record<K, true>): Pick<T, K> {
  const picked: Partial<Pick<T, K>> = {};
  for (const name of Object.keys(methods) as K[]) picked[name] = source[name];
  return picked as Pick<T, K>;
}
