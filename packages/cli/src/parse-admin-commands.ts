import { parseArgs } from 'node:util';

/** Which daemon an admin command talks to. */
export type AdminDaemon = 'review' | 'code';

/** The admin commands: they check or operate a daemon instead of running one. */
export type AdminCommandLine =
  | { readonly kind: 'doctor'; readonly daemon: AdminDaemon; readonly envFile: string | undefined }
  | {
      readonly kind: 'tasks';
      readonly action: 'list' | 'retry' | 'requeue';
      readonly daemon: AdminDaemon;
      readonly envFile: string | undefined;
      readonly taskId: number | undefined;
      readonly status: string | undefined;
      readonly json: boolean;
    }
  | {
      readonly kind: 'state';
      readonly action: 'export' | 'restore';
      readonly daemon: AdminDaemon;
      readonly envFile: string | undefined;
      readonly file: string;
      readonly yes: boolean;
    };

/** The admin command names. */
export const adminCommands = ['doctor', 'tasks', 'state'] as const;

type Parsed = AdminCommandLine | { readonly kind: 'usage_error'; readonly message: string };

const shared = {
  env: { type: 'string' },
  daemon: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * Parses `patchloop doctor|tasks|state ...` (everything after the command name). `--daemon`
 * defaults to `code`; every usage problem is a message, never a throw.
 */
export function parseAdminCommand(command: (typeof adminCommands)[number], args: readonly string[]): Parsed {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: {
        ...shared,
        status: { type: 'string' },
        json: { type: 'boolean' },
        file: { type: 'string' },
        yes: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: true,
    });
    const daemon = values.daemon ?? 'code';
    if (daemon !== 'review' && daemon !== 'code') {
      return { kind: 'usage_error', message: `--daemon must be review or code, got "${daemon}".` };
    }
    const envFile = values.env;
    if (envFile !== undefined && envFile.trim() === '')
      return { kind: 'usage_error', message: '--env needs a file path.' };
    const [action, argument, ...extra] = positionals;
    if (command === 'doctor') {
      if (positionals.length > 0)
        return { kind: 'usage_error', message: '"patchloop doctor" takes no arguments.' };
      return { kind: 'doctor', daemon, envFile };
    }
    if (extra.length > 0)
      return { kind: 'usage_error', message: `Unexpected argument "${extra.join(' ')}".` };
    if (command === 'tasks') {
      const taskAction = action ?? 'list';
      if (taskAction !== 'list' && taskAction !== 'retry' && taskAction !== 'requeue') {
        return {
          kind: 'usage_error',
          message: `Unknown tasks action "${taskAction}": use list, retry or requeue.`,
        };
      }
      const taskId = argument === undefined ? undefined : Number(argument);
      if (taskId !== undefined && (!Number.isSafeInteger(taskId) || taskId < 1)) {
        return { kind: 'usage_error', message: `Task id must be a positive integer, got "${argument}".` };
      }
      if (taskAction !== 'list' && taskId === undefined) {
        return { kind: 'usage_error', message: `"patchloop tasks ${taskAction}" needs a task id.` };
      }
      return {
        kind: 'tasks',
        action: taskAction,
        daemon,
        envFile,
        taskId,
        status: values.status,
        json: values.json === true,
      };
    }
    if (action !== 'export' && action !== 'restore') {
      return {
        kind: 'usage_error',
        message: 'Use "patchloop state export --file PATH" or "patchloop state restore --file PATH --yes".',
      };
    }
    if (argument !== undefined) return { kind: 'usage_error', message: `Unexpected argument "${argument}".` };
    if (values.file === undefined || values.file.trim() === '') {
      return { kind: 'usage_error', message: `"patchloop state ${action}" needs --file PATH.` };
    }
    return { kind: 'state', action, daemon, envFile, file: values.file, yes: values.yes === true };
  } catch (error) {
    return { kind: 'usage_error', message: error instanceof Error ? error.message : String(error) };
  }
}

/** Help for the admin commands. */
export function adminHelpText(command: (typeof adminCommands)[number]): string {
  const daemonOption =
    "  --daemon D   review or code (default code)\n  --env FILE   the daemon's settings file (default ./.env)";
  switch (command) {
    case 'doctor':
      return [
        'Usage: patchloop doctor [--daemon review|code] [--env FILE]',
        '',
        'Checks the configuration, the GitHub tokens and their permissions, git, the local repository and',
        'every configured coding CLI, then prints the effective configuration with secrets masked.',
        'Each failed check says how to fix it; the exit code is 0 only when every check passed.',
        '',
        'Options:',
        daemonOption,
      ].join('\n');
    case 'tasks':
      return [
        'Usage: patchloop tasks [list|retry ID|requeue ID] [--daemon review|code] [--env FILE] [--status S] [--json]',
        '',
        "Lists or retries a daemon's tasks: through its HTTP API (with ADMIN_TOKEN) when it runs, else on its",
        'state database file.',
        '',
        'Options:',
        daemonOption,
        '  --status S   only tasks in status S (queued, running, retry_waiting, dead_letter, done)',
        '  --json       print the tasks as JSON',
      ].join('\n');
    case 'state':
      return [
        'Usage: patchloop state export --file PATH | state restore --file PATH --yes [--daemon review|code] [--env FILE]',
        '',
        "Exports or restores a daemon's whole state (the /state/snapshot document): through its HTTP API when",
        'it runs, else on its state database file. A restore replaces everything and needs --yes.',
        '',
        'Options:',
        daemonOption,
      ].join('\n');
  }
}
