import type { ErrorCode } from './error-codes.js';

/** Options shared by every PatchLoop error. */
export interface AppErrorOptions {
  readonly cause?: unknown;
  readonly retryable?: boolean;
}

/**
 * The base of PatchLoop's error hierarchy: a stable `code`, a `retryable`
 * flag read by the retry policy, and the underlying `cause`.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.retryable = options.retryable ?? false;
  }
}

/** A status change the task lifecycle forbids; always a bug or a lost race. */
export class IllegalTransitionError extends AppError {
  readonly from: string;
  readonly event: string;

  constructor(from: string, event: string) {
    super('ILLEGAL_TASK_TRANSITION', `A task in status "${from}" cannot take event "${event}".`);
    this.name = 'IllegalTransitionError';
    this.from = from;
    this.event = event;
  }
}

/** A failed GitHub request, carrying the HTTP status and any rate-limit reset. */
export class GitHubError extends AppError {
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: AppErrorOptions & { status?: number; retryAfterMs?: number } = {},
  ) {
    super(code, message, options);
    this.name = 'GitHubError';
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** A failed git command; the message names the command and git's own reason. */
export class GitError extends AppError {
  constructor(message: string, options: AppErrorOptions = {}) {
    super('GIT_COMMAND_FAILED', message, options);
    this.name = 'GitError';
  }
}
