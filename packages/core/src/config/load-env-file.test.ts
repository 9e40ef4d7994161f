import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { ConfigError } from './config-error.js';
import { mergeEnv, readEnvFile } from './load-env-file.js';

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patchloop-'));
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('readEnvFile', () => {
  it('parses the file with dotenv and reports its directory as the base for relative paths', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'conf'));
    const content = 'GITHUB_REPO=acme/widgets\n# a comment\nEXECUTION_TEST_COMMANDS="pnpm lint\npnpm test"\n';
    fs.writeFileSync(path.join(dir, 'conf', 'code.env'), content);

    const file = readEnvFile({ path: 'conf/code.env', cwd: dir, required: true });

    expect(file).toEqual({
      path: path.join(dir, 'conf', 'code.env'),
      found: true,
      values: { GITHUB_REPO: 'acme/widgets', EXECUTION_TEST_COMMANDS: 'pnpm lint\npnpm test' },
      baseDir: path.join(dir, 'conf'),
    });
  });

  it('accepts a missing default file', () => {
    const dir = tempDir();

    const file = readEnvFile({ path: '.env', cwd: dir, required: false });

    expect(file).toEqual({ path: path.join(dir, '.env'), found: false, values: {}, baseDir: dir });
  });

  it('fails with a ConfigError when a file named by --env is missing', () => {
    const dir = tempDir();

    const read = () => readEnvFile({ path: 'missing.env', cwd: dir, required: true });

    expect(read).toThrow(ConfigError);
    expect(read).toThrow(
      `--env: file ${path.join(dir, 'missing.env')} does not exist — check the --env path`,
    );
  });

  it('fails with a ConfigError when the path is a directory', () => {
    const dir = tempDir();

    expect(() => readEnvFile({ path: '.', cwd: dir, required: false })).toThrow(
      /--env: cannot read .* \(EISDIR\)/,
    );
  });
});

describe('mergeEnv', () => {
  it('lets real environment variables win over the file, even when empty', () => {
    const fileEnv = { DRY_RUN: 'false', GITHUB_REPO: 'acme/file', LOG_LEVEL: 'debug' };
    const processEnv = { DRY_RUN: 'true', LOG_LEVEL: '', HOME: '/home/operator', UNSET: undefined };

    const merged = mergeEnv({ fileEnv, processEnv });

    expect(merged).toEqual({
      DRY_RUN: 'true',
      GITHUB_REPO: 'acme/file',
      LOG_LEVEL: '',
      HOME: '/home/operator',
    });
  });
});
