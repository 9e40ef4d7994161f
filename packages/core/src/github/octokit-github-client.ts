import type { Octokit } from '@octokit/rest';
import { AppError } from '../errors/app-error.js';
import { type CreateOctokitOptions, createOctokit } from './create-octokit.js';
import { createEtagCache, type EtagCache, type EtagCacheStats } from './etag-cache.js';
import type { GitHubReader, GitHubRepositoryWriter, PageOptions } from './github-client.js';
import {
  parseRest,
  toCheckRun,
  toCombinedStatus,
  toIssue,
  toIssueComment,
  toLabel,
  toPermission,
  toPullRequest,
  toPullRequestFile,
  toRepository,
  toReview,
  toReviewComment,
  toUser,
} from './rest-mappers.js';
import { RestUser, SearchResult } from './schemas.js';
import { toGitHubError } from './to-github-error.js';
import type { User } from './types.js';

/** Settings of one adapter: one token, one repository, one ETag cache. */
export interface OctokitGitHubClientOptions extends CreateOctokitOptions {
  readonly owner: string;
  readonly repo: string;
  /** The setting the token came from, named in permission errors (e.g. `GITHUB_WRITE_TOKEN`). */
  readonly tokenName: string;
  /** Most ETag-cached responses kept; default 1000. */
  readonly maxCachedResponses?: number;
}

/** The full adapter; the factories hand daemons only the slice they may use. */
export interface OctokitGitHubClient extends GitHubReader, GitHubRepositoryWriter {
  /** How many reads were answered 304 from the ETag cache. */
  cacheStats(): EtagCacheStats;
}

interface Operation {
  readonly operation: string;
  readonly permission: string;
}

const ops = {
  readRepo: { operation: 'read the repository', permission: 'metadata: read' },
  readUser: { operation: 'read the authenticated user', permission: 'a valid token' },
  readIssues: { operation: 'read issues and comments', permission: 'issues: read' },
  readPulls: { operation: 'read pull requests', permission: 'pull_requests: read' },
  readChecks: { operation: 'read check runs', permission: 'checks: read' },
  readStatuses: { operation: 'read commit statuses', permission: 'statuses: read' },
  readPermission: { operation: 'read collaborator permissions', permission: 'metadata: read' },
  search: { operation: 'search issues', permission: 'issues: read' },
  comment: { operation: 'write issue and pull request comments', permission: 'issues: write' },
  review: { operation: 'submit pull request reviews', permission: 'pull_requests: write' },
  writeIssues: { operation: 'create and edit issues and labels', permission: 'issues: write' },
  writePulls: { operation: 'open and edit pull requests', permission: 'pull_requests: write' },
} as const satisfies Record<string, Operation>;

// POSTs that create something are not retried inside the client: a 5xx may still have created
// it. The caller's ensureX re-checks GitHub before writing again.
const noRetry = { request: { retries: 0 } };

/**
 * The Octokit adapter behind every GitHub port. All GETs go through an ETag cache, so
 * unchanged reads (pagination pages included) are answered 304 at no rate-limit cost.
 */
