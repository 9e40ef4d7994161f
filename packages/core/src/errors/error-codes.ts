/**
 * Stable, grep-able error codes. Never reuse or rename a code once released:
 * operators match on them in logs and in `/tasks` reasons.
 */
export const errorCodes = {
  CONFIG_INVALID: 'one or more settings are missing or invalid',
  STORE_CORRUPT: 'the state database cannot be read',
  STORE_NEWER_THAN_CODE: 'the state database was written by a newer PatchLoop',
  STORE_MIGRATION_CHANGED: 'an applied migration differs from the one shipped',
  SNAPSHOT_INVALID: 'a state snapshot failed validation',
  ILLEGAL_TASK_TRANSITION: 'a task status change that the lifecycle forbids',
  TASK_NOT_FOUND: 'no task with that id',
  GITHUB_REQUEST_FAILED: 'a GitHub request failed',
  GITHUB_RATE_LIMITED: 'GitHub rate limit reached',
  GITHUB_FORBIDDEN: 'the token lacks a permission',
  GITHUB_NOT_FOUND: 'the GitHub resource does not exist',
  GIT_COMMAND_FAILED: 'a git command failed',
  PUSH_REFUSED: 'the push guard refused a push',
  AGENT_NOT_INSTALLED: 'the coding CLI binary was not found',
  AGENT_FAILED: 'the coding CLI failed',
  WEBHOOK_SIGNATURE_INVALID: 'a webhook signature is missing or wrong',
  INTERNAL_INVARIANT: 'an internal invariant was violated',
} as const;

/** One of the stable error codes above. */
export type ErrorCode = keyof typeof errorCodes;
