import type { MigrationSource } from '@patchloop/core';
import { loadMigrationsFrom } from '@patchloop/core';

/** autocode's own tables (issues, runs, pull requests), applied after core's migrations. */
export function loadAutocodeMigrations(): MigrationSource {
  return loadMigrationsFrom(new URL('./migrations/', import.meta.url), 'autocode');
}
