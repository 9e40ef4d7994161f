import type { FastifyBaseLogger, FastifyError, FastifyInstance } from 'fastify';
import Fastify from 'fastify';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../logging/create-logger.js';

/** PatchLoop's HTTP server type; routes are plugins registered with explicit options. */
export type HttpServer = FastifyInstance;

/** What `/health` reports besides `status`; each daemon supplies its own (queue depth, last poll...). */
export type HealthReporter = () => Record<string, unknown>;

/** Dependencies of the base server. */
export interface BaseServerOptions {
  readonly logger: Logger;
  readonly service: string;
  readonly version: string;
  readonly health?: HealthReporter;
  /** Largest accepted request body in bytes (webhook deliveries included); larger bodies get 413. */
  readonly bodyLimitBytes?: number;
}

const defaultBodyLimitBytes = 1024 * 1024;

/**
 * Builds the Fastify instance both daemons start from: structured request logging, an error handler
 * that never leaks internals, and `GET /health`. It never listens; `start()` does.
 */
export function buildBaseServer(options: BaseServerOptions): HttpServer {
  const app = Fastify({
    loggerInstance: options.logger.child({ component: 'http' }) as FastifyBaseLogger,
    bodyLimit: options.bodyLimitBytes ?? defaultBodyLimitBytes,
    trustProxy: false,
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = httpStatusOf(error);
    if (status >= 500) {
      request.log.error({ err: error }, 'Request failed');
    }
    const code = error instanceof AppError ? error.code : (error.code ?? 'REQUEST_FAILED');
    const message = status >= 500 ? 'Internal error; see the daemon log.' : error.message;
    void reply.status(status).send({ error: code, message });
  });

  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ error: 'NOT_FOUND', message: `No route ${request.method} ${request.url}` });
  });

  app.get('/health', async () => ({
    status: 'ok',
    service: options.service,
    version: options.version,
    ...(options.health?.() ?? {}),
  }));

  return app;
}

/** Maps an error to its HTTP status: Fastify's own 4xx pass through, AppErrors by code, the rest 500. */
function httpStatusOf(error: FastifyError): number {
  if (error instanceof AppError) {
    switch (error.code) {
      case 'TASK_NOT_FOUND':
        return 404;
      case 'SNAPSHOT_INVALID':
      case 'CONFIG_INVALID':
        return 400;
      case 'ILLEGAL_TASK_TRANSITION':
        return 409;
      default:
        return 500;
    }
  }
  const status = error.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}
