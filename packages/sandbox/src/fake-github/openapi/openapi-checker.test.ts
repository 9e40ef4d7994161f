import { describe, expect, it } from 'vitest';
import { sharedOpenApiChecker } from './shared-openapi-checker.js';

describe('openApiChecker', () => {
  it('accepts a documented review body and reports the invalid field of an undocumented one', async () => {
    const checker = await sharedOpenApiChecker();
    const template = '/repos/{owner}/{repo}/pulls/{pull_number}/reviews';

    const valid = checker.validateRequest('POST', template, {}, { event: 'COMMENT', body: 'ok' });
    const invalid = checker.validateRequest('POST', template, {}, { event: 'SHIP_IT', body: 'ok' });

    expect(valid).toEqual([]);
    expect(invalid).toEqual([expect.objectContaining({ field: 'event', code: 'invalid' })]);
  });

  it('reports a missing required body field as missing_field', async () => {
    const checker = await sharedOpenApiChecker();

    const problems = checker.validateRequest(
      'POST',
      '/repos/{owner}/{repo}/issues/{issue_number}/comments',
      {},
      {},
    );

    expect(problems).toEqual([expect.objectContaining({ field: 'body', code: 'missing_field' })]);
  });

  it('coerces query strings to their documented types before checking them', async () => {
    const checker = await sharedOpenApiChecker();
    const template = '/repos/{owner}/{repo}/issues';

    expect(checker.validateRequest('GET', template, { per_page: '50', state: 'all' }, undefined)).toEqual([]);
    expect(checker.validateRequest('GET', template, { per_page: 'many' }, undefined)).toEqual([
      expect.objectContaining({ field: 'per_page' }),
    ]);
  });

  it('accepts null where the description says nullable, even without a sibling type', async () => {
    const checker = await sharedOpenApiChecker();

    // `milestone` is `nullable: true` over a oneOf in issues/update.
    const problems = checker.validateRequest(
      'PATCH',
      '/repos/{owner}/{repo}/issues/{issue_number}',
      {},
      {
        milestone: null,
      },
    );

    expect(problems).toEqual([]);
  });

  it('resolves a concrete path to its documented operation', async () => {
    const checker = await sharedOpenApiChecker();

    const matched = checker.matchPath('PUT', '/repos/acme/widgets/pulls/7/merge');

    expect(matched).toEqual({
      template: '/repos/{owner}/{repo}/pulls/{pull_number}/merge',
      operationId: 'pulls/merge',
      params: { owner: 'acme', repo: 'widgets', pull_number: '7' },
    });
  });
});
