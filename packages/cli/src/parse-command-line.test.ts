import { describe, expect, it } from 'vitest';
import { helpText, parseCommandLine } from './parse-command-line.js';

describe('parseCommandLine', () => {
  it.each([
    [[], { kind: 'help' }],
    [['--help'], { kind: 'help' }],
    [['help', 'code'], { kind: 'help', topic: 'code' }],
    [['review', '--help'], { kind: 'help', topic: 'review' }],
    [['--version'], { kind: 'version' }],
    [['-v'], { kind: 'version' }],
    [['review'], { kind: 'daemon', command: 'review', envFile: undefined }],
    [['code', '--env', 'prod.env'], { kind: 'daemon', command: 'code', envFile: 'prod.env' }],
    [['code', '--env=prod.env'], { kind: 'daemon', command: 'code', envFile: 'prod.env' }],
    [['demo'], { kind: 'demo', keep: false }],
    [['demo', '--keep'], { kind: 'demo', keep: true }],
    [['demo', '--help'], { kind: 'help', topic: 'demo' }],
    [['help', 'demo'], { kind: 'help', topic: 'demo' }],
  ])('reads %j as %j', (argv, expected) => {
    expect(parseCommandLine(argv)).toEqual(expected);
  });

  it.each([
    [['deploy'], 'Unknown command "deploy"'],
    [['--verbose'], 'Unknown option "--verbose"'],
    [['review', '--port', '80'], "Unknown option '--port'"],
    [['code', 'extra'], 'takes no arguments'],
    [['code', '--env'], "Option '--env <value>' argument missing"],
    [['code', '--env', ''], '--env needs a file path'],
    [['demo', '--env', 'x.env'], "Unknown option '--env'"],
    [['demo', 'now'], 'takes no arguments'],
  ])('reports %j as a usage error', (argv, message) => {
    const parsed = parseCommandLine(argv);

    expect(parsed.kind).toBe('usage_error');
    expect(parsed.kind === 'usage_error' && parsed.message).toContain(message);
  });
});

describe('helpText', () => {
  it('lists both daemon commands and the safe defaults', () => {
    const text = helpText();

    expect(text).toContain('review');
    expect(text).toContain('code');
    expect(text).toContain('DRY_RUN=true');
    expect(text).toContain('demo');
  });

  it('explains the demo needs no token', () => {
    expect(helpText('demo')).toContain('Needs no token');
  });
});
