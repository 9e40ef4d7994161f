import { describe, expect, it } from 'vitest';
import { ensureIssueComment, ensureReview } from './ensure-writes.js';
import type { CreateReviewInput } from './github-client.js';
import { renderMarker } from './markers.js';
import type { IssueComment, Review, User } from './types.js';

const bot: User = { login: 'patchloop-bot', id: 9, type: 'Bot' };
const human: User = { login: 'alice', id: 3, type: 'User' };
const marker = renderMarker({ service: 'openreview', kind: 'issue', key: 'issue-12-v1' });

// An in-memory conversation standing in for GitHub: the reader sees what the writer created.
function createFakeConversation(self: User = bot) {
  const comments: IssueComment[] = [];
  const reviews: Review[] = [];
  let nextId = 1;
  const at = '2026-01-01T00:00:00Z';
  const addComment = (author: User, body: string): IssueComment => {
    const comment: IssueComment = {
      id: nextId++,
      issueNumber: 12,
      body,
      author,
      authorAssociation: 'NONE',
      createdAt: at,
      updatedAt: at,
      htmlUrl: '',
    };
    comments.push(comment);
    return comment;
  };
  return {
    comments,
    reviews,
    addComment,
    reader: {
      listIssueComments: async () => [...comments],
      listReviews: async () => [...reviews],
    },
    writer: {
      getAuthenticatedUser: async () => self,
      createIssueComment: async ({ body }: { issueNumber: number; body: string }) => addComment(self, body),
      createReview: async (input: CreateReviewInput) => {
        const review: Review = {
          id: nextId++,
          author: self,
          body: input.body,
          state: 'COMMENTED',
          commitId: input.commitId ?? null,
          submittedAt: at,
          htmlUrl: '',
        };
        reviews.push(review);
        return review;
      },
    },
  };
}

describe('ensureIssueComment', () => {
  it('creates the comment with the marker appended when none exists yet', async () => {
    const github = createFakeConversation();

    const result = await ensureIssueComment({
      reader: github.reader,
      writer: github.writer,
      issueNumber: 12,
      marker,
      body: 'Analysis',
    });

    expect(result.created).toBe(true);
    expect(result.comment.body).toBe(`Analysis\n\n${marker}`);
  });

  it('creates only one comment when called twice', async () => {
    const github = createFakeConversation();
    const first = await ensureIssueComment({
      reader: github.reader,
      writer: github.writer,
      issueNumber: 12,
      marker,
      body: 'Analysis',
    });

    const second = await ensureIssueComment({
      reader: github.reader,
      writer: github.writer,
      issueNumber: 12,
      marker,
      body: 'Analysis',
    });

    expect(second).toEqual({ created: false, comment: first.comment });
    expect(github.comments).toHaveLength(1);
  });

  it('ignores the marker when someone else posted it', async () => {
    const github = createFakeConversation();
    github.addComment(human, `quoting the bot: ${marker}`);

    const result = await ensureIssueComment({
      reader: github.reader,
      writer: github.writer,
      issueNumber: 12,
      marker,
      body: 'Analysis',
    });

    expect(result.created).toBe(true);
    expect(github.comments).toHaveLength(2);
  });

  it('recognises its own comment regardless of login case', async () => {
    const github = createFakeConversation();
    github.addComment({ ...bot, login: 'PatchLoop-Bot' }, `Earlier reply\n\n${marker}`);

    const result = await ensureIssueComment({
      reader: github.reader,
      writer: github.writer,
      issueNumber: 12,
      marker,
      body: 'Analysis',
    });

    expect(result.created).toBe(false);
  });

  it('refuses a marker that is not a hidden HTML comment', async () => {
    const github = createFakeConversation();

    await expect(
      ensureIssueComment({
        reader: github.reader,
        writer: github.writer,
        issueNumber: 12,
        marker: '',
        body: 'x',
      }),
    ).rejects.toThrow(/rendered hidden marker/);
  });
});

describe('ensureReview', () => {
  const reviewMarker = renderMarker({ service: 'openreview', kind: 'pr-review', key: 'sha:digest' });

  it('submits one review for repeated calls with the same marker', async () => {
    const github = createFakeConversation();
    const input = {
      reader: github.reader,
      writer: github.writer,
      pullNumber: 5,
      marker: reviewMarker,
      body: 'Review',
      event: 'COMMENT' as const,
    };
    await ensureReview({ ...input, commitId: 'abc' });

    const second = await ensureReview({ ...input, commitId: 'abc' });

    expect(second.created).toBe(false);
    expect(github.reviews).toHaveLength(1);
    expect(github.reviews[0]).toMatchObject({ commitId: 'abc', body: `Review\n\n${reviewMarker}` });
  });
});
