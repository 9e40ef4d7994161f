import { describe, expect, it } from 'vitest';
import { scanAddedLines } from './secret-scan.js';
import { aDiff } from './test-builders.js';

// Credentials are assembled at run time so that this file itself never looks like a leak
// to a secret scanner (ours or GitHub's push protection).
const noise = 'Qw3rTy7UiOp2AsDf9GhJkL4zXcVbN8mRwEvT5yU1iHp6ZaSdFgHjKl';
const take = (length: number) => noise.slice(0, length);
const upper = (length: number) =>
  noise
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .slice(0, length);

const secrets = {
  pem: ['-----BEGIN', 'RSA PRIVATE KEY-----'].join(' '),
  openssh: ['-----BEGIN', 'OPENSSH PRIVATE KEY-----'].join(' '),
  encrypted: ['-----BEGIN', 'ENCRYPTED PRIVATE KEY-----'].join(' '),
  pgp: ['-----BEGIN', 'PGP PRIVATE KEY BLOCK-----'].join(' '),
  ghp: `${'gh'}p_${take(36)}`,
  ghs: `${'gh'}s_${take(36)}`,
  fineGrained: `${'github'}_pat_${take(40)}`,
  akia: `${'AK'}IA${upper(16)}`,
  asia: `${'AS'}IA${upper(16)}`,
  awsSecret: `aws_secret_access_key = ${take(40)}`,
  slack: `${'xo'}xb-1234567890-${take(20)}`,
  google: `${'AI'}za${take(35)}`,
  stripe: `${'sk'}_live_${take(24)}`,
  anthropic: `${'sk'}-ant-api03-${take(40)}`,
  openai: `${'sk'}-proj-${take(40)}`,
  generic: `db_password = "${take(20)}!"`,
};

function kindsIn(line: string): string[] {
  return scanAddedLines(aDiff([{ path: 'src/config.ts', added: [line] }]).patch).map((hit) => hit.kind);
}

describe('scanAddedLines', () => {
  it.each([
    ['pem', 'private_key'],
    ['openssh', 'private_key'],
    ['encrypted', 'private_key'],
    ['pgp', 'private_key'],
    ['ghp', 'github_token'],
    ['ghs', 'github_token'],
    ['fineGrained', 'github_token'],
    ['akia', 'aws_access_key_id'],
    ['asia', 'aws_access_key_id'],
    ['awsSecret', 'aws_secret_access_key'],
    ['slack', 'slack_token'],
    ['google', 'google_api_key'],
    ['stripe', 'stripe_live_key'],
    ['anthropic', 'anthropic_api_key'],
    ['openai', 'openai_api_key'],
    ['generic', 'generic_secret'],
  ] as const)('detects a %s as %s', (name, kind) => {
    expect(kindsIn(`const value = ${secrets[name]};`)).toContain(kind);
  });

  it('reports the path and new-file line but never the secret itself', () => {
    const diff = aDiff([
      { path: 'README.md', removed: ['old'], added: ['intro', 'usage', `token: ${secrets.ghp}`] },
    ]);

    const hits = scanAddedLines(diff.patch);

    expect(hits).toEqual([{ path: 'README.md', line: 3, kind: 'github_token' }]);
    expect(JSON.stringify(hits)).not.toContain(secrets.ghp.slice(4));
  });

  it("finds a token in an untracked file's added lines", () => {
    const diff = aDiff([{ path: 'scratch/notes.txt', status: 'added', added: ['todo', secrets.akia] }]);

    expect(scanAddedLines(diff.patch)).toEqual([
      { path: 'scratch/notes.txt', line: 2, kind: 'aws_access_key_id' },
    ]);
  });

  it('ignores removed lines, so deleting a leaked key is allowed', () => {
    const diff = aDiff([{ path: 'keys/id_rsa', status: 'deleted', removed: [secrets.pem, 'MIIE...'] }]);

    expect(scanAddedLines(diff.patch)).toEqual([]);
  });

  it.each([
    'password = "changeme-please-now"',
    `api_key: "${'$'}{API_KEY_FROM_ENV_VAR}"`,
    'token = "<your-token-goes-here>"',
    'secret = "xxxxxxxxxxxxxxxxxxxx"',
    'password = "hunter2hunter2"',
    'password = "correct horse battery staple"',
    'max_tokens = "1234567890123"',
    'tokenizer = "bert-base-multilingual"',
    'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    `aws_access_key_id = ${'AK'}IAIOSFODNN7EXAMPLE`,
    'const mask = "sk-ant-xxxxxxxxxxxxxxxxxxxxxxxxxxxx";',
    'export const apiKey = process.env.API_KEY;',
  ])('does not flag the placeholder %j', (line) => {
    expect(kindsIn(line)).toEqual([]);
  });

  it('reports each kind at most once per line', () => {
    expect(kindsIn(`${secrets.ghp} ${secrets.ghs}`)).toEqual(['github_token']);
  });

  it('returns nothing for an empty patch', () => {
    expect(scanAddedLines('')).toEqual([]);
  });
});
