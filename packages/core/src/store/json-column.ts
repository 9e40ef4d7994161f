import { z } from 'zod';
import { AppError } from '../errors/app-error.js';

/** Any JSON value, as stored in a JSON column. */
export const JsonValue = z.json();
/** Any JSON value, as stored in a JSON column. */
export type JsonValue = z.infer<typeof JsonValue>;

/** A JSON object (task payloads, event data). */
export const JsonObject = z.record(z.string(), z.json());
/** A JSON object (task payloads, event data). */
export type JsonObject = z.infer<typeof JsonObject>;

/** Names the row a JSON column belongs to, so a bad value is reported precisely. */
export interface JsonColumnLocation {
  readonly table: string;
  readonly column: string;
  readonly key: string | number;
}

/**
 * Parses a JSON column and validates it with zod. A row that fails is a bug or a hand edit,
 * so it fails loudly here instead of leaking an unexpected shape into the domain.
 */
export function parseJsonColumn<T>(schema: z.ZodType<T>, text: string, where: JsonColumnLocation): T {
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

function invalidColumn(where: JsonColumnLocation, problem: string, cause: unknown): AppError {
  return new AppError(
    'STORE_ROW_INVALID',
    `Column ${where.table}.${where.column} of row ${where.key} ${problem}. Restore the row from a snapshot.`,
    { cause },
  );
}
