// Feedback cursors and "latest review" choices compare GitHub times. The original compared
// strings, so `…T10:00:00Z` and `…T10:00:00+00:00` differed (weakness 28); these helpers compare
// the instants the strings denote and fall back to string order only when a side does not parse.

const isoInstant =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Microseconds since the epoch for an ISO-8601 time; `Z` and `+00:00` are the same instant and a
 * time without a zone is read as UTC. Returns `null` for anything else.
 */
export function parseInstant(text: string): number | null {
  const match = isoInstant.exec(text.trim());
  if (match === null) return null;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const parts = [month, day, hour ?? '0', minute ?? '0', second ?? '0'].map(Number);
  const [mm = 0, dd = 0, hh = 0, mi = 0, ss = 0] = parts;
  // Date.UTC rolls "month 13" over into the next year; such text is not a time at all.
  if (mm < 1 || mm > 12 || dd < 1 || dd > 31 || hh > 23 || mi > 59 || ss > 60) return null;
  const epochMs = Date.UTC(Number(year), mm - 1, dd, hh, mi, ss);
  const micros = Number((fraction ?? '').padEnd(6, '0').slice(0, 6));
  return epochMs * 1000 + micros - zoneOffsetMinutes(zone) * 60_000_000;
}

/** Orders two GitHub times as instants; when either does not parse, as plain strings. */
export function compareInstants(a: string, b: string): number {
  const left = parseInstant(a);
  const right = parseInstant(b);
  if (left === null || right === null) return compareStrings(a, b);
  return Math.sign(left - right);
}

/**
 * Orders ids: numeric ids by value (so `99` sorts before `100`), anything else as strings after
 * them. Feedback ids are GitHub's numeric ids except for checks (`<name>@<sha>`).
 */
export function compareIds(a: string, b: string): number {
  const numericA = /^\d+$/.test(a);
  const numericB = /^\d+$/.test(b);
  if (numericA && numericB) return a.length === b.length ? compareStrings(a, b) : a.length - b.length;
  if (numericA !== numericB) return numericA ? -1 : 1;
  return compareStrings(a, b);
}

function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function zoneOffsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
}
