import { codeSpan, untrustedLine } from '../../publish/markdown-text.js';
import { cappedList, finishComment, type RepairComment, resumeSection } from './comment-sections.js';
import type { LedgerEntry } from './ledger.js';
import type { RepairStopCode } from './repair-decision.js';

/** Why PatchLoop hands a pull request back: a stop rule, a revert, a human push or a failed repair. */
export type HandBackCode = RepairStopCode | 'reverts_earlier_repair' | 'human_push' | 'repair_failed';

/** What the hand-back comment reports. */
export interface HandBackCommentInput {
  readonly prNumber: number;
  readonly code: HandBackCode;
  /** The decision's reason (English, one line). */
  readonly reason: string;
  readonly open: readonly LedgerEntry[];
  readonly addressed: readonly LedgerEntry[];
  readonly declined: readonly LedgerEntry[];
  /** The command comment that re-invites PatchLoop, e.g. `/patchloop resume`. */
  readonly resumeCommand: string;
  /** Scopes the marker (head sha or round), so one stop is announced once. */
  readonly markerKeySuffix: string;
}

const headlines: Readonly<Record<HandBackCode, string>> = {
  round_cap: 'PatchLoop used all the repair rounds allowed on this pull request and stopped.',
  bot_round_cap: 'PatchLoop used all the repair rounds allowed for bot-only feedback and stopped.',
  no_progress:
    'PatchLoop’s recent repair rounds did not reduce the open feedback, so it stopped instead of pushing more changes.',
  diverging:
    'The open feedback grew after each of PatchLoop’s recent repair rounds, so it stopped instead of pushing more changes.',
  reverts_earlier_repair:
    'PatchLoop’s next repair would have undone an earlier repair round, so it stopped instead of going back and forth.',
  human_push:
    'Someone other than PatchLoop pushed to this branch, so PatchLoop stopped: it never rewrites commits it did not make.',
  repair_failed: 'PatchLoop could not complete a repair of this pull request.',
};

/**
 * The comment posted when the repair loop stops on a pull request: what happened, what is left
 * (open items with author and summary, at most 20), what was addressed or declined, and how to
 * re-invite PatchLoop. The marker key is `<pr>:<code>:<markerKeySuffix>`.
 */
export function handBackComment(input: HandBackCommentInput): RepairComment {
  const left =
    input.open.length === 0
      ? ['### What is left', 'No feedback item is left open.']
      : [
          `### What is left (${input.open.length} open)`,
          cappedList(input.open.map(describeEntry), 'open items'),
        ];
  const addressed =
    input.addressed.length === 0
      ? []
      : [
          `**Addressed (${input.addressed.length}):**`,
          cappedList(
            input.addressed.map((entry) => `${describeEntry(entry)}${roundNote(entry)}`),
            'addressed items',
          ),
        ];
  const declined =
    input.declined.length === 0
      ? []
      : [
          `**Declined (${input.declined.length}):**`,
          cappedList(
            input.declined.map(
              (entry) =>
                `${describeEntry(entry)}: ${untrustedLine(entry.reason ?? 'no reason recorded', 200)}`,
            ),
            'declined items',
          ),
        ];
  const done = [...addressed, ...declined];
  return finishComment(
    [
      '## PatchLoop handed this pull request back',
      `**What happened:** ${headlines[input.code]}`,
      `**Reason:** ${untrustedLine(input.reason, 500)}`,
      ...left,
      ...(done.length === 0 ? [] : ['### What PatchLoop did', ...done]),
      resumeSection(input.resumeCommand),
    ],
    'repair-handback',
    `${input.prNumber}:${input.code}:${input.markerKeySuffix}`,
  );
}

/** `summary — by `author`` (`failing check` for CI items); summaries are untrusted text. */
function describeEntry(entry: LedgerEntry): string {
  const source = entry.kind === 'ci_failure' ? 'failing check' : `by ${codeSpan(entry.author)}`;
  return `${untrustedLine(entry.summary, 120)} — ${source}`;
}

function roundNote(entry: LedgerEntry): string {
  return entry.round === null ? '' : ` (round ${entry.round})`;
}
