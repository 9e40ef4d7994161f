import { type CheckRunRecord, type CommitStatusRecord, isPull } from '../model/model-records.js';
import type { ModelState } from '../model/model-state.js';
import { branchHeads, pullShas } from '../model/pull-heads.js';
import { iso, isoOrNull, type JsonObject, nodeId, repoApiUrl, repoWebUrl } from './shape-helpers.js';
import { renderUser } from './user-shape.js';

/** A check run; `pull_requests` lists the open PRs whose head is the run's commit. */
export function renderCheckRun(
  state: ModelState,
  run: CheckRunRecord,
  heads: ReadonlyMap<string, string> = branchHeads(state),
): JsonObject {
  const url = repoApiUrl(state, `/check-runs/${run.id}`);
  const repo = { id: state.repositoryId, url: repoApiUrl(state), name: state.repo };
  const pullRequests = [...state.issues.values()].flatMap((issue) => {
    if (!isPull(issue) || issue.state !== 'open') return [];
    const shas = pullShas(state, issue, heads);
    if (shas.headSha !== run.headSha) return [];
    return [
      {
        url: repoApiUrl(state, `/pulls/${issue.number}`),
        id: issue.pull.id,
        number: issue.number,
        head: { ref: issue.pull.headRef, sha: shas.headSha, repo },
        base: { ref: issue.pull.baseRef, sha: shas.baseSha, repo },
      },
    ];
  });
  return {
    id: run.id,
    head_sha: run.headSha,
    node_id: nodeId('CheckRun', run.id),
    external_id: run.externalId,
    url,
    html_url: repoWebUrl(state, `/runs/${run.id}`),
    details_url: run.detailsUrl,
    status: run.status,
    conclusion: run.conclusion,
    started_at: iso(run.startedAt),
    completed_at: isoOrNull(run.completedAt),
    output: {
      title: run.output.title,
      summary: run.output.summary,
      text: run.output.text,
      annotations_count: 0,
      annotations_url: `${url}/annotations`,
    },
    name: run.name,
    check_suite: { id: run.id + 500_000 },
    app: null,
    pull_requests: pullRequests,
  };
}

/** A commit status. */
export function renderCommitStatus(state: ModelState, status: CommitStatusRecord): JsonObject {
  const creator = renderUser(state, status.creator);
  return {
    url: repoApiUrl(state, `/statuses/${status.sha}`),
    avatar_url: creator['avatar_url'],
    id: status.id,
    node_id: nodeId('StatusContext', status.id),
    state: status.state,
    description: status.description,
    target_url: status.targetUrl,
    context: status.context,
    created_at: iso(status.createdAt),
    updated_at: iso(status.createdAt),
    creator,
  };
}

/** The newest status per context, newest first: what GitHub's combined status reports. */
export function latestStatuses(state: ModelState, sha: string): CommitStatusRecord[] {
  const latest = new Map<string, CommitStatusRecord>();
  for (const status of state.statuses) {
    if (status.sha === sha) latest.set(status.context, status);
  }
  return [...latest.values()].sort((a, b) => b.id - a.id);
}

/** GitHub's rule: failure if any context errored or failed, pending if any is pending or none exist. */
export function combinedState(statuses: readonly CommitStatusRecord[]): 'failure' | 'pending' | 'success' {
  if (statuses.some((status) => status.state === 'error' || status.state === 'failure')) return 'failure';
  if (statuses.length === 0 || statuses.some((status) => status.state === 'pending')) return 'pending';
  return 'success';
}
