import type { Permission } from '../model/model-records.js';
import type { ModelState } from '../model/model-state.js';
import { iso, type JsonObject, nodeId, repoApiUrl, repoWebUrl } from './shape-helpers.js';
import { renderUser } from './user-shape.js';

// `<field>_url` suffixes of a repository object, as GitHub spells them.
const urlTemplates: Record<string, string> = {
  archive_url: '/{archive_format}{/ref}',
  assignees_url: '/assignees{/user}',
  blobs_url: '/git/blobs{/sha}',
  branches_url: '/branches{/branch}',
  collaborators_url: '/collaborators{/collaborator}',
  comments_url: '/comments{/number}',
  commits_url: '/commits{/sha}',
  compare_url: '/compare/{base}...{head}',
  contents_url: '/contents/{+path}',
  contributors_url: '/contributors',
  deployments_url: '/deployments',
  downloads_url: '/downloads',
  events_url: '/events',
  forks_url: '/forks',
  git_commits_url: '/git/commits{/sha}',
  git_refs_url: '/git/refs{/sha}',
  git_tags_url: '/git/tags{/sha}',
  hooks_url: '/hooks',
  issue_comment_url: '/issues/comments{/number}',
  issue_events_url: '/issues/events{/number}',
  issues_url: '/issues{/number}',
  keys_url: '/keys{/key_id}',
  labels_url: '/labels{/name}',
  languages_url: '/languages',
  merges_url: '/merges',
  milestones_url: '/milestones{/number}',
  notifications_url: '/notifications{?since,all,participating}',
  pulls_url: '/pulls{/number}',
  releases_url: '/releases{/id}',
  stargazers_url: '/stargazers',
  statuses_url: '/statuses/{sha}',
  subscribers_url: '/subscribers',
  subscription_url: '/subscription',
  tags_url: '/tags',
  teams_url: '/teams',
  trees_url: '/git/trees{/sha}',
};

/**
 * The served repository. `viewer` adds the `permissions` block GitHub returns to an
 * authenticated caller; the shape satisfies both `repository` and `full-repository`.
 */
export function renderRepository(state: ModelState, viewer?: string): JsonObject {
  const openIssues = [...state.issues.values()].filter((issue) => issue.state === 'open').length;
  const urls = Object.fromEntries(
    Object.entries(urlTemplates).map(([field, suffix]) => [field, repoApiUrl(state, suffix)]),
  );
  const host = new URL(state.urls.web).host;
  const repository: JsonObject = {
    id: state.repositoryId,
    node_id: nodeId('Repository', state.repositoryId),
    name: state.repo,
    full_name: `${state.owner}/${state.repo}`,
    owner: renderUser(state, state.owner),
    private: false,
    html_url: repoWebUrl(state),
    description: null,
    fork: false,
    url: repoApiUrl(state),
    ...urls,
    git_url: `git://${host}/${state.owner}/${state.repo}.git`,
    ssh_url: `git@${host}:${state.owner}/${state.repo}.git`,
    clone_url: `${repoWebUrl(state)}.git`,
    svn_url: repoWebUrl(state),
    mirror_url: null,
    homepage: null,
    language: null,
    license: null,
    size: 0,
    forks: 0,
    forks_count: 0,
    stargazers_count: 0,
    watchers: 0,
    watchers_count: 0,
    open_issues: openIssues,
    open_issues_count: openIssues,
    default_branch: state.defaultBranch,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: 'public',
    allow_forking: true,
    web_commit_signoff_required: false,
    pushed_at: iso(state.createdAt),
    created_at: iso(state.createdAt),
    updated_at: iso(state.createdAt),
    network_count: 0,
    subscribers_count: 0,
  };
  if (viewer !== undefined) repository['permissions'] = permissionFlags(state, viewer);
  return repository;
}

/** The repository's `permissions` block for `login`. */
export function permissionFlags(state: ModelState, login: string): Record<string, boolean> {
  const level = permissionOf(state, login);
  const rank: Record<Permission, number> = { none: 0, read: 1, triage: 2, write: 3, maintain: 4, admin: 5 };
  const at = (minimum: Permission): boolean => rank[level] >= rank[minimum];
  return {
    admin: at('admin'),
    maintain: at('maintain'),
    push: at('write'),
    triage: at('triage'),
    pull: at('read'),
  };
}

/** A login's repository permission; anyone may read a public repository. */
export function permissionOf(state: ModelState, login: string): Permission {
  return state.permissions.get(login.toLowerCase()) ?? 'read';
}
