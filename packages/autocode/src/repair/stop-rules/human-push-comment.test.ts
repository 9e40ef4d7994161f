import { renderMarker } from '@patchloop/core';
import { describe, expect, it } from 'vitest';
import { humanPushComment } from './human-push-comment.js';

const commits = [
  { sha: 'b'.repeat(40), author: 'bob' },
  { sha: 'a'.repeat(40), author: '' },
];

describe('humanPushComment', () => {
  it('says who pushed, why repair is paused and how to re-invite PatchLoop', () => {
    const comment = humanPushComment({
      prNumber: 42,
      pusherCommits: commits,
      resumeCommand: '/patchloop resume',
    });

    expect(comment.body).toMatchSnapshot();
  });

  it('keys its marker by the sorted commit shas, so the same push is announced once', () => {
    const comment = humanPushComment({
      prNumber: 42,
      pusherCommits: [...commits].reverse(),
      resumeCommand: '/patchloop resume',
    });

    expect(comment.marker).toBe(
      renderMarker({
        service: 'autocode',
        kind: 'repair-human-push',
        key: `42:${'a'.repeat(40)},${'b'.repeat(40)}`,
      }),
    );
    expect(comment.body.endsWith(comment.marker)).toBe(true);
  });

  it('uses a given marker key suffix instead of the shas', () => {
    const comment = humanPushComment({
      prNumber: 7,
      pusherCommits: commits,
      resumeCommand: '/patchloop resume',
      markerKeySuffix: 'head-ccc',
    });

    expect(comment.marker).toBe(
      renderMarker({ service: 'autocode', kind: 'repair-human-push', key: '7:head-ccc' }),
    );
  });
});
