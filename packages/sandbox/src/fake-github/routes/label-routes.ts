import { ensureLabel } from '../model/issue-mutations.js';
import { paginate } from '../server/pagination.js';
import { notFound, type RouteDefinition, validationFailed } from '../server/route-types.js';
import { renderIssueEvent, renderLabel } from '../shapes/issue-shape.js';
import { requireIssue, stringField } from './route-helpers.js';

const base = '/repos/{owner}/{repo}';

/** Repository labels and the issue-event feeds (which, as on GitHub, have no `opened` event). */
export const labelRoutes: readonly RouteDefinition[] = [
  {
    method: 'GET',
    path: `${base}/labels`,
    handle: (context) => {
      const page = paginate(context, [...context.state.labels.values()]);
      return {
        status: 200,
        body: page.items.map((l) => renderLabel(context.state, l)),
        headers: page.headers,
      };
    },
  },
  {
    method: 'POST',
    path: `${base}/labels`,
    handle: (context) => {
      const name = stringField(context, 'name') ?? '';
      if (context.state.labels.has(name.toLowerCase())) {
        throw validationFailed([{ resource: 'Label', code: 'already_exists', field: 'name' }]);
      }
      const color = stringField(context, 'color');
      const description = stringField(context, 'description');
      const label = ensureLabel(context.state, name, {
        ...(color === undefined ? {} : { color: color.replace(/^#/, '') }),
        ...(description === undefined ? {} : { description }),
      });
      return { status: 201, body: renderLabel(context.state, label) };
    },
  },
  {
    method: 'GET',
    path: `${base}/labels/{name}`,
    handle: (context) => {
      const label = context.state.labels.get((context.params['name'] ?? '').toLowerCase());
      if (label === undefined) throw notFound();
      return { status: 200, body: renderLabel(context.state, label) };
    },
  },
  {
    method: 'GET',
    path: `${base}/issues/events`,
    handle: (context) => {
      const newestFirst = [...context.state.issueEvents].reverse();
      const page = paginate(context, newestFirst);
      return {
        status: 200,
        body: page.items.map((e) => renderIssueEvent(context.state, e)),
        headers: page.headers,
      };
    },
  },
  {
    method: 'GET',
    path: `${base}/issues/{issue_number}/events`,
    handle: (context) => {
      const issue = requireIssue(context);
      const events = context.state.issueEvents.filter((event) => event.issueNumber === issue.number);
      const page = paginate(context, events);
      const body = page.items.map((event) => {
        const { issue: _embedded, ...rest } = renderIssueEvent(context.state, event);
        return rest;
      });
      return { status: 200, body, headers: page.headers };
    },
  },
];
