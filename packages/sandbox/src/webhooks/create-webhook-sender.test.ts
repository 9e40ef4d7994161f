import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhooks } from '@octokit/webhooks';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createWebhookSender } from './create-webhook-sender.js';
import { examplePayload } from './example-payload.js';

interface Delivery {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

// A stand-in for a daemon's /webhook: records deliveries and answers 202 with JSON.
async function startReceiver(): Promise<{ url: string; deliveries: Delivery[] }> {
  const deliveries: Delivery[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      deliveries.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(202, { 'content-type': 'application/json' }).end('{"status":"queued"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`, deliveries };
}

describe('createWebhookSender', () => {
  it('delivers a signed example payload that @octokit/webhooks verifies', async () => {
    const receiver = await startReceiver();
    const sender = createWebhookSender({ url: receiver.url, secret: 's3cret' });
    const payload = examplePayload('issues', 'opened');

    const response = await sender.send('issues', payload, { deliveryId: 'delivery-1' });

    const [delivery] = receiver.deliveries;
    expect(response).toEqual({ status: 202, body: { status: 'queued' } });
    expect(delivery?.headers['x-github-event']).toBe('issues');
    expect(delivery?.headers['x-github-delivery']).toBe('delivery-1');
    expect(JSON.parse(delivery?.body ?? '')).toEqual(payload);
    const verifier = new Webhooks({ secret: 's3cret' });
    await expect(
      verifier.verify(delivery?.body ?? '', String(delivery?.headers['x-hub-signature-256'])),
    ).resolves.toBe(true);
  });

  it('signs with a wrong secret when asked, so verification fails', async () => {
    const receiver = await startReceiver();
    const sender = createWebhookSender({ url: receiver.url, secret: 's3cret' });

    await sender.send('ping', examplePayload('ping'), { signature: 'wrong' });

    const [delivery] = receiver.deliveries;
    const verifier = new Webhooks({ secret: 's3cret' });
    await expect(
      verifier.verify(delivery?.body ?? '', String(delivery?.headers['x-hub-signature-256'])),
    ).resolves.toBe(false);
  });

  it('omits the signature header when asked and sends a raw body unchanged', async () => {
    const receiver = await startReceiver();
    const sender = createWebhookSender({ url: receiver.url, secret: 's3cret' });

    await sender.send('issues', {}, { signature: 'missing', rawBody: '{"truncated":' });

    const [delivery] = receiver.deliveries;
    expect(delivery?.headers['x-hub-signature-256']).toBeUndefined();
    expect(delivery?.body).toBe('{"truncated":');
    expect(delivery?.headers['x-github-delivery']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
