import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

describe('patchloop demo', () => {
  it('plays the whole loop on the sandbox and exits 0', async () => {
    const child = spawn(process.execPath, [bin, 'demo'], {
      env: { PATH: process.env['PATH'] ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });

    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));

    expect(code, stderr).toBe(0);
    expect(stdout).toContain('[6/6] patchloop code pushed "fix(review-feedback-2): ');
    expect(stdout).toContain('issue #1: 1 analysis comment(s) by patchloop review');
    expect(stdout).toMatch(
      /PR #2: [1-9]\d* review\(s\) by patchloop review, 2 commit\(s\) on autocode\/issue-1-/,
    );
    expect(stdout).toContain('Nothing was merged and nothing was pushed to main.');
  }, 120_000);
});
