import type { IssueRecord } from '../model/model-records.js';
import { matchesSearch, parseSearchQuery } from '../model/search-query.js';
import { paginate } from '../server/pagination.js';
import type { RouteDefinition } from '../server/route-types.js';
import { renderIssue } from '../shapes/issue-shape.js';
import { sortBy } from './route-helpers.js';

/** `GET /search/issues` over the served repository (see parseSearchQuery for the syntax). */
export const searchRoutes: readonly RouteDefinition[] = [
  {
    method: 'GET',
    path: '/search/issues',
    handle: (context) => {
      const { state, query } = context;
      const parsed = parseSearchQuery(query['q'] ?? '');
      const fullName = `${state.owner}/${state.repo}`;
      const found = [...state.issues.values()].filter((issue) => matchesSearch(parsed, issue, fullName));
      const comments = (issue: IssueRecord): number =>
        state.issueComments.filter((comment) => comment.issueNumber === issue.number).length;
      const sort = query['sort'];
      const key =
        sort === 'comments'
          ? comments
          : sort === 'created'
            ? (issue: IssueRecord) => issue.createdAt
            : (issue: IssueRecord) => issue.updatedAt;
      // Without `sort` GitHub ranks by relevance; the fake treats every hit alike, newest activity first.
      const sorted = sortBy(found, key, (issue) => issue.number, (query['order'] ?? 'desc') === 'desc');
      const page = paginate(context, sorted);
      const items = page.items.map((issue) => ({ ...renderIssue(state, issue), score: 1 }));
      return {
        status: 200,
        body: { total_count: found.length, incomplete_results: false, search_type: 'lexical', items },
        headers: page.headers,
      };
    },
  },
];
