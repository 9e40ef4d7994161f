import type { Clock, EnvRecord, HttpServer, Logger, WebhookDelivery } from '@patchloop/core';
import { createSystemClock, listen } from '@patchloop/core';
import type { OpenReviewConfig } from './config.js';
import type { OpenReviewDependencies } from './dependencies.js';
import { createOpenReviewDependencies } from './dependencies.js';
import { eventToTask } from './ingest/event-to-task.js';
import { buildOpenReviewServer } from './server.js';

/** A running review daemon. */
export interface RunningOpenReview {
  /** Base URL the HTTP server listens on. */
  readonly url: string;
  /** Runs one poll cycle now (the loop runs them on its own when started). */
  pollOnce(): Promise<unknown>;
  /** Runs one worker iteration now: claims and handles at most one task. */
  workOnce(): Promise<unknown>;
  /** Stops polling and the worker (letting a running task finish briefly), the server, then the database. */
  stop(): Promise<void>;
}

/** Options of {@link startOpenReview}. */
export interface StartOpenReviewOptions {
  readonly config: OpenReviewConfig;
  readonly logger: Logger;
  readonly clock?: Clock;
  /** The environment the coding CLI inherits, secrets removed; defaults to none. */
  readonly parentEnv?: EnvRecord;
  /** False runs no background loops (tests drive `pollOnce`/`workOnce`); default true. */
  readonly runLoops?: boolean;
}

const workerStopTimeoutMs = 10_000;
const pollerStopTimeoutMs = 5_000;

/** Starts the review daemon from a loaded config; used by `patchloop review` and by in-process tests. */
export async function startOpenReview(options: StartOpenReviewOptions): Promise<RunningOpenReview> {
  const deps = createOpenReviewDependencies({
    config: options.config,
    logger: options.logger,
    clock: options.clock ?? createSystemClock(),
    parentEnv: options.parentEnv ?? {},
  });
  let server: HttpServer;
  let url: string;
  try {
    server = await buildOpenReviewServer(deps, { onDelivery: (delivery) => acceptDelivery(deps, delivery) });
    url = await listen(server, deps.config.server);
  } catch (error) {
    deps.close();
    throw error;
  }
  // In the background: GitHub being slow or unreachable must not delay a listening /health.
  void deps.resolveOwnLogin();
  const runLoops = options.runLoops ?? true;
  if (runLoops) {
    if (deps.config.polling.enabled) deps.poller.start();
    deps.worker.start();
  }
  deps.logger.info(
    {
      url,
      dryRun: deps.config.dryRun,
      polling: deps.config.polling.enabled,
      webhook: deps.config.webhook.enabled,
    },
    'openreview listening',
  );

  let stopping: Promise<void> | undefined;
  return {
    url,
    pollOnce: () => deps.poller.runOnce(),
    workOnce: () => deps.worker.runOnce(),
    stop: () => {
      stopping ??= (async () => {
        // A cycle stuck on a slow GitHub must not hold shutdown hostage; its cursors only move on success.
        await Promise.race([deps.poller.stop(), deps.clock.sleep(pollerStopTimeoutMs)]);
        await deps.worker.stop({ timeoutMs: workerStopTimeoutMs });
        await server.close();
        deps.close();
      })();
      return stopping;
    },
  };
}

/** The webhook intake: a verified delivery becomes zero or more durable tasks; the work runs later. */
function acceptDelivery(deps: OpenReviewDependencies, delivery: WebhookDelivery): { accepted: boolean } {
  const routing = eventToTask(delivery, deps.routing);
  if (routing.kind === 'ignore') {
    deps.logger.debug(
      { event: delivery.name, action: delivery.action, reason: routing.reason },
      'Webhook ignored',
    );
    return { accepted: false };
  }
  const created = routing.requests.map((request) => deps.runtime.queue.enqueue(request).created);
  return { accepted: created.some(Boolean) };
}
