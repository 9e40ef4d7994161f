import { z } from 'zod';

// Lenient field readers for the planner's JSON (weakness 19). A model answer is an external
// boundary, so every field is read through zod, but a slightly off value is repaired to the
// conservative reading instead of failing the whole plan.

// Longest string and longest list kept from a planner answer.
const maxTextChars = 500;
const maxListItems = 20;

/** Trims and caps a string. */
export function capText(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > maxTextChars ? trimmed.slice(0, maxTextChars).trimEnd() : trimmed;
}

function scalarText(value: unknown): string {
  if (typeof value === 'string') return capText(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/** A string field: scalars are stringified, anything else is empty. */
export const textField = z.unknown().optional().transform(scalarText);

/**
 * A list of strings. A lone string is one item (the original iterated it per character);
 * items are trimmed and capped, empties and non-scalars dropped, at most 20 kept.
 */
export const textListField = z
  .unknown()
  .optional()
  .transform((value) => {
    const items = Array.isArray(value) ? value : [value];
    return items
      .map(scalarText)
      .filter((item) => item !== '')
      .slice(0, maxListItems);
  });

/** One of `values`, compared trimmed and case-insensitively; anything else is `fallback`. */
export function choiceField<T extends string>(values: readonly T[], fallback: T) {
  return z
    .unknown()
    .optional()
    .transform((value): T => {
      const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
      return values.find((candidate) => candidate === text) ?? fallback;
    });
}

/**
 * A yes/no flag: booleans and the strings "true"/"false" (any case). Absent is `false`; any
 * other value is `true`, the conservative reading for an approval flag the model garbled.
 */
export const flagField = z
  .unknown()
  .optional()
  .transform((value) => {
    if (value === undefined || value === null) return false;
    if (typeof value === 'boolean') return value;
    if (typeof value === 'string') {
      const text = value.trim().toLowerCase();
      if (text === 'true') return true;
      if (text === 'false') return false;
    }
    return true;
  });

/** A number clamped to 0..1; numeric strings are read, anything non-numeric is 0. */
export const confidenceField = z
  .unknown()
  .optional()
  .transform((value) => {
    const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isFinite(number)) return 0;
    return Math.min(1, Math.max(0, number));
  });

/**
 * Repository-relative paths or prefixes: backslashes become `/`, a leading `./` and wrapping
 * backticks or quotes are removed; absolute paths, `..` segments, URLs and empties are dropped;
 * duplicates removed; at most 20 kept.
 */
export const pathListField = textListField.transform((items) => {
  const paths = items.map(normalizePath).filter((path): path is string => path !== undefined);
  return [...new Set(paths)].slice(0, maxListItems);
});

const wrapping = /^[`'"]+|[`'"]+$/g;
const urlOrDrive = /^(?:[a-z][a-z0-9+.-]*:\/\/|[a-z]:|mailto:|data:)/i;

function normalizePath(item: string): string | undefined {
  const path = item.replace(wrapping, '').trim().replace(/\\/g, '/');
  // A drive letter (`C:`) or any scheme (`https:`, `file:`) is not a repository path, and
  // neither is anything rooted at `/` or at a home directory.
  if (path.startsWith('/') || path.startsWith('~') || urlOrDrive.test(path)) return undefined;
  const segments = path.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.length === 0 || segments.includes('..')) return undefined;
  return `${segments.join('/')}${path.endsWith('/') ? '/' : ''}`;
}
