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

export type { AdminGuardOptions } from './http/admin-guard.js';
// -- http (http/)
export { createAdminGuard } from './http/admin-guard.js';
export type { BaseServerOptions, HealthReporter, HttpServer } from './http/build-base-server.js';
export { buildBaseServer } from './http/build-base-server.js';
export type { WebhookDelivery, WebhookRouteOptions } from './http/webhook-route.js';
export { webhookRoutes } from './http/webhook-route.js';
