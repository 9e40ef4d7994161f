import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'dotenv';
import { ConfigError } from './config-error.js';
import type { EnvRecord } from './config-schema.js';

/** A `.env` file as read from disk. */
export interface EnvFile {
  /** Absolute path that was looked up. */
  readonly path: string;
  /** False when the (default, optional) file does not exist. */
  readonly found: boolean;
  readonly values: EnvRecord;
  /** The file's directory: relative paths inside it resolve here. */
  readonly baseDir: string;
}

/** Which file to read: `--env FILE` makes it `required`; the default `./.env` may be missing. */
export interface ReadEnvFileOptions {
  readonly path: string;
  /** Directory a relative `path` is resolved against (the process cwd at the call site). */
  readonly cwd: string;
  readonly required: boolean;
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/**
 * Reads and parses a `.env` file with dotenv. A missing file is fine unless it was named
 * explicitly; any other read failure is a ConfigError, reported before anything starts.
 */
export function readEnvFile(options: ReadEnvFileOptions): EnvFile {
  const filePath = path.resolve(options.cwd, options.path);
  const baseDir = path.dirname(filePath);
  let source: string;
  try {
    source = readFileSync(filePath, 'utf8');
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' && !options.required) return { path: filePath, found: false, values: {}, baseDir };
    const message =
      code === 'ENOENT'
        ? `file ${filePath} does not exist — check the --env path`
        : `cannot read ${filePath} (${code ?? 'unknown error'}) — check that it is a readable file`;
    throw new ConfigError([{ key: '--env', message }]);
  }
  return { path: filePath, found: true, values: parse(source), baseDir };
}

/** The two env sources a daemon combines. */
export interface MergeEnvInput {
  readonly fileEnv: EnvRecord;
  readonly processEnv: EnvRecord;
}

/**
 * Lays the file's variables under the real environment: a variable set in the process wins
 * even when it is empty, as with dotenv's own loading and the original PatchLoop.
 */
export function mergeEnv(input: MergeEnvInput): EnvRecord {
  const merged: Record<string, string | undefined> = { ...input.fileEnv };
  for (const [key, value] of Object.entries(input.processEnv)) {
    if (value !== undefined) merged[key] = value;
  }
  return merged;
}
