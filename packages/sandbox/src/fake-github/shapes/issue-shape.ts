import type {
  IssueCommentRecord,
  IssueEventRecord,
  IssueRecord,
  LabelRecord,
} from '../model/model-records.js';
import type { ModelState } from '../model/model-state.js';
import {
  authorAssociation,
  emptyReactions,
  iso,
  isoOrNull,
  type JsonObject,
  nodeId,
  repoApiUrl,
  repoWebUrl,
} from './shape-helpers.js';
import { renderUser } from './user-shape.js';

/** A repository label. */
export function renderLabel(state: ModelState, label: LabelRecord): JsonObject {
  return {
    id: label.id,
    node_id: nodeId('Label', label.id),
    url: repoApiUrl(state, `/labels/${encodeURIComponent(label.name)}`),
    name: label.name,
    color: label.color,
    description: label.description,
    default: false,
  };
}

/** The labels of an issue, in the order they were applied. */
export function renderIssueLabels(state: ModelState, issue: IssueRecord): JsonObject[] {
  return issue.labels.flatMap((name) => {
    const label = state.labels.get(name.toLowerCase());
    return label === undefined ? [] : [renderLabel(state, label)];
  });
}

/** An issue; a pull request listed as an issue carries `pull_request` and `draft`, as on GitHub. */
export function renderIssue(state: ModelState, issue: IssueRecord): JsonObject {
  const url = repoApiUrl(state, `/issues/${issue.number}`);
  const assignees = issue.assignees.map((login) => renderUser(state, login));
  const comments = state.issueComments.filter((comment) => comment.issueNumber === issue.number).length;
  const rendered: JsonObject = {
    url,
    repository_url: repoApiUrl(state),
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: repoWebUrl(state, `/${issue.pull === undefined ? 'issues' : 'pull'}/${issue.number}`),
    id: issue.id,
    node_id: nodeId('Issue', issue.id),
    number: issue.number,
    title: issue.title,
    user: renderUser(state, issue.author),
    labels: renderIssueLabels(state, issue),
    state: issue.state,
    locked: issue.locked,
    assignee: assignees[0] ?? null,
    assignees,
    milestone: null,
    comments,
    created_at: iso(issue.createdAt),
    updated_at: iso(issue.updatedAt),
    closed_at: isoOrNull(issue.closedAt),
    closed_by: issue.closedBy === null ? null : renderUser(state, issue.closedBy),
    author_association: authorAssociation(state, issue.author),
    active_lock_reason: null,
    body: issue.body,
    reactions: emptyReactions(url),
    timeline_url: `${url}/timeline`,
    performed_via_github_app: null,
    state_reason: issue.stateReason,
  };
  if (issue.pull !== undefined) {
    const web = repoWebUrl(state, `/pull/${issue.number}`);
    rendered['draft'] = issue.pull.draft;
    rendered['pull_request'] = {
      url: repoApiUrl(state, `/pulls/${issue.number}`),
      html_url: web,
      diff_url: `${web}.diff`,
      patch_url: `${web}.patch`,
      merged_at: null,
    };
  }
  return rendered;
}

/** A comment in an issue's conversation. */
export function renderIssueComment(state: ModelState, comment: IssueCommentRecord): JsonObject {
  const url = repoApiUrl(state, `/issues/comments/${comment.id}`);
  const issue = state.issues.get(comment.issueNumber);
  const kind = issue?.pull === undefined ? 'issues' : 'pull';
  return {
    id: comment.id,
    node_id: nodeId('IssueComment', comment.id),
    url,
    html_url: repoWebUrl(state, `/${kind}/${comment.issueNumber}#issuecomment-${comment.id}`),
    body: comment.body,
    user: renderUser(state, comment.author),
    created_at: iso(comment.createdAt),
    updated_at: iso(comment.updatedAt),
    issue_url: repoApiUrl(state, `/issues/${comment.issueNumber}`),
    author_association: authorAssociation(state, comment.author),
    performed_via_github_app: null,
    reactions: emptyReactions(url),
  };
}

/** An entry of the repository's issue-event feed, with the issue embedded as GitHub does. */
export function renderIssueEvent(state: ModelState, event: IssueEventRecord): JsonObject {
  const issue = state.issues.get(event.issueNumber);
  const label = event.label === undefined ? undefined : state.labels.get(event.label.toLowerCase());
  const rendered: JsonObject = {
    id: event.id,
    node_id: nodeId('IssueEvent', event.id),
    url: repoApiUrl(state, `/issues/events/${event.id}`),
    actor: renderUser(state, event.actor),
    event: event.event,
    commit_id: null,
    commit_url: null,
    created_at: iso(event.createdAt),
    performed_via_github_app: null,
  };
  if (issue !== undefined) rendered['issue'] = renderIssue(state, issue);
  if (event.label !== undefined) {
    rendered['label'] = { name: event.label, color: label?.color ?? 'ededed' };
  }
  return rendered;
}
