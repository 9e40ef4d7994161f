import { describe, expect, it } from 'vitest';
import {
  findMarker,
  hasAnyMarker,
  hasMarker,
  normalizeMarkerKind,
  renderMarker,
  withMarker,
} from './markers.js';

describe('renderMarker', () => {
  it('renders the original format with the first 20 hex of sha256(kind, newline, key)', () => {
    const marker = renderMarker({ service: 'openreview', kind: 'issue', key: 'abc' });

    expect(marker).toBe('<!-- openreview:idempotency:issue:dd24caf588211d515a36 -->');
  });

  it('hashes the normalised kind and the trimmed key', () => {
    const marker = renderMarker({ service: 'autocode', kind: ' PR-Review ', key: ' sha1:digest\n' });

    expect(marker).toBe('<!-- autocode:idempotency:pr-review:783a050c364d3ac9f0b7 -->');
  });

  it('gives different markers for different keys of the same kind', () => {
    const first = renderMarker({ service: 'openreview', kind: 'issue', key: 'a' });

    const second = renderMarker({ service: 'openreview', kind: 'issue', key: 'b' });

    expect(first).not.toBe(second);
  });
});

describe('normalizeMarkerKind', () => {
  it.each([
    ['issue', 'issue'],
    ['PR Review', 'pr-review'],
    ['pr-blocked', 'pr-blocked'],
    ['a  b!!c', 'a-b-c'],
    ['snake_case', 'snake_case'],
    ['   ', 'unknown'],
  ])('turns %j into %j', (kind, expected) => {
    expect(normalizeMarkerKind(kind)).toBe(expected);
  });
});

describe('findMarker', () => {
  it('parses the service, kind and hash of the first marker in a body', () => {
    const body = 'Looks good.\n\n<!-- openreview:idempotency:pr-review:0123456789abcdef0123 -->';

    const marker = findMarker(body);

    expect(marker).toEqual({
      service: 'openreview',
      kind: 'pr-review',
      hash: '0123456789abcdef0123',
      text: '<!-- openreview:idempotency:pr-review:0123456789abcdef0123 -->',
    });
  });

  it('returns null for a body without an idempotency marker', () => {
    expect(findMarker('plain text <!-- a human comment -->')).toBeNull();
  });

  it('reads back what renderMarker wrote', () => {
    const marker = renderMarker({ service: 'autocode', kind: 'issue', key: '42' });

    expect(findMarker(`hello\n\n${marker}`)?.text).toBe(marker);
  });
});

describe('hasMarker', () => {
  it('is true only for the exact marker', () => {
    const marker = renderMarker({ service: 'openreview', kind: 'issue', key: 'k' });
    const other = renderMarker({ service: 'openreview', kind: 'issue', key: 'other' });

    expect(hasMarker(`text\n\n${marker}`, marker)).toBe(true);
    expect(hasMarker(`text\n\n${other}`, marker)).toBe(false);
  });

  it('never matches an empty marker', () => {
    expect(hasMarker('anything', '')).toBe(false);
  });
});

describe('hasAnyMarker', () => {
  it.each([
    ['<!-- openreview:idempotency:issue:abc -->', true],
    ['<!-- autocode:plan -->', true],
    ['<!--OPENREVIEW:something-->', true],
    ['<!-- renovate:config -->', false],
    ['no marker at all', false],
  ])('recognises %j as PatchLoop-written: %s', (body, expected) => {
    expect(hasAnyMarker(body)).toBe(expected);
  });
});

describe('withMarker', () => {
  it('appends the marker after a blank line', () => {
    expect(withMarker('Reply text\n', '<!-- m -->')).toBe('Reply text\n\n<!-- m -->');
  });

  it('leaves a body that already carries the marker unchanged', () => {
    expect(withMarker('Reply\n\n<!-- m -->', '<!-- m -->')).toBe('Reply\n\n<!-- m -->');
  });
});
