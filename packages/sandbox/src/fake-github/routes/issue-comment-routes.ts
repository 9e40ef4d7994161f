import { createIssueComment, editIssueComment } from '../model/issue-mutations.js';
import type { IssueCommentRecord } from '../model/model-records.js';
import { paginate } from '../server/pagination.js';
import {
  notFound,
  type RouteContext,
  type RouteDefinition,
  type RouteResult,
} from '../server/route-types.js';
import { renderIssueComment } from '../shapes/issue-shape.js';
import {
  intParam,
  isDescending,
  requireIssue,
  sinceOf,
  sortBy,
  stringField,
  updatedSince,
} from './route-helpers.js';

const base = '/repos/{owner}/{repo}/issues';

/** Issue comments: per issue (oldest first) and repository-wide (sort/direction/since). */
export const issueCommentRoutes: readonly RouteDefinition[] = [
  {
    method: 'GET',
    path: `${base}/{issue_number}/comments`,
    handle: (context) => {
      const issue = requireIssue(context);
      const since = sinceOf(context);
      const comments = context.state.issueComments.filter(
        (comment) => comment.issueNumber === issue.number && updatedSince(comment.updatedAt, since),
      );
      return respondWith(context, comments);
    },
  },
  {
    method: 'POST',
    path: `${base}/{issue_number}/comments`,
    handle: (context) => {
      const issue = requireIssue(context);
      const comment = createIssueComment(context.state, issue, {
        body: stringField(context, 'body') ?? '',
        user: context.login,
      });
      return { status: 201, body: renderIssueComment(context.state, comment) };
    },
  },
  {
    method: 'GET',
    path: `${base}/comments`,
    handle: (context) => {
      const since = sinceOf(context);
      const matching = context.state.issueComments.filter((comment) =>
        updatedSince(comment.updatedAt, since),
      );
      // Without `sort` GitHub ignores `direction` and returns oldest first.
      const sort = context.query['sort'];
      const descending = sort === undefined ? false : isDescending(context, 'desc');
      const key =
        sort === 'updated' ? (c: IssueCommentRecord) => c.updatedAt : (c: IssueCommentRecord) => c.createdAt;
      return respondWith(
        context,
        sortBy(matching, key, (c) => c.id, descending),
      );
    },
  },
  {
    method: 'GET',
    path: `${base}/comments/{comment_id}`,
    handle: (context) => ({ status: 200, body: renderIssueComment(context.state, requireComment(context)) }),
  },
  {
    method: 'PATCH',
    path: `${base}/comments/{comment_id}`,
    handle: (context) => {
      const comment = requireComment(context);
      editIssueComment(context.state, comment, stringField(context, 'body') ?? comment.body);
      return { status: 200, body: renderIssueComment(context.state, comment) };
    },
  },
];

function requireComment(context: RouteContext): IssueCommentRecord {
  const id = intParam(context, 'comment_id');
  const comment = context.state.issueComments.find((candidate) => candidate.id === id);
  if (comment === undefined) throw notFound();
  return comment;
}

function respondWith(context: RouteContext, comments: readonly IssueCommentRecord[]): RouteResult {
  const page = paginate(context, comments);
  return {
    status: 200,
    body: page.items.map((comment) => renderIssueComment(context.state, comment)),
    headers: page.headers,
  };
}
