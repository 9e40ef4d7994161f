import { describe, expect, it } from 'vitest';
import { type CacheableResponse, createEtagCache } from './etag-cache.js';

interface Options {
  readonly headers: Readonly<Record<string, unknown>>;
}

// A tiny stand-in for GitHub: answers 304 when If-None-Match matches the current ETag.
function createFakeEndpoint(initial: unknown) {
  let data = initial;
  let version = 1;
  const seen: Options[] = [];
  return {
    seen,
    change(next: unknown): void {
      data = next;
      version += 1;
    },
    request: async (options: Options): Promise<CacheableResponse> => {
      seen.push(options);
      const etag = `"v${version}"`;
      if (options.headers['if-none-match'] === etag) {
        throw Object.assign(new Error('Not modified'), { status: 304 });
      }
      return {
        status: 200,
        url: 'https://api.github.test/x',
        headers: { etag },
        data: structuredClone(data),
      };
    },
  };
}

describe('etagCache.request', () => {
  it('sends If-None-Match with the stored ETag and replays the cached data on 304', async () => {
    const endpoint = createFakeEndpoint([{ id: 1 }]);
    const cache = createEtagCache();
    await cache.request('GET /x', endpoint.request, { headers: {} });

    const second = await cache.request('GET /x', endpoint.request, { headers: {} });

    expect(endpoint.seen[1]?.headers['if-none-match']).toBe('"v1"');
    expect(second).toMatchObject({ status: 200, data: [{ id: 1 }] });
    expect(cache.stats()).toMatchObject({ notModified: 1, entries: 1 });
  });

  it('returns fresh data and stores the new ETag when the resource changed', async () => {
    const endpoint = createFakeEndpoint([{ id: 1 }]);
    const cache = createEtagCache();
    await cache.request('GET /x', endpoint.request, { headers: {} });
    endpoint.change([{ id: 1 }, { id: 2 }]);

    const changed = await cache.request('GET /x', endpoint.request, { headers: {} });
    const replayed = await cache.request('GET /x', endpoint.request, { headers: {} });

    expect(changed.data).toEqual([{ id: 1 }, { id: 2 }]);
    expect(replayed.data).toEqual([{ id: 1 }, { id: 2 }]);
    expect(endpoint.seen[2]?.headers['if-none-match']).toBe('"v2"');
  });

  it('hands out copies, so a caller rewriting response data cannot corrupt the cache', async () => {
    const endpoint = createFakeEndpoint({ total_count: 1, check_runs: [{ id: 1 }] });
    const cache = createEtagCache();
    const first = await cache.request('GET /x', endpoint.request, { headers: {} });
    (first.data as Record<string, unknown>)['check_runs'] = 'rewritten';

    const replayed = await cache.request('GET /x', endpoint.request, { headers: {} });

    expect(replayed.data).toEqual({ total_count: 1, check_runs: [{ id: 1 }] });
  });

  it('does not touch requests without a key, such as writes', async () => {
    const endpoint = createFakeEndpoint({});
    const cache = createEtagCache();
    await cache.request(undefined, endpoint.request, { headers: {} });

    await cache.request(undefined, endpoint.request, { headers: {} });

    expect(endpoint.seen[1]?.headers['if-none-match']).toBeUndefined();
    expect(cache.stats().entries).toBe(0);
  });

  it('rethrows failures other than 304', async () => {
    const cache = createEtagCache();
    const failing = async (): Promise<CacheableResponse> => {
      throw Object.assign(new Error('Bad Gateway'), { status: 502 });
    };

    await expect(cache.request('GET /x', failing, { headers: {} })).rejects.toThrow('Bad Gateway');
  });

  it('evicts the least recently used entry beyond its capacity', async () => {
    const endpoint = createFakeEndpoint({});
    const cache = createEtagCache({ maxEntries: 2 });
    await cache.request('GET /a', endpoint.request, { headers: {} });
    await cache.request('GET /b', endpoint.request, { headers: {} });
    await cache.request('GET /a', endpoint.request, { headers: {} });

    await cache.request('GET /c', endpoint.request, { headers: {} });
    await cache.request('GET /b', endpoint.request, { headers: {} });

    expect(endpoint.seen[4]?.headers['if-none-match']).toBeUndefined();
    expect(cache.stats().entries).toBe(2);
  });
});
