import { resolveCommitRef } from '../model/commit-refs.js';
import type {
  CheckRunConclusion,
  CheckRunOutput,
  CheckRunRecord,
  CheckRunStatus,
  CommitStatusState,
} from '../model/model-records.js';
import { branchHeads } from '../model/pull-heads.js';
import { paginate } from '../server/pagination.js';
import {
  notFound,
  type RouteContext,
  type RouteDefinition,
  validationFailed,
} from '../server/route-types.js';
import { combinedState, latestStatuses, renderCheckRun, renderCommitStatus } from '../shapes/check-shape.js';
import { renderRepository } from '../shapes/repository-shape.js';
import { repoApiUrl } from '../shapes/shape-helpers.js';
import { bodyOf, intParam, stringField } from './route-helpers.js';

const base = '/repos/{owner}/{repo}';

/** Check runs and commit statuses: the two CI signals a PR's head commit carries. */
export const checkRoutes: readonly RouteDefinition[] = [
  {
    method: 'GET',
    path: `${base}/commits/{ref}/check-runs`,
    handle: (context) => {
      const sha = requireSha(context);
      const { query } = context;
      let runs = context.state.checkRuns.filter((run) => run.headSha === sha).reverse();
      if (query['check_name'] !== undefined) runs = runs.filter((run) => run.name === query['check_name']);
      if (query['status'] !== undefined) runs = runs.filter((run) => run.status === query['status']);
      // `filter=latest` (the default) keeps the newest run per name, as GitHub does.
      if ((query['filter'] ?? 'latest') === 'latest') runs = newestPerName(runs);
      const page = paginate(context, runs);
      const heads = branchHeads(context.state);
      const body = {
        total_count: runs.length,
        check_runs: page.items.map((run) => renderCheckRun(context.state, run, heads)),
      };
      return { status: 200, body, headers: page.headers };
    },
  },
  {
    method: 'POST',
    path: `${base}/check-runs`,
    handle: (context) => {
      const conclusion = stringField(context, 'conclusion') as CheckRunConclusion | undefined;
      const status = (
        conclusion === undefined ? (stringField(context, 'status') ?? 'queued') : 'completed'
      ) as CheckRunStatus;
      const detailsUrl = stringField(context, 'details_url');
      const externalId = stringField(context, 'external_id');
      const run = context.model.addCheckRun(stringField(context, 'head_sha') ?? '', {
        name: stringField(context, 'name') ?? '',
        status,
        ...(conclusion === undefined ? {} : { conclusion }),
        output: outputOf(context),
        ...(detailsUrl === undefined ? {} : { detailsUrl }),
        ...(externalId === undefined ? {} : { externalId }),
      });
      return { status: 201, body: run };
    },
  },
  {
    method: 'GET',
    path: `${base}/check-runs/{check_run_id}`,
    handle: (context) => ({ status: 200, body: context.model.checkRun(requireCheckRunId(context)) }),
  },
  {
    method: 'PATCH',
    path: `${base}/check-runs/{check_run_id}`,
    handle: (context) => {
      const id = requireCheckRunId(context);
      const conclusion = stringField(context, 'conclusion') as CheckRunConclusion | undefined;
      const status = stringField(context, 'status') as CheckRunStatus | undefined;
      const output = outputOf(context);
      const run = context.model.updateCheckRun(id, {
        ...(status === undefined ? {} : { status }),
        ...(conclusion === undefined ? {} : { conclusion }),
        ...(bodyOf(context)['output'] === undefined ? {} : { output }),
      });
      return { status: 200, body: run };
    },
  },
  {
    method: 'GET',
    path: `${base}/commits/{ref}/status`,
    handle: (context) => {
      const sha = requireSha(context);
      const statuses = latestStatuses(context.state, sha);
      const repository = renderRepository(context.state);
      return {
        status: 200,
        body: {
          state: combinedState(statuses),
          statuses: statuses.map((status) => {
            const { creator: _creator, ...simple } = renderCommitStatus(context.state, status);
            return simple;
          }),
          sha,
          total_count: statuses.length,
          repository,
          commit_url: repoApiUrl(context.state, `/commits/${sha}`),
          url: repoApiUrl(context.state, `/commits/${sha}/status`),
        },
      };
    },
  },
  {
    method: 'GET',
    path: `${base}/commits/{ref}/statuses`,
    handle: (context) => {
      const sha = requireSha(context);
      const statuses = context.state.statuses.filter((status) => status.sha === sha).reverse();
      const page = paginate(context, statuses);
      return {
        status: 200,
        body: page.items.map((s) => renderCommitStatus(context.state, s)),
        headers: page.headers,
      };
    },
  },
  {
    method: 'POST',
    path: `${base}/statuses/{sha}`,
    handle: (context) => {
      const description = stringField(context, 'description');
      const targetUrl = stringField(context, 'target_url');
      const status = context.model.addCommitStatus(context.params['sha'] ?? '', {
        context: stringField(context, 'context') ?? 'default',
        state: (stringField(context, 'state') ?? 'pending') as CommitStatusState,
        creator: context.login,
        ...(description === undefined ? {} : { description }),
        ...(targetUrl === undefined ? {} : { targetUrl }),
      });
      return { status: 201, body: status };
    },
  },
];

function requireCheckRunId(context: RouteContext): number {
  const id = intParam(context, 'check_run_id');
  if (!context.state.checkRuns.some((run) => run.id === id)) throw notFound();
  return id;
}

function outputOf(context: RouteContext): CheckRunOutput {
  const output = (bodyOf(context)['output'] ?? {}) as Record<string, unknown>;
  const text = (field: string): string | null => (typeof output[field] === 'string' ? output[field] : null);
  return { title: text('title'), summary: text('summary'), text: text('text') };
}

function requireSha(context: RouteContext): string {
  const ref = context.params['ref'] ?? '';
  const sha = resolveCommitRef(context.state, ref);
  if (sha === undefined) {
    throw validationFailed(
      [{ resource: 'Commit', field: 'ref', code: 'invalid' }],
      `No commit found for SHA: ${ref}`,
    );
  }
  return sha;
}

function newestPerName(runs: readonly CheckRunRecord[]): CheckRunRecord[] {
  const seen = new Set<string>();
  return runs.filter((run) => {
    if (seen.has(run.name)) return false;
    seen.add(run.name);
    return true;
  });
}
