import { describe, expect, it } from 'vitest';
import { parseCommandLine } from './parse-command-line.js';

describe('parseCommandLine for the admin commands', () => {
  it.each([
    [['doctor'], { kind: 'doctor', daemon: 'code', envFile: undefined }],
    [
      ['doctor', '--daemon', 'review', '--env', 'review.env'],
      { kind: 'doctor', daemon: 'review', envFile: 'review.env' },
    ],
    [
      ['tasks'],
      {
        kind: 'tasks',
        action: 'list',
        daemon: 'code',
        envFile: undefined,
        taskId: undefined,
        status: undefined,
        json: false,
      },
    ],
    [
      ['tasks', 'list', '--status', 'dead_letter', '--json', '--daemon', 'review'],
      {
        kind: 'tasks',
        action: 'list',
        daemon: 'review',
        envFile: undefined,
        taskId: undefined,
        status: 'dead_letter',
        json: true,
      },
    ],
    [
      ['tasks', 'retry', '12'],
      {
        kind: 'tasks',
        action: 'retry',
        daemon: 'code',
        envFile: undefined,
        taskId: 12,
        status: undefined,
        json: false,
      },
    ],
    [
      ['state', 'export', '--file', 'state.json'],
      { kind: 'state', action: 'export', daemon: 'code', envFile: undefined, file: 'state.json', yes: false },
    ],
    [
      ['state', 'restore', '--file', 'state.json', '--yes', '--daemon', 'review'],
      {
        kind: 'state',
        action: 'restore',
        daemon: 'review',
        envFile: undefined,
        file: 'state.json',
        yes: true,
      },
    ],
    [['tasks', '--help'], { kind: 'help', topic: 'tasks' }],
    [['help', 'doctor'], { kind: 'help', topic: 'doctor' }],
  ])('reads %j', (argv, expected) => {
    expect(parseCommandLine(argv)).toEqual(expected);
  });

  it.each([
    [['doctor', 'now'], 'takes no arguments'],
    [['doctor', '--daemon', 'web'], '--daemon must be review or code'],
    [['tasks', 'delete'], 'Unknown tasks action "delete"'],
    [['tasks', 'retry'], 'needs a task id'],
    [['tasks', 'retry', 'abc'], 'Task id must be a positive integer'],
    [['state', 'export'], 'needs --file PATH'],
    [['state', 'wipe', '--file', 'x'], 'Use "patchloop state export'],
    [['state', 'export', '--file', 'x', '--force'], "Unknown option '--force'"],
  ])('reports %j as a usage error', (argv, message) => {
    const parsed = parseCommandLine(argv);

    expect(parsed.kind).toBe('usage_error');
    expect(parsed.kind === 'usage_error' && parsed.message).toContain(message);
  });
});
