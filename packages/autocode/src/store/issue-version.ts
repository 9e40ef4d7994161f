// An issue version is the issue's GitHub `updated_at`. Webhook payloads and REST answers may
// spell the same instant differently (`Z` or `+00:00`, with or without fractions), so versions
// that parse as ISO date-times compare as instants; anything else compares as trimmed text.

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** The comparison key of an issue version: epoch ms for ISO date-times, else the trimmed text. */
export function issueVersionKey(version: string): string {
  const trimmed = version.trim();
  if (!ISO_DATE_TIME.test(trimmed)) return trimmed;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? trimmed : `@${at}`;
}

/** True when two issue versions name the same instant (or the same text). */
export function sameIssueVersion(a: string, b: string): boolean {
  return issueVersionKey(a) === issueVersionKey(b);
}

/** How many processed versions an issue remembers (the original's cap). */
export const maxRememberedVersions = 16;

/**
 * Appends a version to a history: a version already there (by instant) moves to the end instead
 * of repeating, and only the newest {@link maxRememberedVersions} are kept.
 */
export function appendIssueVersion(history: readonly string[], version: string): readonly string[] {
  const added = version.trim();
  if (added === '') return history;
  const key = issueVersionKey(added);
  const next = history.filter((stored) => issueVersionKey(stored) !== key);
  next.push(added);
  return next.slice(-maxRememberedVersions);
}
