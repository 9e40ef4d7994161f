import type { PullIssue } from '../model/model-records.js';
import type { ModelState } from '../model/model-state.js';
import type { PullDetail, PullShas } from '../model/pull-heads.js';
import { renderIssueLabels } from './issue-shape.js';
import { renderRepository } from './repository-shape.js';
import {
  authorAssociation,
  iso,
  isoOrNull,
  type JsonObject,
  nodeId,
  repoApiUrl,
  repoWebUrl,
} from './shape-helpers.js';
import { renderUser } from './user-shape.js';

/**
 * A pull request. Without `detail` this is the list shape (`pull-request-simple`); with it, the
 * single-PR shape with mergeability and change counts.
 */
export function renderPullRequest(
  state: ModelState,
  issue: PullIssue,
  shas: PullShas,
  detail?: PullDetail,
): JsonObject {
  const { pull } = issue;
  const url = repoApiUrl(state, `/pulls/${issue.number}`);
  const web = repoWebUrl(state, `/pull/${issue.number}`);
  const issueUrl = repoApiUrl(state, `/issues/${issue.number}`);
  const statusesUrl = repoApiUrl(state, `/statuses/${shas.headSha}`);
  const assignees = issue.assignees.map((login) => renderUser(state, login));
  const repository = renderRepository(state);
  const owner = renderUser(state, state.owner);
  const side = (ref: string, sha: string): JsonObject => ({
    label: `${state.owner}:${ref}`,
    ref,
    sha,
    user: owner,
    repo: repository,
  });
  const rendered: JsonObject = {
    url,
    id: pull.id,
    node_id: nodeId('PullRequest', pull.id),
    html_url: web,
    diff_url: `${web}.diff`,
    patch_url: `${web}.patch`,
    issue_url: issueUrl,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: repoApiUrl(state, '/pulls/comments{/number}'),
    comments_url: `${issueUrl}/comments`,
    statuses_url: statusesUrl,
    number: issue.number,
    state: issue.state,
    locked: issue.locked,
    title: issue.title,
    user: renderUser(state, issue.author),
    body: issue.body,
    labels: renderIssueLabels(state, issue),
    milestone: null,
    active_lock_reason: null,
    created_at: iso(issue.createdAt),
    updated_at: iso(issue.updatedAt),
    closed_at: isoOrNull(issue.closedAt),
    merged_at: null,
    merge_commit_sha: null,
    assignee: assignees[0] ?? null,
    assignees,
    requested_reviewers: [],
    requested_teams: [],
    head: side(pull.headRef, shas.headSha),
    base: side(pull.baseRef, shas.baseSha),
    _links: {
      self: { href: url },
      html: { href: web },
      issue: { href: issueUrl },
      comments: { href: `${issueUrl}/comments` },
      review_comments: { href: `${url}/comments` },
      review_comment: { href: repoApiUrl(state, '/pulls/comments{/number}') },
      commits: { href: `${url}/commits` },
      statuses: { href: statusesUrl },
    },
    author_association: authorAssociation(state, issue.author),
    auto_merge: null,
    draft: pull.draft,
  };
  if (detail === undefined) return rendered;
  return {
    ...rendered,
    merged: false,
    mergeable: detail.mergeable,
    rebaseable: detail.mergeable,
    mergeable_state: detail.mergeableState,
    merged_by: null,
    comments: state.issueComments.filter((comment) => comment.issueNumber === issue.number).length,
    review_comments: state.reviewComments.filter((comment) => comment.pullNumber === issue.number).length,
    maintainer_can_modify: pull.maintainerCanModify,
    commits: detail.stats.commits,
    additions: detail.stats.additions,
    deletions: detail.stats.deletions,
    changed_files: detail.stats.changedFiles,
  };
}
