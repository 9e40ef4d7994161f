import type { FastifyPluginAsync } from 'fastify';

/** A verified webhook delivery, as handed to the daemon's intake. */
export interface WebhookDelivery {
  /** `X-GitHub-Delivery`: GitHub's unique id of this delivery (redeliveries reuse it). */
  readonly id: string;
  /** `X-GitHub-Event`, e.g. `issues`, `pull_request`, `issue_comment`. */
  readonly name: string;
  /** `action` of the payload when it has one. */
  readonly action: string | undefined;
  readonly payload: Record<string, unknown>;
}

/** Options of the webhook route; everything it needs is passed in explicitly. */
export interface WebhookRouteOptions {
  /** Checks `X-Hub-Signature-256` against the raw body; false for missing or wrong signatures. */
  readonly verifySignature: (rawBody: string, signatureHeader: string | undefined) => Promise<boolean>;
  /**
   * Durably records the delivery (enqueue). It must not do the work itself; the route answers 202
   * only after it resolves, and 500 (so GitHub redelivers) when it throws.
   */
  readonly onDelivery: (
    delivery: WebhookDelivery,
  ) => Promise<{ readonly accepted: boolean }> | { readonly accepted: boolean };
  /** Mount path; defaults to `/webhook`. */
  readonly path?: string;
}

/**
 * `POST /webhook`: raw body → signature (401) → JSON (400) → durable enqueue → 202. Bodies over the
 * server's limit are refused with 413 by Fastify before this runs.
 */
export const webhookRoutes: FastifyPluginAsync<WebhookRouteOptions> = async (app, options) => {
  // Keep the body as the exact bytes GitHub signed; parsing happens after verification.
  app.addContentTypeParser(
    ['application/json', 'application/x-www-form-urlencoded'],
    { parseAs: 'string' },
    (_request, body, done) => done(null, body),
  );

  app.post(options.path ?? '/webhook', async (request, reply) => {
    const rawBody = typeof request.body === 'string' ? request.body : '';
    const signature = headerValue(request.headers['x-hub-signature-256']);
    if (!(await options.verifySignature(rawBody, signature))) {
      return reply.status(401).send({
        error: 'WEBHOOK_SIGNATURE_INVALID',
        message:
          'Missing or wrong X-Hub-Signature-256; check GITHUB_WEBHOOK_SECRET matches the webhook settings.',
      });
    }

    const name = headerValue(request.headers['x-github-event']);
    const id = headerValue(request.headers['x-github-delivery']);
    if (!name || !id) {
      return reply.status(400).send({
        error: 'WEBHOOK_HEADERS_MISSING',
        message: 'X-GitHub-Event and X-GitHub-Delivery are required.',
      });
    }

    const payload = parsePayload(rawBody, request.headers['content-type']);
    if (!payload) {
      return reply
        .status(400)
        .send({ error: 'WEBHOOK_BODY_INVALID', message: 'The body is not a JSON object.' });
    }

    const action = typeof payload['action'] === 'string' ? payload['action'] : undefined;
    const result = await options.onDelivery({ id, name, action, payload });
    return reply.status(202).send({ accepted: result.accepted, delivery: id });
  });
};

function headerValue(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first && first.length > 0 ? first : undefined;
}

/** GitHub sends JSON, or a form with a `payload` field when the hook is configured that way. */
function parsePayload(rawBody: string, contentType: string | undefined): Record<string, unknown> | undefined {
  let json = rawBody;
  if (contentType?.startsWith('application/x-www-form-urlencoded')) {
    json = new URLSearchParams(rawBody).get('payload') ?? '';
  }
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
