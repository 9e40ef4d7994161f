import { describe, expect, it } from 'vitest';
import type { EnvField } from './env-field.js';
import {
  booleanVar,
  commandListVar,
  commandVar,
  csvVar,
  durationVar,
  enumListVar,
  enumVar,
  integerVar,
  pathVar,
  repoVar,
  secondsVar,
  secretVar,
  stringVar,
  urlVar,
} from './env-parsers.js';

const context = { baseDir: '/srv/patchloop', homeDir: '/home/operator' };

function parsedValue<T>(field: EnvField<T>, raw: string | undefined): T {
  return field.parse(raw);
}

function problemOf(field: EnvField<unknown>, raw: string | undefined): string | undefined {
  const result = field.safeParse(raw);
  return result.success ? undefined : result.error.issues.map((issue) => issue.message).join('; ');
}

describe('booleanVar', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    [' False ', false],
  ])('reads %j as %s', (raw, expected) => {
    expect(parsedValue(booleanVar({}), raw)).toBe(expected);
  });

  it.each(['yes', '1', 'on', 'no', '0'])('rejects %j instead of guessing', (raw) => {
    expect(problemOf(booleanVar({}), raw)).toBe(`expected true or false, got "${raw}"`);
  });

  it('uses the default when the value is missing or blank', () => {
    const field = booleanVar({ default: true });

    expect([parsedValue(field, undefined), parsedValue(field, '   ')]).toEqual([true, true]);
  });

  it('is undefined when unset and optional', () => {
    expect(parsedValue(booleanVar({}), undefined)).toBeUndefined();
  });
});

describe('integerVar', () => {
  const field = integerVar({ min: 1, max: 100, default: 30 });

  it.each([
    ['1', 1],
    ['100', 100],
    [' 42 ', 42],
    ['+7', 7],
    [undefined, 30],
  ])('reads %j as %s', (raw, expected) => {
    expect(parsedValue(field, raw)).toBe(expected);
  });

  it.each(['0', '101', '-5', '1.5', '1e3', 'abc', '99999999999999999999'])('rejects %j', (raw) => {
    expect(problemOf(field, raw)).toBe(`expected a whole number from 1 to 100, got "${raw}"`);
  });

  it('describes a lower bound alone', () => {
    expect(problemOf(integerVar({ min: 0 }), '-1')).toBe('expected a whole number of at least 0, got "-1"');
  });

  it('reports a missing required value with its hint', () => {
    const required = integerVar({ required: true, hint: 'set the port' });

    expect(problemOf(required, '')).toBe('required but not set — set the port');
  });
});

describe('durationVar', () => {
  it.each([
    [{ unit: 'seconds', min: 1 } as const, '60', 60_000],
    [{ unit: 'hours', min: 0 } as const, '2', 7_200_000],
    [{ unit: 'days', min: 1 } as const, '30', 2_592_000_000],
  ])('converts %o %j to milliseconds', (options, raw, expected) => {
    expect(parsedValue(durationVar(options), raw)).toBe(expected);
  });

  it('converts the default too', () => {
    expect(parsedValue(secondsVar({ min: 1, default: 300 }), undefined)).toBe(300_000);
  });

  it('rejects values outside the range in the unit the operator wrote', () => {
    expect(problemOf(secondsVar({ min: 1, max: 86_400 }), '0')).toBe(
      'expected a whole number of seconds from 1 to 86400, got "0"',
    );
  });
});

describe('enumVar', () => {
  const field = enumVar(['polling', 'webhook', 'both'], { default: 'polling' });

  it('lower-cases the value', () => {
    expect(parsedValue(field, 'WebHook')).toBe('webhook');
  });

  it('rejects unknown values, listing the valid ones', () => {
    expect(problemOf(field, 'pull')).toBe('expected one of polling, webhook, both, got "pull"');
  });

  it('names the kind of value when a label is given', () => {
    const backend = enumVar(['codex', 'copilot'], { label: 'backend' });

    expect(problemOf(backend, 'codx')).toBe('unknown backend "codx"; valid: codex, copilot');
  });

  it('maps aliases to their canonical value', () => {
    const level = enumVar(['warn', 'info'], { aliases: { warning: 'warn' } });

    expect(parsedValue(level, 'WARNING')).toBe('warn');
  });
});

describe('csvVar', () => {
  it.each([
    [' a, b ,,c ', ['a', 'b', 'c']],
    ['a,a,b', ['a', 'b']],
    [',', []],
  ])('splits %j into %j', (raw, expected) => {
    expect(parsedValue(csvVar({ default: ['x'] }), raw)).toEqual(expected);
  });

  it('uses the default list when blank', () => {
    expect(parsedValue(csvVar({ default: ['docs/', 'README.md'] }), '')).toEqual(['docs/', 'README.md']);
  });

  it('lower-cases items on request', () => {
    expect(parsedValue(csvVar({ lowerCase: true }), 'Alice,BOB')).toEqual(['alice', 'bob']);
  });

  it('rejects an item that does not match the item pattern', () => {
    const field = csvVar({ itemPattern: /^[a-z]+$/, expected: 'lower-case words' });

    expect(problemOf(field, 'ok,Not OK')).toBe(
      'expected a comma-separated list of lower-case words, got the item "Not OK"',
    );
  });
});

