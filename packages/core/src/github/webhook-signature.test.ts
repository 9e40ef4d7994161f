import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from './webhook-signature.js';

const secret = 'webhook-secret';
const rawBody = JSON.stringify({ action: 'opened', issue: { number: 1, title: 'Ünïcödé title' } });

// Signs as GitHub does: HMAC-SHA256 of the raw body, hex, prefixed with "sha256=".
function sign(body: string | Buffer, key: string = secret): string {
  return `sha256=${createHmac('sha256', key).update(body).digest('hex')}`;
}

describe('verifyWebhookSignature', () => {
  it('accepts a delivery signed with the secret', async () => {
    await expect(verifyWebhookSignature({ secret, rawBody, signatureHeader: sign(rawBody) })).resolves.toBe(
      true,
    );
  });

  it('accepts the raw body as bytes', async () => {
    const bytes = Buffer.from(rawBody, 'utf8');

    await expect(
      verifyWebhookSignature({ secret, rawBody: bytes, signatureHeader: sign(bytes) }),
    ).resolves.toBe(true);
  });

  it('rejects a delivery signed with another secret', async () => {
    const signatureHeader = sign(rawBody, 'another-secret');

    await expect(verifyWebhookSignature({ secret, rawBody, signatureHeader })).resolves.toBe(false);
  });

  it('rejects a body changed after signing', async () => {
    const signatureHeader = sign(rawBody);

    await expect(verifyWebhookSignature({ secret, rawBody: `${rawBody} `, signatureHeader })).resolves.toBe(
      false,
    );
  });

  it.each([
    ['missing', undefined],
    ['null', null],
    ['empty', ''],
    ['sha1 only', 'sha1=0123456789abcdef0123456789abcdef01234567'],
    ['garbled', 'sha256=not-hex-at-all'],
    ['truncated', sign(rawBody).slice(0, 20)],
  ])('returns false for a %s signature header', async (_case, signatureHeader) => {
    await expect(verifyWebhookSignature({ secret, rawBody, signatureHeader })).resolves.toBe(false);
  });

  it('returns false instead of throwing for an empty secret or body', async () => {
    await expect(
      verifyWebhookSignature({ secret: '', rawBody, signatureHeader: sign(rawBody, '') }),
    ).resolves.toBe(false);
    await expect(verifyWebhookSignature({ secret, rawBody: '', signatureHeader: sign('') })).resolves.toBe(
      false,
    );
  });
});
