import { splitShellWords } from '@patchloop/core';
import { describe, expect, it } from 'vitest';
import type { ValidationSettings } from '../config/validation-settings.js';
import { describeValidationCommands, formatValidationCommand } from './validation-commands.js';

const settings: ValidationSettings = {
  formatCommands: [['ruff', 'format', '--check', '.']],
  lintCommands: [
    ['ruff', 'check', '.'],
    ['./scripts/ci gate.sh', 'flake8'],
  ],
  testCommands: [['pytest', '-q']],
  failFast: false,
  transientArtifactDirs: [],
};

describe('describeValidationCommands', () => {
  it('lists every configured command in run order: format, lint, test', () => {
    const described = describeValidationCommands(settings);

    expect(described).toEqual([
      'ruff format --check .',
      'ruff check .',
      "'./scripts/ci gate.sh' flake8",
      'pytest -q',
    ]);
  });

  it('returns nothing when no command is configured', () => {
    const described = describeValidationCommands({
      ...settings,
      formatCommands: [],
      lintCommands: [],
      testCommands: [],
    });

    expect(described).toEqual([]);
  });
});

describe('formatValidationCommand', () => {
  it.each([
    [['pnpm', 'test'], 'pnpm test'],
    [['node', 'my script.mjs'], "node 'my script.mjs'"],
    [['echo', ''], "echo ''"],
    [['echo', "it's"], "echo 'it'\\''s'"],
    [['grep', '-e', 'a|b'], "grep -e 'a|b'"],
    [['node', '--test=src/**/*.test.js'], "node '--test=src/**/*.test.js'"],
  ])('renders %j as %s', (argv, expected) => {
    const text = formatValidationCommand(argv);

    expect(text).toBe(expected);
  });

  it('renders text that splits back into the same argv', () => {
    const argv = ['python', '-c', 'print("a b")', "x'y", '', 'plain'];

    const split = splitShellWords(formatValidationCommand(argv));

    expect(split).toEqual({ ok: true, words: argv });
  });
});
