import { loadOpenApiDocument } from './load-openapi-document.js';
import { createOpenApiChecker, type OpenApiChecker } from './openapi-checker.js';

// Deliberate process-wide cache (the one exception to "no module state" in the sandbox): parsing
// and indexing the 13 MB description costs ~0.7 s, and every fake GitHub in a test run shares it.
// It is filled on the first start, never at import time.
let shared: Promise<OpenApiChecker> | undefined;

/** The process-wide checker over GitHub's REST description, loaded on first use. */
export function sharedOpenApiChecker(): Promise<OpenApiChecker> {
  if (shared === undefined) {
    const loading = loadOpenApiDocument().then(createOpenApiChecker);
    // A failed load must not poison later starts.
    loading.catch(() => {
      if (shared === loading) shared = undefined;
    });
    shared = loading;
  }
  return shared;
}
