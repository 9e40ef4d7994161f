import { renderMarker, withMarker } from '@patchloop/core';
import { codeSpan } from '../../publish/markdown-text.js';

// Pieces shared by the comments PatchLoop posts when it stops, pauses or leaves a failure alone,
// so all three read the same way: what happened, why, and how to continue.

/** A comment ready for `ensureIssueComment`: the body already ends with its marker line. */
export interface RepairComment {
  readonly body: string;
  readonly marker: string;
}

// A comment lists at most 20 items of a kind; the rest are counted, keeping long PRs readable.
const listLimit = 20;

/** A bullet list of the first `listLimit` lines and a count of the rest (`noun` is plural). */
export function cappedList(lines: readonly string[], noun: string): string {
  const shown = lines.slice(0, listLimit).map((line) => `- ${line}`);
  const hidden = lines.length - shown.length;
  return (hidden > 0 ? [...shown, `- …and ${hidden} more ${noun}.`] : shown).join('\n');
}

/** The "how to re-invite" section: the command, and who may use it. */
export function resumeSection(resumeCommand: string): string {
  return [
    '### How to re-invite PatchLoop',
    `Automatic repair stays off on this pull request until someone re-invites PatchLoop: comment ${codeSpan(resumeCommand)} on this pull request. Only users with write access to the repository can do this.`,
  ].join('\n\n');
}

/**
 * Joins Markdown blocks with blank lines (so a label never runs into the list above it) and ends
 * the body with the autocode marker of `kind` and `key`. Empty blocks are dropped.
 */
export function finishComment(blocks: readonly string[], kind: string, key: string): RepairComment {
  const marker = renderMarker({ service: 'autocode', kind, key });
  const text = blocks.filter((block) => block !== '').join('\n\n');
  return { body: withMarker(text, marker), marker };
}
