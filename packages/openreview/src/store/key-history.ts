import { AppError } from '@patchloop/core';
import { z } from 'zod';

/** How many processing keys a tracked item remembers (the original's cap). */
export const maxRememberedKeys = 32;

const KeyList = z.array(z.string());

/**
 * Appends keys to a key history: aliases first, the primary key last so it is the most recent,
 * duplicates moved to the end instead of repeated, and only the newest `maxRememberedKeys` kept.
 */
export function appendKeys(
  history: readonly string[],
  primary: string,
  aliases: readonly string[] = [],
): readonly string[] {
  const added = [...aliases, primary].map((key) => key.trim()).filter((key) => key !== '');
  const next = history.filter((key) => !added.includes(key));
  for (const key of added) {
    if (!next.includes(key)) next.push(key);
  }
  return next.slice(-maxRememberedKeys);
}

/** Reads a stored key list column; a malformed column is a hand edit and fails loudly. */
export function parseKeyList(
  text: string,
  where: { readonly table: string; readonly number: number },
): string[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw invalidKeyList(where, error);
  }
  const parsed = KeyList.safeParse(raw);
  if (!parsed.success) throw invalidKeyList(where, parsed.error);
  return parsed.data;
}

function invalidKeyList(
  where: { readonly table: string; readonly number: number },
  cause: unknown,
): AppError {
  return new AppError(
    'STORE_ROW_INVALID',
    `The key list of ${where.table} row ${where.number} is not a JSON array of strings. ` +
      'Restore the row from a snapshot or delete it to let openreview rebuild it from GitHub markers.',
    { cause },
  );
}
