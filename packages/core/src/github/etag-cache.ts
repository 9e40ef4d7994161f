// Conditional requests: GitHub answers `If-None-Match: <etag>` with 304 when nothing changed, and
// a 304 costs no rate limit. Wrapping every GET (pagination pages included) with this cache is
// what makes an idle poll free. Types are structural so this file needs no Octokit import.

/** The response shape the cache stores and replays (Octokit's `OctokitResponse`). */
export interface CacheableResponse {
  readonly status: number;
  readonly url: string;
  readonly headers: Readonly<Record<string, unknown>>;
  readonly data: unknown;
}

/** The request options shape the cache needs (Octokit's endpoint options). */
export interface CacheableRequestOptions {
  readonly headers: Record<string, unknown>;
}

/** Counters for observability: how many GETs were answered from the cache by a 304. */
export interface EtagCacheStats {
  readonly notModified: number;
  readonly stored: number;
  readonly entries: number;
}

/** An in-memory ETag cache for one client (one token), bounded by least-recent use. */
export interface EtagCache {
  /**
   * Sends `options` through `request` conditionally when `key` (method + full URL) has a
   * cached ETag; a 304 replays a copy of the cached response as a 200. `key` undefined = bypass.
   */
  request<O extends CacheableRequestOptions, R extends CacheableResponse>(
    key: string | undefined,
    request: (options: O) => R | Promise<R>,
    options: O,
  ): Promise<R>;
  stats(): EtagCacheStats;
}

interface Entry {
  readonly etag: string;
  readonly response: CacheableResponse;
}

/** Creates an ETag cache holding at most `maxEntries` responses (default 1000). */
export function createEtagCache(options: { readonly maxEntries?: number } = {}): EtagCache {
  const maxEntries = options.maxEntries ?? 1000;
  const entries = new Map<string, Entry>();
  let notModified = 0;
  let stored = 0;

  const remember = (key: string, etag: string, response: CacheableResponse): void => {
    entries.delete(key);
    // A copy: Octokit's paginate rewrites response.data in place.
    entries.set(key, { etag, response: structuredClone(response) });
    stored += 1;
    const oldest = entries.keys().next();
    if (entries.size > maxEntries && oldest.done !== true) entries.delete(oldest.value);
  };

  return {
    async request(key, request, requestOptions) {
      if (key === undefined) return request(requestOptions);
      const cached = entries.get(key);
      // Set on the options object itself: Octokit's hook chain binds every inner hook to the
      // original options, so a modified copy would never reach the wire.
      if (cached) requestOptions.headers['if-none-match'] = cached.etag;
      try {
        const response = await request(requestOptions);
        const etag = response.headers['etag'];
        if (typeof etag === 'string' && etag.length > 0 && response.status === 200) {
          remember(key, etag, response);
        }
        return response;
      } catch (error) {
        if (!cached || !isNotModified(error)) throw error;
        notModified += 1;
        entries.delete(key);
        entries.set(key, cached);
        // The replay type is the type that was stored for this key.
        return structuredClone(cached.response) as Awaited<ReturnType<typeof request>>;
      }
    },
    stats: () => ({ notModified, stored, entries: entries.size }),
  };
}

function isNotModified(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'status' in error && error.status === 304;
}
