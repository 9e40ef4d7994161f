import { createHash } from 'node:crypto';

// Hidden idempotency markers appended to everything PatchLoop posts. The format is the
// original's, byte for byte (spec openreview §4.3), so a repository handled by the Python
// version keeps being recognised: `<!-- openreview:idempotency:<kind>:<sha256(kind\nkey)[:20]> -->`.

/** The daemon that wrote a marker; it is the marker's namespace. */
export type MarkerService = 'openreview' | 'autocode';

/** A marker found in a comment or review body. */
export interface ParsedMarker {
  readonly service: MarkerService;
  readonly kind: string;
  readonly hash: string;
  /** The marker exactly as it appears in the body. */
  readonly text: string;
}

/** What a marker is derived from: the daemon, a kind such as `issue` or `pr-review`, and a key. */
export interface MarkerInput {
  readonly service: MarkerService;
  readonly kind: string;
  readonly key: string;
}

const markerPattern = /<!--\s*(openreview|autocode):idempotency:([a-z0-9_-]+):([0-9a-z]+)\s*-->/i;
const anyMarkerPattern = /<!--\s*(?:openreview|autocode):/i;

/** Lower-cases a kind and turns each run of characters outside `[a-z0-9_-]` into `-`. */
export function normalizeMarkerKind(kind: string): string {
  const normalized = kind
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-');
  return normalized === '' ? 'unknown' : normalized;
}

/** Renders the hidden marker for a (service, kind, key); the same input always gives the same marker. */
export function renderMarker(input: MarkerInput): string {
  const kind = normalizeMarkerKind(input.kind);
  const hash = createHash('sha256').update(`${kind}\n${input.key.trim()}`, 'utf8').digest('hex').slice(0, 20);
  return `<!-- ${input.service}:idempotency:${kind}:${hash} -->`;
}

/** The first idempotency marker in a body, or `null`. */
export function findMarker(body: string): ParsedMarker | null {
  const match = markerPattern.exec(body);
  const [text, service, kind, hash] = match ?? [];
  if (text === undefined || service === undefined || kind === undefined || hash === undefined) return null;
  return { service: service.toLowerCase() as MarkerService, kind: kind.toLowerCase(), hash, text };
}

/** Whether a body carries exactly this rendered marker. */
export function hasMarker(body: string, marker: string): boolean {
  return marker.length > 0 && body.includes(marker);
}

/**
 * Whether a body carries any PatchLoop marker (`<!-- openreview:` or `<!-- autocode:`): such
 * text was written by a PatchLoop daemon and is never treated as a human's new activity.
 */
export function hasAnyMarker(body: string): boolean {
  return anyMarkerPattern.test(body);
}

/** Appends the marker after a blank line unless the body already carries it. */
export function withMarker(body: string, marker: string): string {
  return hasMarker(body, marker) ? body : `${body.trimEnd()}\n\n${marker}`;
}
