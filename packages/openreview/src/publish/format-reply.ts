import { formatIssueReply } from './format-issue-reply.js';
import { followUpLayout, formatStructured, reviewLayout } from './format-review.js';
import { withFooter } from './reply-footer.js';
import { sanitizeReply } from './sanitize-reply.js';
import { truncateReply } from './truncate-reply.js';

/** Which answer is being formatted: an issue reply, a PR review or a PR follow-up. */
export type ReplyKind = 'issue' | 'review' | 'follow_up';

/** Inputs of {@link formatReply}. */
export interface FormatReplyInput {
  readonly kind: ReplyKind;
  /** The CLI's raw answer. */
  readonly text: string;
  /** The limit of the body as posted (`config.review.maxCommentLength`). */
  readonly maxLength: number;
  /**
   * Characters kept free for what is appended at posting time: the idempotency marker and its blank
   * line. Defaults to {@link markerAllowance}.
   */
  readonly reservedLength?: number;
}

/** Room for `\n\n<!-- openreview:idempotency:<kind>:<20 hex> -->` with any kind name PatchLoop uses. */
export const markerAllowance = 80;

/**
 * §5.6 post-processing: sanitize, format for the kind, then cut so that body + footer + marker fit
 * `maxLength` (weakness 22: truncation after formatting). `undefined` means "post nothing": an empty
 * or all-noise answer never becomes a footer-only comment (weakness 6).
 */
export function formatReply(input: FormatReplyInput): string | undefined {
  const sanitized = sanitizeReply(input.text);
  if (sanitized === '') return undefined;
  const formatted = formatForKind(input.kind, sanitized).trim();
  if (formatted === '') return undefined;
  const footerLength = withFooter('').length;
  const limit = input.maxLength - (input.reservedLength ?? markerAllowance) - footerLength;
  return withFooter(truncateReply(formatted, limit));
}

function formatForKind(kind: ReplyKind, text: string): string {
  switch (kind) {
    case 'issue':
      return formatIssueReply(text);
    case 'review':
      return formatStructured(text, reviewLayout);
    case 'follow_up':
      return formatStructured(text, followUpLayout);
    default: {
      const unknownKind: never = kind;
      throw new Error(`unknown reply kind ${String(unknownKind)}`);
    }
  }
}
