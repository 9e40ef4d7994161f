import { z } from 'zod';
import { AppError } from '../errors/app-error.js';
import type { Clock } from '../time/clock.js';
import { createCoreSnapshotSections } from './core-snapshot-sections.js';
import type { Database } from './database.js';
import type { SnapshotSection } from './snapshot-section.js';

/** Version of the snapshot document format; bump it when the envelope changes shape. */
export const snapshotVersion = 1;

/** A full export of the state database, as served by the admin API. */
export interface StateSnapshotDocument {
  readonly snapshotVersion: typeof snapshotVersion;
  readonly exportedAt: string;
  readonly tables: Readonly<Record<string, readonly unknown[]>>;
}

/** What a restore replaced. */
export interface RestoreReport {
  readonly restoredRows: Readonly<Record<string, number>>;
  /** Tasks that were running in the snapshot and were restored as queued. */
  readonly recoveredRunningTasks: number;
}

/** Exports and restores the whole state; restore is validated first and applied in one transaction. */
export interface StateSnapshot {
  export(): StateSnapshotDocument;
  /** Throws SNAPSHOT_INVALID, listing every problem, and changes nothing when the document is bad. */
  restore(document: unknown): RestoreReport;
}

/** Dependencies; `sections` are a daemon's own tables, added after core's. */
export interface CreateStateSnapshotOptions {
  readonly db: Database;
  readonly clock: Clock;
  readonly sections?: readonly SnapshotSection[] | undefined;
}

const Envelope = z.object({
  snapshotVersion: z.literal(snapshotVersion),
  exportedAt: z.iso.datetime(),
  tables: z.record(z.string(), z.array(z.unknown())),
});
const MAX_LISTED_PROBLEMS = 20;

/** Creates the snapshot service over core's tables plus any daemon sections. */
export function createStateSnapshot(options: CreateStateSnapshotOptions): StateSnapshot {
  const { db, clock } = options;
  const sections = [...createCoreSnapshotSections(), ...(options.sections ?? [])];
  const names = new Set<string>();
  for (const section of sections) {
    if (names.has(section.name)) {
      throw new AppError('INTERNAL_INVARIANT', `Snapshot section "${section.name}" is registered twice.`);
    }
    names.add(section.name);
  }

  // A read transaction gives every section the same point-in-time view.
  const exportAll = db.transaction(() =>
    Object.fromEntries(sections.map((section) => [section.name, section.exportRows(db)])),
  );
  const restoreAll = db.transaction((validated: ReadonlyMap<string, readonly unknown[]>) => {
    // Lets a daemon's sections reference each other regardless of restore order.
    db.pragma('defer_foreign_keys = ON');
    for (const section of sections) section.restoreRows(db, validated.get(section.name) ?? []);
  });

  return {
    export: () => ({
      snapshotVersion,
      exportedAt: new Date(clock.now()).toISOString(),
      tables: exportAll(),
    }),
    restore: (document) => {
      const validated = validate(document, sections);
      try {
        restoreAll.immediate(validated);
      } catch (error) {
        // Constraint violations (duplicate ids or dedupe keys) only show up on insert.
        if (isConstraintError(error)) throw invalid([`rows conflict: ${(error as Error).message}`], error);
        throw error;
      }
      const tasks = validated.get('tasks') ?? [];
      return {
        restoredRows: Object.fromEntries([...validated].map(([name, rows]) => [name, rows.length])),
        recoveredRunningTasks: tasks.filter((row) => isRecord(row) && row['status'] === 'running').length,
      };
    },
  };
}

function validate(document: unknown, sections: readonly SnapshotSection[]): Map<string, readonly unknown[]> {
  const envelope = Envelope.safeParse(document);
  if (!envelope.success) {
    throw invalid(
      envelope.error.issues.map((issue) => `${pathOf(issue.path)}: ${issue.message}`),
      envelope.error,
    );
  }
  const problems: string[] = [];
  const tables = envelope.data.tables;
  const validated = new Map<string, readonly unknown[]>();
  for (const section of sections) {
    const rows = tables[section.name];
    if (rows === undefined) {
      problems.push(`tables.${section.name}: missing`);
      continue;
    }
    const parsedRows = rows.map((row, index) => {
      const parsed = section.rowSchema.safeParse(row);
      if (parsed.success) return parsed.data;
      for (const issue of parsed.error.issues) {
        problems.push(`tables.${section.name}[${index}]${pathOf(issue.path, '.')}: ${issue.message}`);
      }
      return undefined;
    });
    validated.set(section.name, parsedRows);
  }
  const known = new Set(sections.map((section) => section.name));
  for (const name of Object.keys(tables)) {
    if (!known.has(name)) problems.push(`tables.${name}: not a table this PatchLoop knows`);
  }
  if (problems.length > 0) throw invalid(problems, undefined);
  return validated;
}

function invalid(problems: readonly string[], cause: unknown): AppError {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
  const more = problems.length - listed.length;
  return new AppError(
    'SNAPSHOT_INVALID',
    `The state snapshot was refused and nothing was changed. Problems:\n- ${listed.join('\n- ')}` +
      (more > 0 ? `\n- ...and ${more} more` : ''),
    { cause },
  );
}

function pathOf(path: readonly PropertyKey[], prefix = ''): string {
  if (path.length === 0) return prefix === '' ? '(document)' : '';
  return prefix + path.map(String).join('.');
}

function isConstraintError(error: unknown): boolean {
  return (
    error instanceof Error &&
    'code' in error &&
    typeof error.code === 'string' &&
    error.code.startsWith('SQLITE_CONSTRAINT')
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
