import type { BareRepository } from './bare-repository.js';
import { createBareRepository } from './bare-repository.js';

/** Options for {@link createLargeRepository}. */
export interface CreateLargeRepositoryOptions {
  /** Number of small files in the first commit (benchmarks use 50,000). */
  readonly fileCount: number;
  /** Files per directory, so trees look like a real project rather than one huge folder. */
  readonly filesPerDirectory?: number;
  readonly dir?: string;
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * A bare repository with many small files, for benchmarks of worktree creation, diffing
 * and inspection. Built in one `git fast-import` run, so 50,000 files take about a second.
 */
export function createLargeRepository(options: CreateLargeRepositoryOptions): BareRepository {
  if (!Number.isInteger(options.fileCount) || options.fileCount < 1) {
    throw new Error(`fileCount must be a positive integer, got ${options.fileCount}.`);
  }
  const perDirectory = options.filesPerDirectory ?? 500;
  const files: Record<string, string> = {};
  for (let index = 0; index < options.fileCount; index += 1) {
    const directory = `src/group-${String(Math.floor(index / perDirectory)).padStart(4, '0')}`;
    files[`${directory}/module-${index}.ts`] = `export const value${index} = ${index};\n`;
  }
  return createBareRepository({
    files,
    ...(options.dir === undefined ? {} : { dir: options.dir }),
    ...(options.env === undefined ? {} : { env: options.env }),
  });
}
