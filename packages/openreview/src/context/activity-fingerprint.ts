import { createHash } from 'node:crypto';

/** The parts of a discussion activity that identify one version of it. */
export interface ActivityFingerprintInput {
  readonly type: string;
  readonly id: string;
  readonly body: string;
  readonly updatedAt: string;
}

/**
 * The activity fingerprint of spec §4.3 (`<type>:<id>:<hash16>`, `''` when every part is empty).
 * The exact derivation is kept so markers and processed keys stay comparable with the original.
 */
export function activityFingerprint(input: ActivityFingerprintInput): string {
  const type = input.type.trim();
  const id = input.id.trim();
  const body = input.body.trim();
  const updatedAt = input.updatedAt.trim();
  if (type === '' && id === '' && body === '' && updatedAt === '') {
    return '';
  }
  const digest = createHash('sha256')
    .update(`${type}\n${id}\n${updatedAt}\n\n${body}`)
    .digest('hex')
    .slice(0, 16);
  const label = type === '' ? 'activity' : type.toLowerCase();
  const identity = id !== '' ? id : updatedAt !== '' ? updatedAt : 'unknown';
  return `${label}:${identity}:${digest}`;
}
