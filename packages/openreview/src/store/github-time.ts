// GitHub hands out ISO-8601 strings in more than one form (`Z`, `+00:00`, with and without
// fractions). Comparing them as strings is weakness 26 of the spec; everything here compares
// parsed instants instead.

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Epoch milliseconds of a GitHub timestamp, or `null` when it is missing or not a full ISO date-time. */
export function parseGitHubTime(value: string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (!ISO_DATE_TIME.test(trimmed)) return null;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : at;
}

/** The latest of several GitHub timestamps as epoch ms; unparseable ones are ignored. */
export function latestGitHubTime(values: readonly (string | null | undefined)[]): number | null {
  let latest: number | null = null;
  for (const value of values) {
    const at = parseGitHubTime(value);
    if (at !== null && (latest === null || at > latest)) latest = at;
  }
  return latest;
}

/** Returns whichever of two GitHub timestamps is later (the stored one on ties or when both fail to parse). */
export function laterGitHubTime(stored: string | null, incoming: string | null): string | null {
  const storedAt = parseGitHubTime(stored);
  const incomingAt = parseGitHubTime(incoming);
  if (incomingAt === null) return stored ?? incoming;
  if (storedAt === null || incomingAt > storedAt) return incoming;
  return stored;
}
