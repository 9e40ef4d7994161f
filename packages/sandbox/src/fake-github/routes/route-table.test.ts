import { describe, expect, it } from 'vitest';
import { sharedOpenApiChecker } from '../openapi/shared-openapi-checker.js';
import { fakeGitHubRoutes } from './route-table.js';

describe('fakeGitHubRoutes', () => {
  it('serves only operations that exist in GitHub’s REST description', async () => {
    const checker = await sharedOpenApiChecker();

    const undocumented = fakeGitHubRoutes.filter(
      (route) => checker.operation(route.method, route.path) === undefined,
    );

    expect(undocumented.map((route) => `${route.method} ${route.path}`)).toEqual([]);
  });

  it('serves each method and path once and never a merge', () => {
    const keys = fakeGitHubRoutes.map((route) => `${route.method} ${route.path}`);

    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.filter((key) => key.includes('/merge'))).toEqual([]);
  });
});
