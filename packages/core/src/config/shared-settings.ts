import { z } from 'zod';
import type { ConfigContext, ConfigSection } from './config-schema.js';
import type { GitHubRepo } from './env-parsers.js';
import {
  booleanVar,
  enumVar,
  integerVar,
  pathVar,
  repoVar,
  secretVar,
  stringVar,
  urlVar,
} from './env-parsers.js';

// Settings sections both daemons compose. Each reads its own env variables (names kept from
// the original PatchLoop) and returns a nested camelCase object; see also event-source-settings.ts
// and coding-cli-settings.ts.

/** A git branch or ref prefix: no spaces, no `..`, no leading `-` or `/`, no trailing `/` or `.lock`. */
export const gitRefNamePattern = /^(?![-/])(?!.*\.\.)(?!.*\/\/)(?!.*[/.]$)(?!.*\.lock$)[A-Za-z0-9._/-]+$/;

/** A GitHub login, optionally with a leading `@` (stripped by the sections that accept it). */
export const githubLoginPattern = /^@?[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/;

/** GitHub access and identity. */
export interface GitHubSettings {
  /** Read token for every REST call. Never passed to the coding CLI. */
  readonly token: string;
  /** Token for writes and pushes; each daemon decides whether it is required. */
  readonly writeToken: string | undefined;
  readonly repo: GitHubRepo;
  /** REST base URL: api.github.com, a GitHub Enterprise Server `/api/v3`, or the sandbox. */
  readonly apiUrl: string;
  /** HMAC secret of `POST /webhook`; required once the webhook is enabled. */
  readonly webhookSecret: string | undefined;
  /** Login to mention in notices (openreview) or to use as git user name (autocode); no `@`. */
  readonly notifyLogin: string | undefined;
}

/** GITHUB_TOKEN, GITHUB_WRITE_TOKEN, GITHUB_REPO, GITHUB_API_URL, GITHUB_WEBHOOK_SECRET, GITHUB_NOTIFY_LOGIN. */
export function githubSettings(): ConfigSection<GitHubSettings> {
  return z
    .object({
      GITHUB_TOKEN: secretVar({ required: true, hint: 'set a token that can read the repository' }),
      GITHUB_WRITE_TOKEN: secretVar({}),
      GITHUB_REPO: repoVar({ required: true, hint: 'set it to the repository PatchLoop should work on' }),
      GITHUB_API_URL: urlVar({
        default: 'https://api.github.com',
        hint: 'use https://api.github.com or https://<host>/api/v3 for GitHub Enterprise Server',
      }),
      GITHUB_WEBHOOK_SECRET: secretVar({}),
      GITHUB_NOTIFY_LOGIN: stringVar({ pattern: githubLoginPattern, expected: 'a GitHub login' }),
    })
    .transform((env) => ({
      token: env.GITHUB_TOKEN,
      writeToken: env.GITHUB_WRITE_TOKEN,
      repo: env.GITHUB_REPO,
      apiUrl: env.GITHUB_API_URL,
      webhookSecret: env.GITHUB_WEBHOOK_SECRET,
      notifyLogin: env.GITHUB_NOTIFY_LOGIN?.replace(/^@/, ''),
    }));
}

/** The HTTP server every daemon runs (health, metrics, webhook, admin). */
export interface ServerSettings {
  /** Bind address; loopback unless the operator opens it up. */
  readonly host: string;
  /** 0 asks the OS for a free port (tests, demo). */
  readonly port: number;
  /** Bearer token for mutating admin endpoints; unset = loopback callers only. */
  readonly adminToken: string | undefined;
}

/** Per-daemon defaults of the server section. */
export interface ServerDefaults {
  readonly port: number;
}

/** SERVER_HOST, SERVER_PORT, ADMIN_TOKEN. */
export function serverSettings(defaults: ServerDefaults): ConfigSection<ServerSettings> {
  return z
    .object({
      SERVER_HOST: stringVar({
        default: '127.0.0.1',
        pattern: /^[A-Za-z0-9.:[\]-]+$/,
        expected: 'a host name or IP address',
      }),
      SERVER_PORT: integerVar({ min: 0, max: 65_535, default: defaults.port }),
      ADMIN_TOKEN: secretVar({ minLength: 16, hint: 'generate one with `openssl rand -hex 24`' }),
    })
    .transform((env) => ({ host: env.SERVER_HOST, port: env.SERVER_PORT, adminToken: env.ADMIN_TOKEN }));
}

/** Where the daemon keeps its SQLite state. */
export interface StoreSettings {
  readonly path: string;
}

/** Per-daemon defaults of the store section; `path` is relative to the `.env` directory. */
export interface StoreDefaults {
  readonly path: string;
}

/** STATE_DB_PATH. */
export function storeSettings(context: ConfigContext, defaults: StoreDefaults): ConfigSection<StoreSettings> {
  return z
    .object({ STATE_DB_PATH: pathVar(context, { default: defaults.path }) })
    .transform((env) => ({ path: env.STATE_DB_PATH }));
}

/** Log levels pino understands. */
export const logLevels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

/** One pino log level. */
export type LogLevel = (typeof logLevels)[number];

/** Process-wide switches. */
export interface RuntimeSettings {
  /** When true no GitHub write, commit or push happens; the conservative default. */
  readonly dryRun: boolean;
  readonly logLevel: LogLevel;
}

/** DRY_RUN (default true) and LOG_LEVEL (Python's WARNING/CRITICAL spellings are accepted). */
export function runtimeSettings(): ConfigSection<RuntimeSettings> {
  return z
    .object({
      DRY_RUN: booleanVar({ default: true }),
      LOG_LEVEL: enumVar(logLevels, { default: 'info', aliases: { warning: 'warn', critical: 'fatal' } }),
    })
    .transform((env) => ({ dryRun: env.DRY_RUN, logLevel: env.LOG_LEVEL }));
}

/** The operator's local clone of GITHUB_REPO. */
export interface LocalRepoSettings {
  readonly path: string;
  readonly defaultBranch: string;
}

/** LOCAL_REPO_PATH (required: a forgotten setting must not point at the wrong repository) and LOCAL_REPO_DEFAULT_BRANCH. */
export function localRepoSettings(context: ConfigContext): ConfigSection<LocalRepoSettings> {
  return z
    .object({
      LOCAL_REPO_PATH: pathVar(context, {
        required: true,
        hint: 'set the path of your local clone of GITHUB_REPO',
      }),
      LOCAL_REPO_DEFAULT_BRANCH: stringVar({
        default: 'main',
        pattern: gitRefNamePattern,
        expected: 'a git branch name',
      }),
    })
    .transform((env) => ({ path: env.LOCAL_REPO_PATH, defaultBranch: env.LOCAL_REPO_DEFAULT_BRANCH }));
}

/** How much repository text goes into a prompt. */
export interface ContextBudget {
  readonly maxFiles: number;
  readonly maxFileChars: number;
  readonly maxTotalChars: number;
}

/** LOCAL_MAX_CONTEXT_FILES, LOCAL_MAX_FILE_CHARS, LOCAL_MAX_TOTAL_CONTEXT_CHARS. */
export function contextBudgetSettings(): ConfigSection<ContextBudget> {
  return z
    .object({
      LOCAL_MAX_CONTEXT_FILES: integerVar({ min: 0, max: 200, default: 6 }),
      LOCAL_MAX_FILE_CHARS: integerVar({ min: 100, max: 1_000_000, default: 1800 }),
      LOCAL_MAX_TOTAL_CONTEXT_CHARS: integerVar({ min: 100, max: 10_000_000, default: 12_000 }),
    })
    .transform((env) => ({
      maxFiles: env.LOCAL_MAX_CONTEXT_FILES,
      maxFileChars: env.LOCAL_MAX_FILE_CHARS,
      maxTotalChars: env.LOCAL_MAX_TOTAL_CONTEXT_CHARS,
    }));
}
