import { renderMarker } from '@patchloop/core';
import { describe, expect, it } from 'vitest';
import { baseFailureComment } from './base-failure-comment.js';

const checks = [
  { name: 'test', summary: '3 failing tests in tests/parser.test.ts' },
  { name: 'lint', summary: '' },
];

describe('baseFailureComment', () => {
  it('names the checks, says they fail on the base branch too and how to continue', () => {
    const comment = baseFailureComment({ prNumber: 42, checks, baseBranch: 'release' });

    expect(comment.body).toMatchSnapshot();
  });

  it('keys its marker by pull request, base branch and sorted check names', () => {
    const comment = baseFailureComment({ prNumber: 42, checks, baseBranch: 'release' });

    expect(comment.marker).toBe(
      renderMarker({ service: 'autocode', kind: 'repair-base-failure', key: '42:release:lint,test' }),
    );
    expect(comment.body.endsWith(comment.marker)).toBe(true);
  });

  it('lists at most 20 checks and counts the rest', () => {
    const many = Array.from({ length: 21 }, (_unused, index) => ({
      name: `check-${index}`,
      summary: 'failed',
    }));

    const { body } = baseFailureComment({ prNumber: 1, checks: many, baseBranch: 'main' });

    expect(body).toContain('- `check-19`: failed');
    expect(body).not.toContain('`check-20`');
    expect(body).toContain('- …and 1 more checks.');
  });

  it('defuses mentions in check summaries taken from CI output', () => {
    const { body } = baseFailureComment({
      prNumber: 1,
      checks: [{ name: 'test', summary: 'ping @admins' }],
      baseBranch: 'main',
    });

    expect(body).toContain('- `test`: ping `@admins`');
  });
});
