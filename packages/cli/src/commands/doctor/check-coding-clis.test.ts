import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { findExecutable } from './check-coding-clis.js';

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'patchloop-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function writeFile(file: string, mode: number): void {
  writeFileSync(file, '#!/bin/sh\n');
  chmodSync(file, mode);
}

describe('findExecutable', () => {
  it('finds a bare name in the first PATH directory holding it as an executable', async () => {
    const [first, second] = [tempDir(), tempDir()];
    writeFile(path.join(first, 'agent'), 0o644);
    writeFile(path.join(second, 'agent'), 0o755);

    const found = await findExecutable('agent', [first, second].join(path.delimiter), '/');

    expect(found).toBe(path.join(second, 'agent'));
  });

  it('resolves a path with a slash against the working directory', async () => {
    const dir = tempDir();
    writeFile(path.join(dir, 'agent'), 0o755);

    const found = await findExecutable('./agent', '', dir);

    expect(found).toBe(path.join(dir, 'agent'));
  });

  it('returns undefined for a missing name, a directory or an empty command', async () => {
    const dir = tempDir();

    expect(await findExecutable('missing-agent', dir, '/')).toBeUndefined();
    expect(await findExecutable(dir, '', '/')).toBeUndefined();
    expect(await findExecutable('', dir, '/')).toBeUndefined();
  });
});
