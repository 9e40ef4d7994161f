import { codeSpan } from '../../publish/markdown-text.js';
import { cappedList, finishComment, type RepairComment, resumeSection } from './comment-sections.js';

/** A commit on a PatchLoop branch that PatchLoop did not make. */
export interface PusherCommit {
  readonly sha: string;
  /** Login (or git author name) of whoever made the commit; empty when unknown. */
  readonly author: string;
}

/** What the pause comment reports. */
export interface HumanPushCommentInput {
  readonly prNumber: number;
  /** The foreign commits, oldest first. */
  readonly pusherCommits: readonly PusherCommit[];
  readonly resumeCommand: string;
  /** Scopes the marker; defaults to the sorted commit shas, so one push is announced once. */
  readonly markerKeySuffix?: string;
}

/**
 * The comment posted when someone other than PatchLoop pushes to its branch: automatic repair
 * pauses (people win, and PatchLoop never rewrites their commits) until re-invited by a user
 * with write access. The marker kind is `repair-human-push`.
 */
export function humanPushComment(input: HumanPushCommentInput): RepairComment {
  const commits = input.pusherCommits.map(
    (commit) =>
      `${codeSpan(commit.sha.slice(0, 7))} by ${commit.author === '' ? 'an unknown author' : codeSpan(commit.author)}`,
  );
  const keySuffix =
    input.markerKeySuffix ?? [...input.pusherCommits.map((commit) => commit.sha)].sort().join(',');
  return finishComment(
    [
      '## PatchLoop paused automatic repair',
      '**What happened:** commits that PatchLoop did not make were pushed to this branch:',
      cappedList(commits, 'commits'),
      '**Why:** people win. PatchLoop never rewrites commits it did not make, so it will not push to this branch or repair this pull request on its own while someone else is working on it.',
      resumeSection(input.resumeCommand),
      'Once re-invited, PatchLoop builds on the branch as it is then, these commits included.',
    ],
    'repair-human-push',
    `${input.prNumber}:${keySuffix}`,
  );
}
