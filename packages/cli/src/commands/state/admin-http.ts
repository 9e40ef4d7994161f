import { AppError } from '@patchloop/core';

/** A daemon's answer: the HTTP status and the parsed JSON body (the raw text when it is not JSON). */
export interface AdminResponse {
  readonly status: number;
  readonly body: unknown;
}

/** The admin API of one running daemon, with ADMIN_TOKEN sent as a bearer token when configured. */
export interface AdminHttp {
  readonly baseUrl: string;
  /** The `service` `/health` reports, or undefined when nothing answers quickly. */
  probeService(): Promise<string | undefined>;
  request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<AdminResponse>;
}

/** Dependencies of {@link createAdminHttp}. */
export interface CreateAdminHttpOptions {
  readonly baseUrl: string;
  readonly adminToken: string | undefined;
  readonly fetch: typeof fetch;
}

// Long enough for a busy daemon on loopback, short enough that a stopped one is noticed at once.
const PROBE_TIMEOUT_MS = 1500;

/** Creates the client; nothing is sent until a method is called. */
export function createAdminHttp(options: CreateAdminHttpOptions): AdminHttp {
  const { baseUrl, adminToken } = options;
  const doFetch = options.fetch;
  return {
    baseUrl,
    probeService: async () => {
      try {
        const response = await doFetch(`${baseUrl}/health`, {
          signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
        });
        const body: unknown = await response.json();
        const service = isRecord(body) ? body['service'] : undefined;
        return typeof service === 'string' ? service : 'an unknown service';
      } catch {
        return undefined;
      }
    },
    request: async (method, path, body) => {
      const headers: Record<string, string> = {};
      if (adminToken !== undefined) headers['authorization'] = `Bearer ${adminToken}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      let response: Response;
      try {
        response = await doFetch(`${baseUrl}${path}`, {
          method,
          headers,
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      } catch (error) {
        throw new AppError('ADMIN_CALL_FAILED', `${method} ${baseUrl}${path} failed: ${messageOf(error)}`, {
          cause: error,
        });
      }
      const text = await response.text();
      return { status: response.status, body: parseJson(text) };
    },
  };
}

/** An operator-readable reason for a non-2xx answer, pointing at ADMIN_TOKEN when that is the cause. */
export function describeRefusal(response: AdminResponse): string {
  const { body } = response;
  const detail = isRecord(body) ? (body['message'] ?? body['detail']) : body;
  const problems = isRecord(body) && Array.isArray(body['problems']) ? body['problems'] : [];
  const text = [typeof detail === 'string' ? detail : JSON.stringify(detail), ...problems.map(String)]
    .filter((part) => part.length > 0)
    .join('\n- ');
  if (response.status === 401 || response.status === 403) {
    return `The daemon refused the admin call (HTTP ${response.status}): set ADMIN_TOKEN in the env file to the daemon's token. ${text}`;
  }
  return `The daemon answered HTTP ${response.status}: ${text}`;
}

/** Narrows an unknown JSON value to an object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
