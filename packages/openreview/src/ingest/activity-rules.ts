import { hasAnyMarker } from '@patchloop/core';
import { activityFingerprint } from '../context/activity-fingerprint.js';
import type { ActivitySignal } from '../tasks/review-tasks.js';

/** Who never triggers the review daemon: configured machine users and the daemon's own account. */
export interface IgnoreRules {
  /** Extra bot logins (machine users without a `[bot]` suffix), compared case-insensitively. */
  readonly botLogins: readonly string[];
  /** The daemon's own login when the lookup succeeded; `null` when unknown (markers still protect). */
  readonly ownLogin: string | null;
}

/** The author fields the rules look at, from a webhook payload or a REST read alike. */
export interface ActivityAuthor {
  readonly login: string;
  readonly type: string;
}

// A line starting with one of the coding daemon's commands is addressed to it, not to a reviewer.
const slashCommandPattern = /^\s*\/(?:plan|implement|retry|abort|status)\b/im;

/** Whether an account is a bot: GitHub type `Bot`, a `[bot]` login, or a configured bot login. */
export function isBotAccount(author: ActivityAuthor, botLogins: readonly string[]): boolean {
  const login = author.login.toLowerCase();
  return (
    author.type.toLowerCase() === 'bot' ||
    login.includes('[bot]') ||
    botLogins.some((bot) => bot.toLowerCase() === login)
  );
}

/** Whether a comment body carries a coding-daemon slash command (`/plan`, `/implement`...). */
export function hasSlashCommand(body: string): boolean {
  return slashCommandPattern.test(body);
}

/**
 * Why a comment or review must not trigger work, or `null` when it may. A PatchLoop marker in the
 * body excludes it whoever the author is, so a failed own-login lookup can never cause a self-loop.
 */
export function ignoredActivityReason(
  author: ActivityAuthor,
  body: string,
  rules: IgnoreRules,
): string | null {
  if (isBotAccount(author, rules.botLogins)) return 'author is a bot';
  if (hasAnyMarker(body)) return 'body carries a PatchLoop marker';
  if (rules.ownLogin !== null && rules.ownLogin.toLowerCase() === author.login.toLowerCase()) {
    return 'author is the daemon itself';
  }
  return null;
}

/** Builds the activity signal (with its §4.3 fingerprint) that versions a discussion-triggered task. */
export function activitySignal(input: {
  readonly kind: ActivitySignal['kind'];
  readonly id: number | string;
  readonly at: string;
  readonly author: string;
  readonly body: string;
}): ActivitySignal {
  const id = String(input.id);
  return {
    kind: input.kind,
    id,
    at: input.at,
    author: input.author,
    fingerprint: activityFingerprint({ type: input.kind, id, body: input.body, updatedAt: input.at }),
  };
}
