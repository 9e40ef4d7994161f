import { toIsoSeconds } from '@patchloop/core';
import type { GitCommit, GitFileChange } from '../model/bare-repository.js';
import type { ModelState } from '../model/model-state.js';
import { type JsonObject, repoApiUrl, repoWebUrl } from './shape-helpers.js';

/** A commit as the REST API serves it (`commit` schema); authors are not mapped to accounts. */
export function renderCommit(state: ModelState, commit: GitCommit): JsonObject {
  const url = repoApiUrl(state, `/commits/${commit.sha}`);
  const person = (name: string, email: string, date: string): JsonObject => ({
    name,
    email,
    date: date === '' ? '' : toIsoSeconds(Date.parse(date)),
  });
  return {
    url,
    sha: commit.sha,
    node_id: Buffer.from(`04:Commit${commit.sha}`).toString('base64'),
    html_url: repoWebUrl(state, `/commit/${commit.sha}`),
    comments_url: `${url}/comments`,
    commit: {
      url: repoApiUrl(state, `/git/commits/${commit.sha}`),
      author: person(commit.authorName, commit.authorEmail, commit.authorDate),
      committer: person(commit.committerName, commit.committerEmail, commit.committerDate),
      message: commit.message,
      comment_count: 0,
      tree: { sha: commit.tree, url: repoApiUrl(state, `/git/trees/${commit.tree}`) },
      verification: {
        verified: false,
        reason: 'unsigned',
        signature: null,
        payload: null,
        verified_at: null,
      },
    },
    author: null,
    committer: null,
    parents: commit.parents.map((sha) => ({
      sha,
      url: repoApiUrl(state, `/commits/${sha}`),
      html_url: repoWebUrl(state, `/commit/${sha}`),
    })),
  };
}

/** A placeholder commit for fakes without a bare repository: only the SHA is real. */
export function syntheticCommit(sha: string): GitCommit {
  return {
    sha,
    tree: sha,
    parents: [],
    authorName: 'PatchLoop Fake',
    authorEmail: 'fake@patchloop.invalid',
    authorDate: '',
    committerName: 'PatchLoop Fake',
    committerEmail: 'fake@patchloop.invalid',
    committerDate: '',
    message: 'synthetic commit (no bare repository backs this fake GitHub)',
  };
}

/** A changed file (`diff-entry` schema). */
export function renderFileChange(state: ModelState, headSha: string, file: GitFileChange): JsonObject {
  const path = file.filename.split('/').map(encodeURIComponent).join('/');
  const rendered: JsonObject = {
    sha: file.blobSha,
    filename: file.filename,
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    changes: file.additions + file.deletions,
    blob_url: repoWebUrl(state, `/blob/${headSha}/${path}`),
    raw_url: repoWebUrl(state, `/raw/${headSha}/${path}`),
    contents_url: repoApiUrl(state, `/contents/${path}?ref=${headSha}`),
  };
  if (file.patch !== undefined) rendered['patch'] = file.patch;
  if (file.previousFilename !== undefined) rendered['previous_filename'] = file.previousFilename;
  return rendered;
}
