import { describe, expect, it } from 'vitest';
import { createCursorWindow } from './cursor-window.js';
import type { ReviewCursorName, ReviewCursors } from './poll-ports.js';

function recordingCursors(): ReviewCursors & { calls: [ReviewCursorName, string, number][] } {
  const calls: [ReviewCursorName, string, number][] = [];
  return { calls, get: () => '2026-01-01T00:00:00Z', advance: (...call) => calls.push(call) };
}

describe('createCursorWindow', () => {
  it('advances to the newest observed time with a 5 s overlap', () => {
    const cursors = recordingCursors();
    const window = createCursorWindow(cursors, 'issue');

    window.observe('2026-01-01T00:01:00Z');
    window.observe('2026-01-01T00:03:00+00:00');
    window.observe('2026-01-01T00:02:00Z');
    window.commit();

    expect(cursors.calls).toEqual([['issue', '2026-01-01T00:03:00+00:00', 5_000]]);
  });

  it('stays 30 s before the earliest failed item', () => {
    const cursors = recordingCursors();
    const window = createCursorWindow(cursors, 'issue_comment');

    window.observe('2026-01-01T00:09:00Z');
    window.fail('2026-01-01T00:05:00Z');
    window.fail('2026-01-01T00:04:00Z');
    window.commit();

    expect(cursors.calls).toEqual([['issue_comment', '2026-01-01T00:04:00Z', 30_000]]);
  });

  it('leaves the cursor alone when nothing was listed', () => {
    const cursors = recordingCursors();

    createCursorWindow(cursors, 'pull_request').commit();

    expect(cursors.calls).toEqual([]);
  });
});
