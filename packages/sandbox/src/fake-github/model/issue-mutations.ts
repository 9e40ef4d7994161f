import type { AddIssueCommentInput, AddIssueInput, IssuePatch } from './model-inputs.js';
import type {
  IssueCommentRecord,
  IssueEventRecord,
  IssueRecord,
  LabelRecord,
  PullRecord,
} from './model-records.js';
import type { ModelState } from './model-state.js';

/** The author used when a builder is not told who wrote something. */
export const defaultAuthor = 'octocat';

/** Returns the label named `name` (case-insensitive), creating it as GitHub does when applied. */
export function ensureLabel(
  state: ModelState,
  name: string,
  details: { readonly color?: string; readonly description?: string | null } = {},
): LabelRecord {
  const existing = state.labels.get(name.toLowerCase());
  if (existing !== undefined) return existing;
  const label: LabelRecord = {
    id: state.nextId(),
    name,
    color: details.color ?? 'ededed',
    description: details.description ?? null,
  };
  state.labels.set(name.toLowerCase(), label);
  return label;
}

/** Stores a new issue (or the issue half of a pull request) numbered after the last one. */
export function createIssue(state: ModelState, input: AddIssueInput, pull?: PullRecord): IssueRecord {
  const now = state.now();
  const author = state.ensureUser(input.user ?? defaultAuthor).login;
  const issue: IssueRecord = {
    number: state.nextNumber(),
    id: state.nextId(),
    title: input.title,
    body: input.body ?? null,
    author,
    labels: uniqueLabels(state, input.labels ?? []),
    assignees: (input.assignees ?? []).map((login) => state.ensureUser(login).login),
    state: 'open',
    stateReason: null,
    locked: false,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    closedBy: null,
    pull,
  };
  state.issues.set(issue.number, issue);
  if (input.state === 'closed') patchIssue(state, issue, { state: 'closed' }, author);
  return issue;
}

/** Applies an edit the way GitHub does: state changes set closed_* and log events; all bump updated_at. */
export function patchIssue(state: ModelState, issue: IssueRecord, patch: IssuePatch, actor: string): void {
  const now = state.now();
  if (patch.title !== undefined && patch.title !== issue.title) {
    issue.title = patch.title;
    recordEvent(state, issue, actor, 'renamed');
  }
  if (patch.body !== undefined) issue.body = patch.body;
  if (patch.assignees !== undefined) issue.assignees = patch.assignees.map((l) => state.ensureUser(l).login);
  if (patch.labels !== undefined) setIssueLabels(state, issue, patch.labels, actor);
  if (patch.state === 'closed' && issue.state === 'open') {
    issue.state = 'closed';
    issue.closedAt = now;
    issue.closedBy = state.ensureUser(actor).login;
    issue.stateReason = issue.pull === undefined ? (patch.stateReason ?? 'completed') : null;
    recordEvent(state, issue, actor, 'closed');
  } else if (patch.state === 'open' && issue.state === 'closed') {
    issue.state = 'open';
    issue.closedAt = null;
    issue.closedBy = null;
    issue.stateReason = issue.pull === undefined ? 'reopened' : null;
    recordEvent(state, issue, actor, 'reopened');
  } else if (patch.stateReason !== undefined && issue.pull === undefined) {
    issue.stateReason = patch.stateReason;
  }
  issue.updatedAt = now;
}

/** Adds labels (creating unknown ones); each newly applied label logs a `labeled` event. */
export function addIssueLabels(
  state: ModelState,
  issue: IssueRecord,
  names: readonly string[],
  actor: string,
): void {
  for (const name of uniqueLabels(state, names)) {
    if (issue.labels.some((label) => label.toLowerCase() === name.toLowerCase())) continue;
    issue.labels.push(name);
    recordEvent(state, issue, actor, 'labeled', name);
  }
  issue.updatedAt = state.now();
}

/** Removes one label; false when the issue did not carry it (GitHub answers 404 then). */
export function removeIssueLabel(
  state: ModelState,
  issue: IssueRecord,
  name: string,
  actor: string,
): boolean {
  const index = issue.labels.findIndex((label) => label.toLowerCase() === name.toLowerCase());
  if (index === -1) return false;
  const [removed] = issue.labels.splice(index, 1);
  recordEvent(state, issue, actor, 'unlabeled', removed);
  issue.updatedAt = state.now();
  return true;
}

/** Stores a comment; commenting bumps the issue's updated_at, as on GitHub. */
export function createIssueComment(
  state: ModelState,
  issue: IssueRecord,
  input: AddIssueCommentInput,
): IssueCommentRecord {
  const now = state.now();
  const comment: IssueCommentRecord = {
    id: state.nextId(),
    issueNumber: issue.number,
    author: state.ensureUser(input.user ?? defaultAuthor).login,
    body: input.body,
    createdAt: now,
    updatedAt: now,
  };
  state.issueComments.push(comment);
  issue.updatedAt = now;
  return comment;
}

/** Edits a comment's body; bumps the comment's and the issue's updated_at. */
export function editIssueComment(state: ModelState, comment: IssueCommentRecord, body: string): void {
  const now = state.now();
  comment.body = body;
  comment.updatedAt = now;
  const issue = state.issues.get(comment.issueNumber);
  if (issue !== undefined) issue.updatedAt = now;
}

/** Appends to the repository's issue-event feed. */
export function recordEvent(
  state: ModelState,
  issue: IssueRecord,
  actor: string,
  event: IssueEventRecord['event'],
  label?: string,
): void {
  state.issueEvents.push({
    id: state.nextId(),
    issueNumber: issue.number,
    actor: state.ensureUser(actor).login,
    event,
    label,
    createdAt: state.now(),
  });
}

function setIssueLabels(
  state: ModelState,
  issue: IssueRecord,
  names: readonly string[],
  actor: string,
): void {
  const wanted = uniqueLabels(state, names);
  for (const current of [...issue.labels]) {
    if (!wanted.some((name) => name.toLowerCase() === current.toLowerCase())) {
      removeIssueLabel(state, issue, current, actor);
    }
  }
  addIssueLabels(state, issue, wanted, actor);
}

function uniqueLabels(state: ModelState, names: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const name of names) {
    const label = ensureLabel(state, name);
    if (seen.has(label.name.toLowerCase())) continue;
    seen.add(label.name.toLowerCase());
    result.push(label.name);
  }
  return result;
}
