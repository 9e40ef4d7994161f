import { describe, expect, it } from 'vitest';
import { isSecretPath } from './secret-paths.js';

describe('isSecretPath', () => {
  it.each([
    ['.env', true],
    ['app/.env.local', true],
    ['.env.production', true],
    ['.envrc', true],
    ['certs/server.pem', true],
    ['certs/server.KEY', true],
    ['home/id_rsa', true],
    ['id_ed25519.pub', true],
    ['.npmrc', true],
    ['.netrc', true],
    ['credentials.json', true],
    ['config/secrets.yaml', true],
    ['.env.example', false],
    ['.env.sample', false],
    ['.env.template', false],
    ['src/keyboard.ts', false],
    ['docs/secret-handling.md', false],
    ['README.md', false],
  ])('%s → %s', (file, expected) => {
    expect(isSecretPath(file)).toBe(expected);
  });
});
