import type { GitCommit } from '../model/bare-repository.js';
import { resolveCommitRef } from '../model/commit-refs.js';
import type { ModelState } from '../model/model-state.js';
import { notFound, type RouteDefinition } from '../server/route-types.js';
import { renderCommit, renderFileChange, syntheticCommit } from '../shapes/commit-shape.js';
import { repoApiUrl, repoWebUrl } from '../shapes/shape-helpers.js';

const base = '/repos/{owner}/{repo}';

/** Branches, single commits and comparisons, read from the bare repository. */
export const gitRoutes: readonly RouteDefinition[] = [
  {
    method: 'GET',
    path: `${base}/branches/{branch}`,
    handle: async (context) => {
      const name = context.params['branch'] ?? '';
      const sha = resolveCommitRef(context.state, name);
      if (sha === undefined || /^[0-9a-f]{40}$/.test(name)) throw notFound();
      const protectionUrl = repoApiUrl(context.state, `/branches/${encodeURIComponent(name)}/protection`);
      return {
        status: 200,
        body: {
          name,
          commit: renderCommit(context.state, await commitOf(context.state, sha)),
          _links: {
            self: repoApiUrl(context.state, `/branches/${encodeURIComponent(name)}`),
            html: repoWebUrl(context.state, `/tree/${name}`),
          },
          protected: false,
          protection: {
            enabled: false,
            required_status_checks: { enforcement_level: 'off', contexts: [], checks: [] },
          },
          protection_url: protectionUrl,
        },
      };
    },
  },
  {
    method: 'GET',
    path: `${base}/commits/{ref}`,
    handle: async (context) => {
      const sha = resolveCommitRef(context.state, context.params['ref'] ?? '');
      if (sha === undefined) throw notFound();
      return { status: 200, body: renderCommit(context.state, await commitOf(context.state, sha)) };
    },
  },
  {
    method: 'GET',
    path: `${base}/compare/{basehead}`,
    handle: async (context) => {
      const { state } = context;
      const [baseRef, headRef] = (context.params['basehead'] ?? '').split('...');
      const strip = (ref: string): string => (ref.includes(':') ? ref.slice(ref.indexOf(':') + 1) : ref);
      const baseSha = baseRef === undefined ? undefined : resolveCommitRef(state, strip(baseRef));
      const headSha = headRef === undefined ? undefined : resolveCommitRef(state, strip(headRef));
      if (baseSha === undefined || headSha === undefined || state.git === undefined) throw notFound();
      const [ahead, behind, files, mergeBase] = await Promise.all([
        state.git.commits(baseSha, headSha),
        state.git.commits(headSha, baseSha),
        state.git.changedFiles(baseSha, headSha),
        state.git.mergeBase(baseSha, headSha),
      ]);
      const status =
        ahead.length === 0 && behind.length === 0
          ? 'identical'
          : behind.length === 0
            ? 'ahead'
            : ahead.length === 0
              ? 'behind'
              : 'diverged';
      const compareWeb = repoWebUrl(state, `/compare/${baseSha}...${headSha}`);
      return {
        status: 200,
        body: {
          url: repoApiUrl(state, `/compare/${baseSha}...${headSha}`),
          html_url: compareWeb,
          permalink_url: compareWeb,
          diff_url: `${compareWeb}.diff`,
          patch_url: `${compareWeb}.patch`,
          base_commit: renderCommit(state, await commitOf(state, baseSha)),
          merge_base_commit: renderCommit(state, await commitOf(state, mergeBase ?? baseSha)),
          status,
          ahead_by: ahead.length,
          behind_by: behind.length,
          total_commits: ahead.length,
          commits: ahead.map((commit) => renderCommit(state, commit)),
          files: files.map((file) => renderFileChange(state, headSha, file)),
        },
      };
    },
  },
];

async function commitOf(state: ModelState, sha: string): Promise<GitCommit> {
  return (await state.git?.commit(sha)) ?? syntheticCommit(sha);
}
