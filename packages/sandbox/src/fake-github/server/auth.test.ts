import { describe, expect, it } from 'vitest';
import { defaultTokens, resolveToken } from './auth.js';

describe('resolveToken', () => {
  it.each([
    ['token write-token', 'patchloop-bot'],
    ['Bearer read-token', 'patchloop-reader'],
    ['bearer read-token', 'patchloop-reader'],
    ['token nope', undefined],
    ['Basic cmVhZC10b2tlbg==', undefined],
    [undefined, undefined],
  ])('maps %s to %s', (header, login) => {
    expect(resolveToken(header, defaultTokens)?.login).toBe(login);
  });

  it('does not accept inherited object keys as tokens', () => {
    expect(resolveToken('token constructor', defaultTokens)).toBeUndefined();
  });
});
