import { isPull, type PullIssue } from '../model/model-records.js';
import { branchHeads, branchSha, pullDetail, pullShas } from '../model/pull-heads.js';
import { createPullRequest, patchPullRequest } from '../model/pull-mutations.js';
import { paginate } from '../server/pagination.js';
import {
  type RouteContext,
  type RouteDefinition,
  type RouteResult,
  validationFailed,
} from '../server/route-types.js';
import { renderCommit, renderFileChange } from '../shapes/commit-shape.js';
import { renderPullRequest } from '../shapes/pull-request-shape.js';
import { bodyOf, isDescending, requirePull, sortBy, stringField } from './route-helpers.js';

const base = '/repos/{owner}/{repo}/pulls';

/** Pull requests: list, open, read (with lazy mergeability), edit, files and commits. Never a merge. */
export const pullRoutes: readonly RouteDefinition[] = [
  { method: 'GET', path: base, handle: listPulls },
  { method: 'POST', path: base, handle: openPull },
  {
    method: 'GET',
    path: `${base}/{pull_number}`,
    handle: (c) => ({ status: 200, body: fullPull(c, requirePull(c)) }),
  },
  {
    method: 'PATCH',
    path: `${base}/{pull_number}`,
    handle: (context) => {
      const issue = requirePull(context);
      const body = bodyOf(context);
      const newBase = stringField(context, 'base');
      if (
        newBase !== undefined &&
        branchSha(context.state, branchHeads(context.state), newBase) === undefined
      ) {
        throw validationFailed([{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
      }
      const state = body['state'];
      patchPullRequest(
        context.state,
        issue,
        {
          ...(typeof body['title'] === 'string' ? { title: body['title'] } : {}),
          ...('body' in body ? { body: typeof body['body'] === 'string' ? body['body'] : null } : {}),
          ...(state === 'open' || state === 'closed' ? { state } : {}),
          ...(newBase === undefined ? {} : { base: newBase }),
          ...(typeof body['maintainer_can_modify'] === 'boolean'
            ? { maintainerCanModify: body['maintainer_can_modify'] }
            : {}),
        },
        context.login,
      );
      return { status: 200, body: fullPull(context, issue) };
    },
  },
  {
    method: 'GET',
    path: `${base}/{pull_number}/files`,
    handle: async (context) => {
      const issue = requirePull(context);
      const shas = pullShas(context.state, issue);
      const files = (await context.state.git?.changedFiles(shas.baseSha, shas.headSha)) ?? [];
      const page = paginate(context, files);
      const body = page.items.map((file) => renderFileChange(context.state, shas.headSha, file));
      return { status: 200, body, headers: page.headers };
    },
  },
  {
    method: 'GET',
    path: `${base}/{pull_number}/commits`,
    handle: async (context) => {
      const issue = requirePull(context);
      const shas = pullShas(context.state, issue);
      const commits = (await context.state.git?.commits(shas.baseSha, shas.headSha)) ?? [];
      const page = paginate(context, commits);
      return {
        status: 200,
        body: page.items.map((c) => renderCommit(context.state, c)),
        headers: page.headers,
      };
    },
  },
];

function fullPull(context: RouteContext, issue: PullIssue): unknown {
  const shas = pullShas(context.state, issue);
  return renderPullRequest(context.state, issue, shas, pullDetail(context.state, issue, shas, true));
}

function listPulls(context: RouteContext): RouteResult {
  const { query, state } = context;
  const wantedState = query['state'] ?? 'open';
  const head = query['head'];
  const headBranch = head?.includes(':') ? head.slice(head.indexOf(':') + 1) : head;
  const headOwner = head?.includes(':') ? head.slice(0, head.indexOf(':')) : undefined;
  const pulls = [...state.issues.values()]
    .filter(isPull)
    .filter(
      (issue) =>
        (wantedState === 'all' || issue.state === wantedState) &&
        (headBranch === undefined ||
          (issue.pull.headRef === headBranch && ownerMatches(context, headOwner))) &&
        (query['base'] === undefined || issue.pull.baseRef === query['base']),
    );
  const sort = query['sort'] ?? 'created';
  const key =
    sort === 'updated'
      ? (issue: PullIssue) => issue.updatedAt
      : sort === 'popularity'
        ? (issue: PullIssue) => state.issueComments.filter((c) => c.issueNumber === issue.number).length
        : (issue: PullIssue) => issue.createdAt;
  // GitHub: descending by default for `created`, ascending otherwise.
  const sorted = sortBy(
    pulls,
    key,
    (issue) => issue.number,
    isDescending(context, sort === 'created' ? 'desc' : 'asc'),
  );
  const page = paginate(context, sorted);
  const heads = branchHeads(state);
  const body = page.items.map((issue) => renderPullRequest(state, issue, pullShas(state, issue, heads)));
  return { status: 200, body, headers: page.headers };
}

function ownerMatches(context: RouteContext, owner: string | undefined): boolean {
  return owner === undefined || owner.toLowerCase() === context.state.owner.toLowerCase();
}

function openPull(context: RouteContext): RouteResult {
  const { state } = context;
  const body = bodyOf(context);
  const rawHead = stringField(context, 'head') ?? '';
  const head = rawHead.includes(':') ? rawHead.slice(rawHead.indexOf(':') + 1) : rawHead;
  const baseRef = stringField(context, 'base') ?? '';
  if (body['issue'] !== undefined) {
    throw validationFailed([
      { resource: 'PullRequest', field: 'issue', code: 'custom', message: 'not supported by the fake' },
    ]);
  }
  const heads = branchHeads(state);
  const headSha = branchSha(state, heads, head);
  const baseSha = branchSha(state, heads, baseRef);
  const owner = rawHead.includes(':') ? rawHead.slice(0, rawHead.indexOf(':')) : undefined;
  if (headSha === undefined || !ownerMatches(context, owner)) {
    throw validationFailed([{ resource: 'PullRequest', field: 'head', code: 'invalid' }]);
  }
  if (baseSha === undefined)
    throw validationFailed([{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
  const duplicate = [...state.issues.values()]
    .filter(isPull)
    .find((issue) => issue.state === 'open' && issue.pull.headRef === head && issue.pull.baseRef === baseRef);
  if (duplicate !== undefined) {
    const message = `A pull request already exists for ${state.owner}:${head}.`;
    throw validationFailed([{ resource: 'PullRequest', code: 'custom', message }]);
  }
  if (state.git !== undefined && state.git.statsSync(baseSha, headSha).commits === 0) {
    throw validationFailed([
      { resource: 'PullRequest', code: 'custom', message: `No commits between ${baseRef} and ${head}` },
    ]);
  }
  const issue = createPullRequest(state, {
    title: stringField(context, 'title') ?? '',
    body: stringField(context, 'body') ?? null,
    head,
    base: baseRef,
    user: context.login,
    draft: body['draft'] === true,
  });
  if (body['maintainer_can_modify'] === false) issue.pull.maintainerCanModify = false;
  return { status: 201, body: fullPull(context, issue) };
}
