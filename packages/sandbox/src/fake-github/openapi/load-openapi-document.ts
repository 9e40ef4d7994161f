import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { OpenApiDocument } from './openapi-types.js';

// Only this 13 MB file is read: the package's index pulls in every GitHub flavour (hundreds of MB).
const descriptionModule = '@octokit/openapi/generated/api.github.com.json';

type JsonObject = Record<string, unknown>;

/** Reads GitHub's REST description from `@octokit/openapi` and makes its schemas Ajv-ready. */
export async function loadOpenApiDocument(): Promise<OpenApiDocument> {
  const require = createRequire(import.meta.url);
  const text = await readFile(require.resolve(descriptionModule), 'utf8');
  const document = JSON.parse(text) as JsonObject;
  rewriteNullable(document['paths']);
  rewriteNullable(document['components']);
  return document as unknown as OpenApiDocument;
}

/**
 * OpenAPI 3.0 spells "or null" as `nullable: true`, which JSON Schema (and Ajv) do not know;
 * Ajv even refuses `nullable` without a sibling `type`. Rewrite it in place into plain JSON Schema.
 */
function rewriteNullable(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) rewriteNullable(item);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const schema = node as JsonObject;
  for (const value of Object.values(schema)) rewriteNullable(value);
  if (schema['nullable'] !== true) return;
  delete schema['nullable'];
  const type = schema['type'];
  if (typeof type === 'string') {
    schema['type'] = [type, 'null'];
    const allowed = schema['enum'];
    if (Array.isArray(allowed) && !allowed.includes(null)) allowed.push(null);
    return;
  }
  // No `type` (allOf/oneOf/anyOf/$ref): keep the schema as one branch and allow null as the other.
  const inner: JsonObject = { ...schema };
  for (const key of Object.keys(schema)) delete schema[key];
  schema['anyOf'] = [inner, { type: 'null' }];
}
