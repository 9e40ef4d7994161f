import type { DestinationStream, Logger as PinoLogger } from 'pino';
import { pino } from 'pino';

/** Where log lines go (pino's destination stream). */
export type { DestinationStream } from 'pino';

/** PatchLoop's structured logger (pino). Re-exported so packages need not depend on pino. */
export type Logger = PinoLogger;

/** Paths that must never reach a log line. */
export const redactedLogPaths: readonly string[] = [
  'token',
  '*.token',
  'githubToken',
  '*.githubToken',
  'githubWriteToken',
  '*.githubWriteToken',
  'webhookSecret',
  '*.webhookSecret',
  'adminToken',
  '*.adminToken',
  'headers.authorization',
  '*.headers.authorization',
  'req.headers.authorization',
  'req.headers["x-admin-token"]',
];

/** Options for the root logger. */
export interface CreateLoggerOptions {
  readonly level?: string;
  readonly name?: string;
  /** Where lines go; defaults to stdout. Tests pass a capturing stream. */
  readonly destination?: DestinationStream;
}

/** Creates the root logger with secrets redacted. Called once per daemon in its composition root. */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const settings = {
    level: (options.level ?? 'info').toLowerCase(),
    name: options.name ?? 'patchloop',
    redact: { paths: [...redactedLogPaths], censor: '[redacted]' },
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}

/** A logger that drops everything; for tools and tests that do not care about logs. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
