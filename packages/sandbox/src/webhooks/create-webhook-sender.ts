import { randomUUID } from 'node:crypto';
import { Webhooks } from '@octokit/webhooks';

/** How `send` signs a delivery: correctly, not at all, or with the wrong secret. */
export type SignatureMode = 'valid' | 'missing' | 'wrong';

/** Per-delivery options. */
export interface SendWebhookOptions {
  /** `X-GitHub-Delivery`; a random UUID by default. */
  readonly deliveryId?: string;
  readonly signature?: SignatureMode;
  /** Bytes to send instead of `JSON.stringify(payload)` (malformed or oversized bodies). */
  readonly rawBody?: string;
}

/** The daemon's answer to one delivery. */
export interface WebhookResponse {
  readonly status: number;
  /** Parsed JSON when the answer is JSON, else the text. */
  readonly body: unknown;
}

/** Delivers GitHub-style webhooks to one URL. */
export interface WebhookSender {
  send(eventName: string, payload: unknown, options?: SendWebhookOptions): Promise<WebhookResponse>;
}

/** Creates a sender that signs deliveries with `secret` (`X-Hub-Signature-256`) as GitHub does. */
export function createWebhookSender(options: {
  readonly url: string;
  readonly secret: string;
}): WebhookSender {
  const signer = new Webhooks({ secret: options.secret });
  const wrongSigner = new Webhooks({ secret: `${options.secret}-but-wrong` });
  return {
    send: async (eventName, payload, sendOptions = {}) => {
      const body = sendOptions.rawBody ?? JSON.stringify(payload);
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'user-agent': 'GitHub-Hookshot/patchloop-sandbox',
        'x-github-event': eventName,
        'x-github-delivery': sendOptions.deliveryId ?? randomUUID(),
        'x-github-hook-id': '1',
      };
      const mode = sendOptions.signature ?? 'valid';
      if (mode !== 'missing') {
        headers['x-hub-signature-256'] = await (mode === 'valid' ? signer : wrongSigner).sign(body);
      }
      const response = await fetch(options.url, { method: 'POST', headers, body });
      const text = await response.text();
      return { status: response.status, body: parseOrText(text) };
    },
  };
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