export function createOctokitGitHubClient(options: OctokitGitHubClientOptions): OctokitGitHubClient {
  const { owner, repo, clock } = options;
  const octokit = createOctokit(options);
  const cache = createEtagCache({ maxEntries: options.maxCachedResponses ?? 1000 });
  installConditionalRequests(octokit, cache);
  const base = { owner, repo };
  let authenticatedUser: User | undefined;

  const call = async <T>(operation: Operation, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw toGitHubError(error, {
        ...operation,
        tokenName: options.tokenName,
        repository: `${owner}/${repo}`,
        nowMs: clock.now(),
      });
    }
  };

  const list = async <T>(
    operation: Operation,
    route: string,
    params: Record<string, unknown>,
    map: (item: unknown) => T,
    pages: PageOptions = {},
  ): Promise<T[]> =>
    call(operation, async () => {
      const maxPages = pages.maxPages ?? Number.POSITIVE_INFINITY;
      const items: unknown[] = [];
      let read = 0;
      const iterator = octokit.paginate.iterator(route, {
        ...base,
        ...params,
        per_page: pages.perPage ?? 100,
      });
      for await (const response of iterator) {
        items.push(...(response.data as unknown[]));
        read += 1;
        if (read >= maxPages) break;
      }
      return items.map(map);
    });

  const get = async <T>(operation: Operation, route: string, params: object, map: (data: unknown) => T) =>
    call(operation, async () => map((await octokit.request(route, { ...base, ...params })).data));

  return {
    getRepository: () => get(ops.readRepo, 'GET /repos/{owner}/{repo}', {}, toRepository),
    getAuthenticatedUser: async () => {
      authenticatedUser ??= await get(ops.readUser, 'GET /user', {}, (data) =>
        toUser(parseRest(RestUser, data, 'user')),
      );
      return authenticatedUser;
    },
    listIssues: (o = {}) =>
      list(
        ops.readIssues,
        'GET /repos/{owner}/{repo}/issues',
        compact({
          since: o.since,
          state: o.state,
          sort: o.sort,
          direction: o.direction,
          labels: o.labels?.join(','),
        }),
        toIssue,
        o,
      ),
    getIssue: (issueNumber) =>
      get(
        ops.readIssues,
        'GET /repos/{owner}/{repo}/issues/{issue_number}',
        { issue_number: issueNumber },
        toIssue,
      ),
    listIssueComments: (issueNumber, o = {}) =>
      list(
        ops.readIssues,
        'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
        compact({ issue_number: issueNumber, since: o.since }),
        toIssueComment,
        o,
      ),
    listRepositoryComments: (o = {}) =>
      list(
        ops.readIssues,
        'GET /repos/{owner}/{repo}/issues/comments',
        compact({ since: o.since, sort: o.sort, direction: o.direction }),
        toIssueComment,
        o,
      ),
    listRepositoryReviewComments: (o = {}) =>
      list(
        ops.readPulls,
        'GET /repos/{owner}/{repo}/pulls/comments',
        compact({ since: o.since, sort: o.sort, direction: o.direction }),
        toReviewComment,
        o,
      ),
    listPullRequests: (o = {}) =>
      list(
        ops.readPulls,
        'GET /repos/{owner}/{repo}/pulls',
        compact({ state: o.state, head: o.head, base: o.base, sort: o.sort, direction: o.direction }),
        toPullRequest,
        o,
      ),
    getPullRequest: (pullNumber) =>
      get(
        ops.readPulls,
        'GET /repos/{owner}/{repo}/pulls/{pull_number}',
        { pull_number: pullNumber },
        toPullRequest,
      ),
    listPullRequestFiles: (pullNumber) =>
      list(
        ops.readPulls,
        'GET /repos/{owner}/{repo}/pulls/{pull_number}/files',
        { pull_number: pullNumber },
        toPullRequestFile,
      ),
    listReviews: (pullNumber) =>
      list(
        ops.readPulls,
        'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
        { pull_number: pullNumber },
        toReview,
      ),
    listReviewComments: (pullNumber) =>
      list(
        ops.readPulls,
        'GET /repos/{owner}/{repo}/pulls/{pull_number}/comments',
        { pull_number: pullNumber },
        toReviewComment,
      ),
    listCheckRuns: (ref) =>
      list(ops.readChecks, 'GET /repos/{owner}/{repo}/commits/{ref}/check-runs', { ref }, toCheckRun),
    getCombinedStatus: (ref) =>
      get(ops.readStatuses, 'GET /repos/{owner}/{repo}/commits/{ref}/status', { ref }, toCombinedStatus),
    getCollaboratorPermission: async (login) => {
      try {
        return await get(
          ops.readPermission,
          'GET /repos/{owner}/{repo}/collaborators/{username}/permission',
          { username: login },
          toPermission,
        );
      } catch (error) {
        // GitHub answers 404 for accounts that are not collaborators.
        if (error instanceof AppError && error.code === 'GITHUB_NOT_FOUND') return 'none';
        throw error;
      }
    },
    // One page, read without paginate: GitHub's search answer now carries `search_type` next to
    // `items`, which Octokit's paginate normalizer mistakes for the list and then fails on.
    searchIssues: (query, o = {}) =>
      get(ops.search, 'GET /search/issues', { q: query, per_page: o.perPage ?? 30 }, (data) =>
        parseRest(SearchResult, data, 'search result').items.map(toIssue),
      ),

    createIssueComment: ({ issueNumber, body }) =>
      send(ops.comment, 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        issue_number: issueNumber,
        body,
        ...noRetry,
      }).then(toIssueComment),
    updateIssueComment: ({ commentId, body }) =>
      send(ops.comment, 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
        comment_id: commentId,
        body,
      }).then(toIssueComment),
    createReview: ({ pullNumber, commitId, event, body, comments }) =>
      send(ops.review, 'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
        pull_number: pullNumber,
        ...compact({ commit_id: commitId, comments }),
        event,
        body,
        ...noRetry,
      }).then(toReview),
    createIssue: ({ title, body, labels }) =>
      send(ops.writeIssues, 'POST /repos/{owner}/{repo}/issues', {
        title,
        body,
        ...(labels && labels.length > 0 ? { labels } : {}),
        ...noRetry,
      }).then(toIssue),
    updateIssue: ({ issueNumber, ...fields }) =>
      send(ops.writeIssues, 'PATCH /repos/{owner}/{repo}/issues/{issue_number}', {
        issue_number: issueNumber,
        ...compact(fields),
      }).then(toIssue),
    addLabels: async ({ issueNumber, labels }) => {
      const data = await send(ops.writeIssues, 'POST /repos/{owner}/{repo}/issues/{issue_number}/labels', {
        issue_number: issueNumber,
        labels,
      });
      return (Array.isArray(data) ? data : []).map(toLabel);
    },
    removeLabel: async ({ issueNumber, label }) => {
      try {
        await send(ops.writeIssues, 'DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}', {
          issue_number: issueNumber,
          name: label,
        });
      } catch (error) {
        // 404 = the issue does not carry the label: already in the wanted state.
        if (!(error instanceof AppError && error.code === 'GITHUB_NOT_FOUND')) throw error;
      }
    },
    createPullRequest: ({ title, body, head, base: baseRef, draft }) =>
      send(ops.writePulls, 'POST /repos/{owner}/{repo}/pulls', {
        title,
        body,
        head,
        base: baseRef,
        draft: draft ?? false,
        ...noRetry,
      }).then(toPullRequest),
    updatePullRequest: ({ pullNumber, ...fields }) =>
      send(ops.writePulls, 'PATCH /repos/{owner}/{repo}/pulls/{pull_number}', {
        pull_number: pullNumber,
        ...compact(fields),
      }).then(toPullRequest),
    cacheStats: () => cache.stats(),
  };

  function send(operation: Operation, route: string, params: object): Promise<unknown> {
    return call(operation, async () => (await octokit.request(route, { ...base, ...params })).data);
  }
}

// Outermost hook: every GET (each pagination page too) becomes conditional on its cached ETag.
function installConditionalRequests(octokit: Octokit, cache: EtagCache): void {
  octokit.hook.wrap('request', (request, options) => {
    const parsed = octokit.request.endpoint.parse(options);
    const key = parsed.method === 'GET' ? `GET ${parsed.url}` : undefined;
    return cache.request(key, request, options);
  });
}

// Drops undefined values, which Octokit would otherwise send as empty query parameters.
function compact<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
