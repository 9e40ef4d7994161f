/** Input of `verifyWebhookSignature`: the exact bytes GitHub sent and its `X-Hub-Signature-256`. */
export interface VerifyWebhookSignatureInput {
  readonly secret: string;
  readonly rawBody: string | Uint8Array;
  readonly signatureHeader: string | null | undefined;
}

/**
 * Checks a delivery's HMAC-SHA256 signature in constant time (via @octokit/webhooks).
 * Never throws: a missing secret, body or header, or a garbled header, is simply `false`.
 */
export async function verifyWebhookSignature(input: VerifyWebhookSignatureInput): Promise<boolean> {
  const { secret, signatureHeader } = input;
  if (secret === '' || typeof signatureHeader !== 'string' || !signatureHeader.startsWith('sha256=')) {
    return false;
  }
  const payload =
    typeof input.rawBody === 'string' ? input.rawBody : Buffer.from(input.rawBody).toString('utf8');
  if (payload === '') return false;
  // Loaded on first use: a daemon without a webhook never pays for it at start.
  const { Webhooks } = await import('@octokit/webhooks');
  return new Webhooks({ secret }).verify(payload, signatureHeader);
}
