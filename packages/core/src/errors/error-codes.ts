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
  // github (github/)
  GITHUB_UNAUTHORIZED: 'GitHub rejected the token as missing, expired or revoked',
  GITHUB_RESPONSE_INVALID: 'a GitHub response lacks a field PatchLoop relies on',
  // store, queue, polling (store/, queue/, polling/)
  STORE_ROW_INVALID: 'a stored row does not match its schema (bad JSON column or unknown value)',
  STORE_MIGRATION_INVALID: 'a migration file is misnamed, duplicated or not numbered contiguously',
  TASK_HANDLER_MISSING: 'a claimed task has no registered handler for its type',
  POLL_CURSOR_INVALID: 'a poll cursor is not a valid ISO-8601 timestamp',
  TASK_CANCELLED: 'the worker cancelled a running task (stop timeout or lost lease)',
  // git (git/)
  BRANCH_BUSY: 'another run holds the lock on this branch; retry later',
  BRANCH_NAME_INVALID: 'a branch name is not a legal git ref or is protected',
  WORKTREE_IN_USE: 'the branch is checked out in a worktree PatchLoop does not manage',
  // process, agents (process/, agents/)
  PROCESS_CWD_MISSING: 'the working directory given to a child process does not exist',
  PROCESS_SPAWN_FAILED: 'a child process could not be started for a reason other than a missing binary',
  AGENT_UNKNOWN_BACKEND: 'a coding CLI backend name is not one PatchLoop knows',
  AGENT_COMMAND_INVALID: 'a configured coding CLI command line is empty or cannot be split into words',
  AGENT_PROMPT_TOO_LARGE: 'the prompt is too large for argv and the CLI cannot read it from stdin',
  AGENT_CHAIN_EMPTY: 'a failover chain was built with no candidates',
  // admin HTTP surface and metrics (http/admin-routes, observability/)
  ADMIN_REQUEST_INVALID: 'an admin request has a bad query parameter or body',
  ADMIN_RESTORE_BUSY: 'a state restore was refused because tasks are running',
  METRIC_INVALID: 'a metric was declared or updated in a way Prometheus cannot expose',
  // daemon (daemon/)
  STORE_IN_USE: 'another daemon process owns the state database',
  // autocode cycle scheduler (autocode scheduler/)
  SCHEDULER_CYCLE_DUPLICATE: 'a scheduler cycle was registered twice under the same name',
  SCHEDULER_CYCLE_INVALID: 'a scheduler cycle was registered with an unusable interval or retry count',
  SCHEDULER_CYCLE_UNKNOWN: 'no scheduler cycle has that name',
  SCHEDULER_CYCLE_BUSY: 'the scheduler cycle is already running',
  SCHEDULER_CYCLE_CANCELLED: 'the scheduler cancelled a running cycle while stopping',
  // autocode planning and comment intent (autocode planning/, intent/)
  AGENT_ANSWER_INVALID: 'a coding CLI answer does not hold the JSON object its prompt asked for',
  // cli admin commands (cli commands/tasks/, commands/state/)
  ADMIN_CALL_FAILED: 'a daemon refused or failed an admin call made by the patchloop command',
  STORE_MISSING: 'the state database file named by STATE_DB_PATH does not exist',
} as const;

/** One of the stable error codes above. */
export type ErrorCode = keyof typeof errorCodes;
