import { parseArgs } from 'node:util';
import type { AdminCommandLine } from './parse-admin-commands.js';
import { adminCommands, adminHelpText, parseAdminCommand } from './parse-admin-commands.js';

/** What the user asked for on the command line. */
export type CommandLine =
  | { readonly kind: 'help'; readonly topic?: HelpTopic }
  | { readonly kind: 'version' }
  | { readonly kind: 'daemon'; readonly command: DaemonCommand; readonly envFile: string | undefined }
  | { readonly kind: 'demo'; readonly keep: boolean }
  | AdminCommandLine
  | { readonly kind: 'usage_error'; readonly message: string };

/** The long-running commands. */
export type DaemonCommand = 'review' | 'code';

/** Commands with their own help text. */
export type HelpTopic = DaemonCommand | 'demo' | (typeof adminCommands)[number];

const isAdminCommand = (value: string): value is (typeof adminCommands)[number] =>
  (adminCommands as readonly string[]).includes(value);

const daemonCommands: readonly DaemonCommand[] = ['review', 'code'];

const isDaemonCommand = (value: string): value is DaemonCommand =>
  (daemonCommands as readonly string[]).includes(value);

/** Parses `patchloop` arguments (without `node` and the script path). Pure; never throws. */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  const [first, ...rest] = argv;
  if (first === undefined || first === 'help' || first === '--help' || first === '-h') {
    const topic = rest[0];
    if (topic === 'demo') return { kind: 'help', topic };
    if (topic !== undefined && isAdminCommand(topic)) return { kind: 'help', topic };
    return topic && isDaemonCommand(topic) ? { kind: 'help', topic } : { kind: 'help' };
  }
  if (first === '--version' || first === '-v' || first === 'version') return { kind: 'version' };
  if (first.startsWith('-')) return { kind: 'usage_error', message: `Unknown option "${first}".` };
  if (first === 'demo') return parseDemo(rest);
  if (isAdminCommand(first)) {
    return rest.includes('--help') || rest.includes('-h')
      ? { kind: 'help', topic: first }
      : parseAdminCommand(first, rest);
  }
  if (!isDaemonCommand(first)) {
    return {
      kind: 'usage_error',
      message: `Unknown command "${first}". Commands: demo, ${daemonCommands.join(', ')}, ${adminCommands.join(', ')}.`,
    };
  }

  try {
    const { values, positionals } = parseArgs({
      args: [...rest],
      options: { env: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true,
    });
    if (values.help) return { kind: 'help', topic: first };
    if (positionals.length > 0) {
      return {
        kind: 'usage_error',
        message: `"patchloop ${first}" takes no arguments, got "${positionals.join(' ')}".`,
      };
    }
    if (values.env !== undefined && values.env.trim() === '') {
      return { kind: 'usage_error', message: '--env needs a file path.' };
    }
    return { kind: 'daemon', command: first, envFile: values.env };
  } catch (error) {
    return { kind: 'usage_error', message: error instanceof Error ? error.message : String(error) };
  }
}

function parseDemo(args: readonly string[]): CommandLine {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { keep: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true,
    });
    if (values.help) return { kind: 'help', topic: 'demo' };
    if (positionals.length > 0) {
      return {
        kind: 'usage_error',
        message: `"patchloop demo" takes no arguments, got "${positionals.join(' ')}".`,
      };
    }
    return { kind: 'demo', keep: values.keep === true };
  } catch (error) {
    return { kind: 'usage_error', message: error instanceof Error ? error.message : String(error) };
  }
}

/** The text printed by `patchloop --help` (or for one command). */
export function helpText(topic?: HelpTopic): string {
  if (topic !== undefined && isAdminCommand(topic)) return adminHelpText(topic);
  if (topic === 'demo') {
    return [
      'Usage: patchloop demo [--keep]',
      '',
      'Plays the whole loop on the built-in sandbox GitHub with a sample repository and a scripted coding',
      'CLI: an issue is analysed, approved, implemented as a pull request, reviewed, and repaired after a',
      'change request. Needs no token and no network.',
      '',
      'Options:',
      '  --keep       leave the sandbox and both daemons running afterwards (Ctrl-C stops them)',
      '  -h, --help   show this help',
    ].join('\n');
  }
  if (topic === 'review') {
    return [
      'Usage: patchloop review [--env FILE]',
      '',
      'Starts the review daemon: read-only issue analysis and pull request review.',
      'It posts comments and reviews only; it never pushes, opens or merges anything.',
      '',
      'Options:',
      '  --env FILE   read settings from FILE (default ./.env); real environment variables win',
      '  -h, --help   show this help',
    ].join('\n');
  }
  if (topic === 'code') {
    return [
      'Usage: patchloop code [--env FILE]',
      '',
      'Starts the coding daemon: approved issue -> plan -> worktree -> patch -> validation -> pull request,',
      'then keeps its pull requests moving. It never merges and never pushes to the default branch.',
      '',
      'Options:',
      '  --env FILE   read settings from FILE (default ./.env); real environment variables win',
      '  -h, --help   show this help',
    ].join('\n');
  }
  return [
    'Usage: patchloop <command> [options]',
    '',
    'Commands:',
    '  demo        play the whole loop on the built-in sandbox (no token needed)',
    '  review      start the review daemon (issue analysis, pull request review)',
    '  code        start the coding daemon (issue -> pull request -> repair)',
    '  doctor      check the configuration, tokens, git, repository and coding CLIs',
    "  tasks       list or retry a daemon's tasks",
    "  state       export or restore a daemon's state",
    '',
    'Options:',
    '  --env FILE  settings file for review/code (default ./.env)',
    '  -h, --help  show help (patchloop <command> --help for one command)',
    '  -v, --version  print the version',
    '',
    'Safe defaults: DRY_RUN=true, EXECUTION_MODE=manual, polling on, webhook off, bound to 127.0.0.1.',
  ].join('\n');
}
