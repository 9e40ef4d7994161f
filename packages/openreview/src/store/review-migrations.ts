import type { MigrationSource } from '@patchloop/core';
import { loadMigrationsFrom } from '@patchloop/core';

/** openreview's own tables (tracked issues and pull requests), applied after core's migrations. */
export function loadOpenReviewMigrations(): MigrationSource {
  return loadMigrationsFrom(new URL('./migrations/', import.meta.url), 'openreview');
}
