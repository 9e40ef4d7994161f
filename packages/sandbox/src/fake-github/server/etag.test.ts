import { describe, expect, it } from 'vitest';
import { etagOf, matchesEtag } from './etag.js';

describe('etag', () => {
  it('is stable for the same body and differs for another body', () => {
    expect(etagOf('[1]')).toBe(etagOf('[1]'));
    expect(etagOf('[1]')).not.toBe(etagOf('[2]'));
  });

  it.each([
    ['the same weak tag', (tag: string) => tag, true],
    ['the strong form of the tag', (tag: string) => tag.replace('W/', ''), true],
    ['a list containing the tag', (tag: string) => `"other", ${tag}`, true],
    ['a wildcard', () => '*', true],
    ['another tag', () => 'W/"other"', false],
  ])('If-None-Match with %s matches: %s', (_name, header, expected) => {
    const tag = etagOf('body');

    expect(matchesEtag(header(tag), tag)).toBe(expected);
  });
});
