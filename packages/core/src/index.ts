// Curated public surface of @patchloop/core. Named exports only.

export type { AppErrorOptions } from './errors/app-error.js';
export { AppError, GitError, GitHubError, IllegalTransitionError } from './errors/app-error.js';
export type { ErrorCode } from './errors/error-codes.js';
export { errorCodes } from './errors/error-codes.js';
export type { CreateLoggerOptions, Logger } from './logging/create-logger.js';
export { createLogger, createSilentLogger, redactedLogPaths } from './logging/create-logger.js';
export type { Clock } from './time/clock.js';
export { createSystemClock, toIsoSeconds } from './time/clock.js';

// -- config (config/)

// -- store (store/)

// -- queue (queue/)

// -- github (github/)

// -- process (process/)

// -- agents (agents/)

// -- git (git/)

// -- http (http/)
