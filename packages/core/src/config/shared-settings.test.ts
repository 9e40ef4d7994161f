import { describe, expect, it } from 'vitest';
import {
  contextBudgetSettings,
  githubSettings,
  gitRefNamePattern,
  localRepoSettings,
  runtimeSettings,
  serverSettings,
  storeSettings,
} from './shared-settings.js';

const context = { baseDir: '/srv/patchloop', homeDir: '/home/operator' };

function problemsOf(result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) {
  return (result.error?.issues ?? []).map((issue) => `${String(issue.path.at(-1))}: ${issue.message}`);
}

describe('githubSettings', () => {
  it('reads the repository, strips the @ of the notify login and defaults the API URL', () => {
    const env = { GITHUB_TOKEN: 'ghp_read', GITHUB_REPO: 'acme/widgets', GITHUB_NOTIFY_LOGIN: '@Maintainer' };

    expect(githubSettings().parse(env)).toEqual({
      token: 'ghp_read',
      writeToken: undefined,
      repo: { owner: 'acme', name: 'widgets', fullName: 'acme/widgets' },
      apiUrl: 'https://api.github.com',
      webhookSecret: undefined,
      notifyLogin: 'Maintainer',
    });
  });

  it('requires GITHUB_TOKEN and GITHUB_REPO', () => {
    expect(problemsOf(githubSettings().safeParse({}))).toEqual([
      'GITHUB_TOKEN: required but not set — set a token that can read the repository',
      'GITHUB_REPO: required but not set — set it to the repository PatchLoop should work on',
    ]);
  });
});

describe('serverSettings', () => {
  it('binds to loopback on the daemon default port', () => {
    expect(serverSettings({ port: 8001 }).parse({})).toEqual({
      host: '127.0.0.1',
      port: 8001,
      adminToken: undefined,
    });
  });

  it('rejects a short admin token without showing it', () => {
    const problems = problemsOf(serverSettings({ port: 8000 }).safeParse({ ADMIN_TOKEN: 'hunter2' }));

    expect(problems).toEqual([
      'ADMIN_TOKEN: must be at least 16 characters long (the value is not shown) — generate one with `openssl rand -hex 24`',
    ]);
  });
});

describe('storeSettings', () => {
  it('resolves the default database path against the .env directory', () => {
    expect(storeSettings(context, { path: './.patchloop/openreview.db' }).parse({})).toEqual({
      path: '/srv/patchloop/.patchloop/openreview.db',
    });
  });

  it('expands ~ in STATE_DB_PATH', () => {
    expect(storeSettings(context, { path: './x.db' }).parse({ STATE_DB_PATH: '~/state/code.db' })).toEqual({
      path: '/home/operator/state/code.db',
    });
  });
});

describe('runtimeSettings', () => {
  it('is a dry run at info level by default', () => {
    expect(runtimeSettings().parse({})).toEqual({ dryRun: true, logLevel: 'info' });
  });

  it("accepts the original's Python level names", () => {
    expect(runtimeSettings().parse({ LOG_LEVEL: 'WARNING', DRY_RUN: 'False' })).toEqual({
      dryRun: false,
      logLevel: 'warn',
    });
  });
});

describe('localRepoSettings', () => {
  it('requires LOCAL_REPO_PATH instead of defaulting to the working directory', () => {
    expect(problemsOf(localRepoSettings(context).safeParse({}))).toEqual([
      'LOCAL_REPO_PATH: required but not set — set the path of your local clone of GITHUB_REPO',
    ]);
  });

  it('resolves the path and defaults the branch to main', () => {
    expect(localRepoSettings(context).parse({ LOCAL_REPO_PATH: '../widgets' })).toEqual({
      path: '/srv/widgets',
      defaultBranch: 'main',
    });
  });
});

describe('contextBudgetSettings', () => {
  it('keeps the original budgets by default', () => {
    expect(contextBudgetSettings().parse({})).toEqual({
      maxFiles: 6,
      maxFileChars: 1800,
      maxTotalChars: 12_000,
    });
  });
});

describe('gitRefNamePattern', () => {
  it.each(['main', 'release/1.2', 'autocode', 'feature_x-1'])('accepts %j', (name) => {
    expect(gitRefNamePattern.test(name)).toBe(true);
  });

  it.each(['a b', '-main', '/main', 'main/', 'a..b', 'a//b', 'x.lock', 'main.'])('rejects %j', (name) => {
    expect(gitRefNamePattern.test(name)).toBe(false);
  });
});
