import type { HttpServer, WebhookDelivery } from '@patchloop/core';
import { buildRuntimeServer, verifyWebhookSignature } from '@patchloop/core';
import type { OpenReviewDependencies } from './dependencies.js';
import { openreviewTaskTypes } from './dependencies.js';

/** How the server hands verified deliveries to the daemon. */
export interface OpenReviewServerHooks {
  readonly onDelivery: (delivery: WebhookDelivery) => { readonly accepted: boolean };
}

/**
 * Builds the review daemon's HTTP server (never listens): health, observability, metrics, the admin
 * routes, and `POST /webhook` when the webhook is enabled (verify → enqueue → 202).
 */
export function buildOpenReviewServer(
  deps: OpenReviewDependencies,
  hooks: OpenReviewServerHooks,
): Promise<HttpServer> {
  const secret = deps.config.github.webhookSecret;
  return buildRuntimeServer(deps.runtime, {
    logger: deps.logger,
    clock: deps.clock,
    adminToken: deps.config.server.adminToken,
    taskTypes: openreviewTaskTypes,
    health: () => ({
      dryRun: deps.config.dryRun,
      repo: `${deps.config.github.repo.owner}/${deps.config.github.repo.name}`,
      polling: deps.config.polling.enabled,
      webhook: deps.config.webhook.enabled,
      queue: deps.runtime.queue.summary(),
    }),
    webhook:
      deps.config.webhook.enabled && secret !== undefined
        ? {
            verifySignature: (rawBody, signatureHeader) =>
              verifyWebhookSignature({ secret, rawBody, signatureHeader }),
            onDelivery: hooks.onDelivery,
          }
        : undefined,
  });
}