describe('enumListVar', () => {
  const field = enumListVar(['admin', 'maintain', 'write'], { label: 'permission', default: ['admin'] });

  it('reads known members in order, lower-cased and deduplicated', () => {
    expect(parsedValue(field, 'Write, admin, write')).toEqual(['write', 'admin']);
  });

  it('rejects the first unknown member', () => {
    expect(problemOf(field, 'admin,read')).toBe('unknown permission "read"; valid: admin, maintain, write');
  });
});

describe('commandVar', () => {
  it('splits one command line with shell quoting', () => {
    expect(parsedValue(commandVar({}), `node '/opt/my agent.mjs' --fast`)).toEqual([
      'node',
      '/opt/my agent.mjs',
      '--fast',
    ]);
  });

  it('rejects a line that cannot be split', () => {
    expect(problemOf(commandVar({}), 'node "open')).toBe(
      'cannot split the command: unterminated double quote',
    );
  });
});

describe('commandListVar', () => {
  it('reads one command per non-empty line', () => {
    const raw = 'pnpm lint\n\n  pnpm test -- --run  \r\nnode "scripts/check all.mjs"';

    expect(parsedValue(commandListVar(), raw)).toEqual([
      ['pnpm', 'lint'],
      ['pnpm', 'test', '--', '--run'],
      ['node', 'scripts/check all.mjs'],
    ]);
  });

  it('is an empty list when unset', () => {
    expect(parsedValue(commandListVar(), undefined)).toEqual([]);
  });

  it('names the line that cannot be split', () => {
    expect(problemOf(commandListVar({ hint: 'fix the quoting' }), "ok\nnot 'ok")).toBe(
      'line 2: cannot split the command: unterminated single quote — fix the quoting',
    );
  });
});

describe('pathVar', () => {
  it.each([
    ['./state/db.sqlite', '/srv/patchloop/state/db.sqlite'],
    ['../repo', '/srv/repo'],
    ['/abs/path', '/abs/path'],
    ['~', '/home/operator'],
    ['~/clones/widgets', '/home/operator/clones/widgets'],
  ])('resolves %j to %j', (raw, expected) => {
    expect(parsedValue(pathVar(context, {}), raw)).toBe(expected);
  });

  it('resolves the default against the base directory', () => {
    expect(parsedValue(pathVar(context, { default: './.patchloop/x.db' }), undefined)).toBe(
      '/srv/patchloop/.patchloop/x.db',
    );
  });

  it('rejects ~user, which it cannot expand without reading the system', () => {
    expect(problemOf(pathVar(context, {}), '~bob/x')).toBe(
      'only "~" and "~/..." are expanded, got "~bob/x" — write the full path',
    );
  });
});

describe('repoVar', () => {
  it('splits owner and name', () => {
    expect(parsedValue(repoVar({ required: true }), 'acme/widgets.js')).toEqual({
      owner: 'acme',
      name: 'widgets.js',
      fullName: 'acme/widgets.js',
    });
  });

  it.each(['acme', 'acme/', '/widgets', 'acme/widgets/extra', 'ac me/widgets', 'acme/..', '-acme/widgets'])(
    'rejects %j',
    (raw) => {
      expect(problemOf(repoVar({}), raw)).toBe(`expected "owner/name", got ${JSON.stringify(raw)}`);
    },
  );
});

describe('urlVar', () => {
  it('accepts http(s) URLs and drops the trailing slash', () => {
    expect(parsedValue(urlVar({}), 'https://ghe.example.com/api/v3/')).toBe('https://ghe.example.com/api/v3');
  });

  it.each(['ftp://example.com', 'api.github.com', 'not a url'])('rejects %j', (raw) => {
    expect(problemOf(urlVar({}), raw)).toBe(`expected an http(s) URL, got ${JSON.stringify(raw)}`);
  });

  it('rejects credentials without echoing them', () => {
    const problem = problemOf(urlVar({}), 'https://user:hunter2@example.com');

    expect(problem).toBe('must not contain credentials; put tokens in their own variables');
  });
});

describe('stringVar', () => {
  it('checks the pattern and describes what was expected', () => {
    const branch = stringVar({ pattern: /^[a-z]+$/, expected: 'a branch name' });

    expect(problemOf(branch, 'a b')).toBe('expected a branch name, got "a b"');
  });

  it('shortens a long value in the message', () => {
    const problem = problemOf(stringVar({ pattern: /^x$/, expected: 'x' }), 'y'.repeat(200));

    expect(problem).toBe(`expected x, got "${'y'.repeat(77)}..."`);
  });
});

describe('secretVar', () => {
  it('returns the trimmed secret', () => {
    expect(parsedValue(secretVar({ required: true }), ' ghp_abc ')).toBe('ghp_abc');
  });

  it('never quotes the value in a problem', () => {
    const problems = [
      problemOf(secretVar({}), 'ghp_secret value'),
      problemOf(secretVar({ minLength: 32 }), 'ghp_secretvalue'),
    ];

    expect(problems).toEqual([
      'must not contain whitespace (the value is not shown)',
      'must be at least 32 characters long (the value is not shown)',
    ]);
  });
});
