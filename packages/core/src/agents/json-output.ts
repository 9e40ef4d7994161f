import type { z } from 'zod';

/**
 * Parses JSON Lines output, skipping lines that are not JSON (banners and warnings some CLIs mix
 * into stdout). Returns the parsed values in order.
 */
export function parseJsonLines(stdout: string): unknown[] {
  const values: unknown[] = [];
  for (const line of stdout.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) continue;
    const value = tryParseJson(trimmed);
    if (value !== undefined) values.push(value);
  }
  return values;
}

/**
 * Parses a CLI's single JSON document: the whole output if it parses, else the first line that
 * starts a JSON value through the end (for CLIs that print a warning before the document).
 */
export function parseJsonDocument(stdout: string): unknown {
  const whole = tryParseJson(stdout.trim());
  if (whole !== undefined) return whole;
  const lines = stdout.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]?.trimStart() ?? '';
    if (!line.startsWith('{') && !line.startsWith('[')) continue;
    const value = tryParseJson(lines.slice(index).join('\n').trim());
    if (value !== undefined) return value;
  }
  return undefined;
}

function tryParseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Not JSON: the caller decides whether that is noise or an unparseable answer.
    return undefined;
  }
}

/** Parses JSON Lines output and keeps the values matching `schema` (unknown event kinds are skipped). */
export function parseJsonEvents<T>(stdout: string, schema: z.ZodType<T>): T[] {
  return parseJsonLines(stdout).flatMap((value) => {
    const parsed = schema.safeParse(value);
    return parsed.success ? [parsed.data] : [];
  });
}
