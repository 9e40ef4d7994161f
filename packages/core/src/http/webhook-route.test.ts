import { createHmac } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { createSilentLogger } from '../logging/create-logger.js';
import { buildBaseServer } from './build-base-server.js';
import type { WebhookDelivery } from './webhook-route.js';
import { webhookRoutes } from './webhook-route.js';

const secret = 'webhook-secret';
const sign = (body: string): string => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

// A stand-in for the real verifier (tested in core/github): HMAC-SHA256 over the raw body.
const verifySignature = async (rawBody: string, header: string | undefined): Promise<boolean> =>
  header === sign(rawBody);

type Intake = (delivery: WebhookDelivery) => { accepted: boolean };

async function serverWith(onDelivery: Intake, bodyLimitBytes = 4096) {
  const app = buildBaseServer({
    logger: createSilentLogger(),
    service: 'test',
    version: '0.0.0',
    bodyLimitBytes,
  });
  await app.register(webhookRoutes, { verifySignature, onDelivery });
  await app.ready();
  return app;
}

const headersFor = (body: string, overrides: Record<string, string> = {}) => ({
  'content-type': 'application/json',
  'x-github-event': 'issues',
  'x-github-delivery': 'delivery-1',
  'x-hub-signature-256': sign(body),
  ...overrides,
});

describe('webhookRoutes', () => {
  it('answers 202 after handing a verified delivery to the intake', async () => {
    const intake = vi.fn<Intake>(() => ({ accepted: true }));
    const app = await serverWith(intake);
    const body = JSON.stringify({ action: 'opened', issue: { number: 7 } });

    const response = await app.inject({
      method: 'POST',
      url: '/webhook',
      payload: body,
      headers: headersFor(body),
    });

    expect(response.statusCode).toBe(202);
    expect(intake).toHaveBeenCalledWith({
      id: 'delivery-1',
      name: 'issues',
      action: 'opened',
      payload: { action: 'opened', issue: { number: 7 } },
    });
  });

  it('refuses a missing signature with 401 and enqueues nothing', async () => {
    const intake = vi.fn<Intake>(() => ({ accepted: true }));
    const app = await serverWith(intake);
    const body = JSON.stringify({ action: 'opened' });
    const { 'x-hub-signature-256': _dropped, ...unsigned } = headersFor(body);

    const response = await app.inject({ method: 'POST', url: '/webhook', payload: body, headers: unsigned });

    expect(response.statusCode).toBe(401);
    expect(intake).not.toHaveBeenCalled();
  });

  it('refuses a wrong signature with 401 and enqueues nothing', async () => {
    const intake = vi.fn<Intake>(() => ({ accepted: true }));
    const app = await serverWith(intake);
    const body = JSON.stringify({ action: 'opened' });

    const response = await app.inject({
      method: 'POST',
      url: '/webhook',
      payload: body,
      headers: headersFor(body, { 'x-hub-signature-256': sign('something else') }),
    });

    expect(response.statusCode).toBe(401);
    expect(intake).not.toHaveBeenCalled();
  });

  it('refuses a body over the size limit with 413', async () => {
    const intake = vi.fn<Intake>(() => ({ accepted: true }));
    const app = await serverWith(intake, 256);
    const body = JSON.stringify({ action: 'opened', padding: 'x'.repeat(1024) });

    const response = await app.inject({
      method: 'POST',
      url: '/webhook',
      payload: body,
      headers: headersFor(body),
    });

    expect(response.statusCode).toBe(413);
    expect(intake).not.toHaveBeenCalled();
  });

  it('refuses a correctly signed body that is not JSON with 400', async () => {
    const intake = vi.fn<Intake>(() => ({ accepted: true }));
    const app = await serverWith(intake);
    const body = '{"action": "opened",';

    const response = await app.inject({
      method: 'POST',
      url: '/webhook',
      payload: body,
      headers: headersFor(body),
    });

    expect(response.statusCode).toBe(400);
    expect(intake).not.toHaveBeenCalled();
  });

  it('refuses a delivery without event or delivery headers with 400', async () => {
    const intake = vi.fn<Intake>(() => ({ accepted: true }));
    const app = await serverWith(intake);
    const body = JSON.stringify({ action: 'opened' });
    const { 'x-github-event': _dropped, ...headers } = headersFor(body);

    const response = await app.inject({ method: 'POST', url: '/webhook', payload: body, headers });

    expect(response.statusCode).toBe(400);
    expect(intake).not.toHaveBeenCalled();
  });

  it('accepts the form-encoded payload GitHub sends when configured for it', async () => {
    const intake = vi.fn<Intake>(() => ({ accepted: true }));
    const app = await serverWith(intake);
    const body = new URLSearchParams({ payload: JSON.stringify({ action: 'closed' }) }).toString();

    const response = await app.inject({
      method: 'POST',
      url: '/webhook',
      payload: body,
      headers: headersFor(body, { 'content-type': 'application/x-www-form-urlencoded' }),
    });

    expect(response.statusCode).toBe(202);
    expect(intake.mock.calls[0]?.[0].action).toBe('closed');
  });

  it('answers 500 when the delivery could not be recorded, so GitHub redelivers', async () => {
    const app = await serverWith(() => {
      throw new Error('disk full');
    });
    const body = JSON.stringify({ action: 'opened' });

    const response = await app.inject({
      method: 'POST',
      url: '/webhook',
      payload: body,
      headers: headersFor(body),
    });

    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({
      error: 'REQUEST_FAILED',
      message: 'Internal error; see the daemon log.',
    });
  });
});
