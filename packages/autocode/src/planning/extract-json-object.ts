import { AppError } from '@patchloop/core';

const jsonFence = /```json\s*([\s\S]*?)```/i;
// Any fence pair; a language tag on the opening line is skipped so `js` does not poison the parse.
const anyFence = /```[\w+-]*[^\S\n]*\n?([\s\S]*?)```/;
const previewChars = 200;

/**
 * Reads the JSON object out of a model's answer (spec autocode-execution §2.4 "Parsing"): the
 * `json` fence, else the first fence, else the whole text; failing that, the first `{...}` in the
 * raw text that decodes. Throws AGENT_ANSWER_INVALID naming `context` when there is none.
 */
export function extractJsonObject(text: string, context: string): Record<string, unknown> {
  const candidate = fencedCandidate(text.trim());
  const direct = tryParse(candidate);
  if (direct.ok) {
    // A decodable non-object is a wrong answer, not noise around an answer: no fallback scan.
    if (isRecord(direct.value)) return direct.value;
    throw new AppError('AGENT_ANSWER_INVALID', `${context} is not a JSON object`);
  }
  const scanned = firstObjectIn(text);
  if (scanned !== undefined) return scanned;
  throw new AppError(
    'AGENT_ANSWER_INVALID',
    `${context}: no JSON object found in the answer: ${text.slice(0, previewChars)}`,
  );
}

function fencedCandidate(trimmed: string): string {
  const tagged = jsonFence.exec(trimmed);
  if (tagged?.[1] !== undefined) return tagged[1].trim();
  const plain = anyFence.exec(trimmed);
  if (plain?.[1] !== undefined) return plain[1].trim();
  return trimmed;
}

type ParseResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

function tryParse(candidate: string): ParseResult {
  try {
    return { ok: true, value: JSON.parse(candidate) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Whether a value is a plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// The first `{` whose balanced span decodes wins (first object, not last; not greedy), like
// Python's raw_decode tried at each brace. String literals are skipped so braces inside them
// do not end the span early.
function firstObjectIn(raw: string): Record<string, unknown> | undefined {
  for (let start = raw.indexOf('{'); start !== -1; start = raw.indexOf('{', start + 1)) {
    const end = balancedEnd(raw, start);
    if (end === undefined) continue;
    const parsed = tryParse(raw.slice(start, end + 1));
    if (parsed.ok && isRecord(parsed.value)) return parsed.value;
  }
  return undefined;
}

function balancedEnd(raw: string, start: number): number | undefined {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let index = start; index < raw.length; index += 1) {
    const char = raw[index];
    if (inString) {
      if (escaped) escaped = false;
      else if (char === '\\') escaped = true;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === '{' || char === '[') {
      depth += 1;
    } else if (char === '}' || char === ']') {
      depth -= 1;
      if (depth === 0) return index;
      if (depth < 0) return undefined;
    }
  }
  return undefined;
}
