import type { ValidationCommand, ValidationSettings } from '../config/validation-settings.js';

// Words made only of these characters read the same in a shell without quotes.
const plainWord = /^[\w@%+=:,./-]+$/;

/**
 * Renders one argv as a single shell-style line: words that need it are single-quoted, so
 * the text splits back into the same argv (`ruff check 'my dir'`). For display only.
 */
export function formatValidationCommand(command: ValidationCommand): string {
  return command.map(quoteWord).join(' ');
}

/**
 * Display strings of every configured validation command, in run order (format, lint,
 * test), for agent prompts and the pull request body.
 */
export function describeValidationCommands(settings: ValidationSettings): string[] {
  return [...settings.formatCommands, ...settings.lintCommands, ...settings.testCommands].map(
    formatValidationCommand,
  );
}

function quoteWord(word: string): string {
  if (plainWord.test(word)) return word;
  // Inside single quotes nothing is special except the quote itself: close, escape, reopen.
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
