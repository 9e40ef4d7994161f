import { AppError } from '@patchloop/core';
import { z } from 'zod';

/** Names the row a JSON column belongs to, so a bad value is reported precisely. */
export interface StoredJsonLocation {
  readonly table: string;
  readonly column: string;
  readonly key: string | number;
}

/**
 * Parses a JSON column of autocode's tables with zod. A value that fails is a bug or a hand
 * edit, so it fails loudly (STORE_ROW_INVALID) instead of being silently reset.
 */
export function parseStoredJson<T>(schema: z.ZodType<T>, text: string, where: StoredJsonLocation): T {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw invalidColumn(where, 'is not valid JSON', error);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalidColumn(where, z.prettifyError(parsed.error), parsed.error);
  return parsed.data;
}

/** Validates a single stored value (e.g. an outcome) the same way as a JSON column. */
export function parseStoredValue<T>(schema: z.ZodType<T>, value: unknown, where: StoredJsonLocation): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidColumn(where, z.prettifyError(parsed.error), parsed.error);
  return parsed.data;
}

function invalidColumn(where: StoredJsonLocation, problem: string, cause: unknown): AppError {
  return new AppError(
    'STORE_ROW_INVALID',
    `Column ${where.table}.${where.column} of row ${where.key} ${problem}. ` +
      'Restore the row from a state snapshot or delete it; autocode rebuilds it from GitHub.',
    { cause },
  );
}
