import { addIssueLabels, createIssue, patchIssue, removeIssueLabel } from '../model/issue-mutations.js';
import type { IssuePatch } from '../model/model-inputs.js';
import type { IssueRecord } from '../model/model-records.js';
import { paginate } from '../server/pagination.js';
import {
  errorBody,
  GitHubHttpError,
  type RouteContext,
  type RouteDefinition,
  type RouteResult,
} from '../server/route-types.js';
import { renderIssue, renderIssueLabels } from '../shapes/issue-shape.js';
import {
  bodyOf,
  isDescending,
  labelNames,
  requireIssue,
  sinceOf,
  sortBy,
  stringField,
  updatedSince,
} from './route-helpers.js';

const base = '/repos/{owner}/{repo}/issues';

/** Issues: list (PRs included, as on GitHub), create, read, edit, and labels on an issue. */
export const issueRoutes: readonly RouteDefinition[] = [
  { method: 'GET', path: base, handle: listIssues },
  {
    method: 'POST',
    path: base,
    handle: (context) => {
      const body = bodyOf(context);
      const title = body['title'];
      const input = {
        title: typeof title === 'number' ? String(title) : String(title ?? ''),
        body: stringField(context, 'body') ?? null,
        user: context.login,
        labels: labelNames(body['labels']),
        assignees: assigneesOf(body),
      };
      return { status: 201, body: renderIssue(context.state, createIssue(context.state, input)) };
    },
  },
  {
    method: 'GET',
    path: `${base}/{issue_number}`,
    handle: (c) => ({ status: 200, body: renderIssue(c.state, requireIssue(c)) }),
  },
  {
    method: 'PATCH',
    path: `${base}/{issue_number}`,
    handle: (context) => {
      const issue = requireIssue(context);
      patchIssue(context.state, issue, issuePatchOf(context), context.login);
      return { status: 200, body: renderIssue(context.state, issue) };
    },
  },
  {
    method: 'GET',
    path: `${base}/{issue_number}/labels`,
    handle: (context) => {
      const page = paginate(context, renderIssueLabels(context.state, requireIssue(context)));
      return { status: 200, body: page.items, headers: page.headers };
    },
  },
  { method: 'POST', path: `${base}/{issue_number}/labels`, handle: (c) => changeLabels(c, false) },
  { method: 'PUT', path: `${base}/{issue_number}/labels`, handle: (c) => changeLabels(c, true) },
  {
    method: 'DELETE',
    path: `${base}/{issue_number}/labels/{name}`,
    handle: (context) => {
      const issue = requireIssue(context);
      if (!removeIssueLabel(context.state, issue, context.params['name'] ?? '', context.login)) {
        throw new GitHubHttpError(404, errorBody(404, 'Label does not exist'));
      }
      return { status: 200, body: renderIssueLabels(context.state, issue) };
    },
  },
];

function listIssues(context: RouteContext): RouteResult {
  const { query } = context;
  const wantedState = query['state'] ?? 'open';
  const wantedLabels = (query['labels'] ?? '')
    .split(',')
    .map((l) => l.trim().toLowerCase())
    .filter(Boolean);
  const since = sinceOf(context);
  const matches = (issue: IssueRecord): boolean =>
    (wantedState === 'all' || issue.state === wantedState) &&
    wantedLabels.every((label) => issue.labels.some((name) => name.toLowerCase() === label)) &&
    (query['creator'] === undefined || issue.author.toLowerCase() === query['creator'].toLowerCase()) &&
    assigneeMatches(issue, query['assignee']) &&
    updatedSince(issue.updatedAt, since);
  const commentCount = (issue: IssueRecord): number =>
    context.state.issueComments.filter((comment) => comment.issueNumber === issue.number).length;
  const sort = query['sort'] ?? 'created';
  const key =
    sort === 'updated'
      ? (issue: IssueRecord) => issue.updatedAt
      : sort === 'comments'
        ? commentCount
        : (issue: IssueRecord) => issue.createdAt;
  const sorted = sortBy(
    [...context.state.issues.values()].filter(matches),
    key,
    (i) => i.number,
    isDescending(context, 'desc'),
  );
  const page = paginate(context, sorted);
  return {
    status: 200,
    body: page.items.map((issue) => renderIssue(context.state, issue)),
    headers: page.headers,
  };
}

function assigneeMatches(issue: IssueRecord, wanted: string | undefined): boolean {
  if (wanted === undefined) return true;
  if (wanted === 'none') return issue.assignees.length === 0;
  if (wanted === '*') return issue.assignees.length > 0;
  return issue.assignees.some((login) => login.toLowerCase() === wanted.toLowerCase());
}

function assigneesOf(body: Readonly<Record<string, unknown>>): string[] {
  const list = Array.isArray(body['assignees']) ? body['assignees'].filter((a) => typeof a === 'string') : [];
  return typeof body['assignee'] === 'string' ? [body['assignee'], ...list] : list;
}

function issuePatchOf(context: RouteContext): IssuePatch {
  const body = bodyOf(context);
  const title = body['title'];
  const state = body['state'];
  const reason = body['state_reason'];
  return {
    ...(title === undefined || title === null ? {} : { title: String(title) }),
    ...('body' in body ? { body: typeof body['body'] === 'string' ? body['body'] : null } : {}),
    ...(state === 'open' || state === 'closed' ? { state } : {}),
    ...(reason === 'completed' || reason === 'not_planned' || reason === 'reopened' || reason === 'duplicate'
      ? { stateReason: reason }
      : {}),
    ...('labels' in body ? { labels: labelNames(body['labels']) } : {}),
    ...('assignees' in body || 'assignee' in body ? { assignees: assigneesOf(body) } : {}),
  };
}

function changeLabels(context: RouteContext, replace: boolean): RouteResult {
  const issue = requireIssue(context);
  const body = context.body;
  const names = Array.isArray(body) ? labelNames(body) : labelNames(bodyOf(context)['labels']);
  if (replace) patchIssue(context.state, issue, { labels: names }, context.login);
  else addIssueLabels(context.state, issue, names, context.login);
  return { status: 200, body: renderIssueLabels(context.state, issue) };
}
