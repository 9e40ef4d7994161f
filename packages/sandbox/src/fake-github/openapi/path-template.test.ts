import { describe, expect, it } from 'vitest';
import { compilePathTemplate, findBestTemplate } from './path-template.js';

describe('compilePathTemplate', () => {
  it('extracts decoded parameters, keeping an encoded slash inside one segment', () => {
    const template = compilePathTemplate('/repos/{owner}/{repo}/branches/{branch}');

    expect(template.match('/repos/acme/widgets/branches/feature%2Fnew')).toEqual({
      owner: 'acme',
      repo: 'widgets',
      branch: 'feature/new',
    });
  });

  it.each([
    ['/repos/acme/widgets/branches', 'too few segments'],
    ['/repos/acme/widgets/branches/a/b', 'too many segments'],
    ['/repos/acme/widgets/tags/main', 'a different literal'],
    ['/repos/acme/widgets/branches/%E0%A4%A', 'a malformed escape'],
  ])('does not match %s (%s)', (pathname) => {
    expect(compilePathTemplate('/repos/{owner}/{repo}/branches/{branch}').match(pathname)).toBeUndefined();
  });
});

describe('findBestTemplate', () => {
  it('prefers a literal segment over a parameter, as GitHub routes /issues/comments', () => {
    const candidates = [
      '/repos/{owner}/{repo}/issues/{issue_number}',
      '/repos/{owner}/{repo}/issues/comments',
    ].map((template) => ({ path: compilePathTemplate(template) }));

    const found = findBestTemplate(candidates, '/repos/acme/widgets/issues/comments');

    expect(found?.candidate.path.template).toBe('/repos/{owner}/{repo}/issues/comments');
  });
});
