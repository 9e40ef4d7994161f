import { AppError } from '../errors/app-error.js';
import type {
  CreateReviewInput,
  DryRunFlag,
  GitHubCommentWriter,
  GitHubReader,
  ReviewCommentDraft,
  ReviewEvent,
} from './github-client.js';
import { hasMarker, withMarker } from './markers.js';
import type { IssueComment, Review, User } from './types.js';

// Idempotent writes: look on GitHub for our own earlier write (same author, same hidden marker)
// before writing. A crash between "posted" and "recorded locally" then costs one extra read on
// the retry, never a duplicate comment or review.

/** Input of `ensureIssueComment`; `marker` is a rendered marker (markers.ts). */
export interface EnsureIssueCommentInput {
  readonly reader: Pick<GitHubReader, 'listIssueComments'>;
  readonly writer: Pick<GitHubCommentWriter, 'getAuthenticatedUser' | 'createIssueComment'>;
  readonly issueNumber: number;
  readonly marker: string;
  /** The comment text; the marker is appended when it is not already in it. */
  readonly body: string;
}

/** Input of `ensureReview`; `marker` is a rendered marker (markers.ts). */
export interface EnsureReviewInput {
  readonly reader: Pick<GitHubReader, 'listReviews'>;
  readonly writer: Pick<GitHubCommentWriter, 'getAuthenticatedUser' | 'createReview'>;
  readonly pullNumber: number;
  readonly marker: string;
  readonly body: string;
  readonly event: ReviewEvent;
  readonly commitId?: string;
  readonly comments?: readonly ReviewCommentDraft[];
}

/**
 * Posts an issue comment once: when a comment by the writer's own account already carries
 * the marker, returns it with `created: false`; otherwise creates the comment with the marker.
 */
export async function ensureIssueComment(
  input: EnsureIssueCommentInput,
): Promise<{ readonly created: boolean; readonly comment: IssueComment & DryRunFlag }> {
  assertMarker(input.marker);
  const self = await input.writer.getAuthenticatedUser();
  const comments = await input.reader.listIssueComments(input.issueNumber);
  const existing = comments.find(
    (comment) => isOwn(comment.author, self) && hasMarker(comment.body, input.marker),
  );
  if (existing) return { created: false, comment: existing };
  const comment = await input.writer.createIssueComment({
    issueNumber: input.issueNumber,
    body: withMarker(input.body, input.marker),
  });
  return { created: true, comment };
}

/**
 * Submits a pull request review once: an existing review by the writer's own account that
 * carries the marker is returned with `created: false` instead of submitting another.
 */
export async function ensureReview(
  input: EnsureReviewInput,
): Promise<{ readonly created: boolean; readonly review: Review & DryRunFlag }> {
  assertMarker(input.marker);
  const self = await input.writer.getAuthenticatedUser();
  const reviews = await input.reader.listReviews(input.pullNumber);
  const existing = reviews.find(
    (review) => isOwn(review.author, self) && hasMarker(review.body, input.marker),
  );
  if (existing) return { created: false, review: existing };
  const request: CreateReviewInput = {
    pullNumber: input.pullNumber,
    event: input.event,
    body: withMarker(input.body, input.marker),
    ...(input.commitId === undefined ? {} : { commitId: input.commitId }),
    ...(input.comments === undefined ? {} : { comments: input.comments }),
  };
  return { created: true, review: await input.writer.createReview(request) };
}

function isOwn(author: User, self: User): boolean {
  return author.login.toLowerCase() === self.login.toLowerCase();
}

// An empty or non-comment marker would match every body (or show up in the rendered text).
function assertMarker(marker: string): void {
  if (!/^<!--.+-->$/s.test(marker)) {
    throw new AppError(
      'INTERNAL_INVARIANT',
      `ensureX needs a rendered hidden marker, got "${marker.slice(0, 60)}".`,
    );
  }
}
