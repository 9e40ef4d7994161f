import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RunningAutocode } from '@patchloop/autocode';
import { loadAutocodeConfig, loadAutocodeMigrations, startAutocode } from '@patchloop/autocode';
import type { Clock, Task } from '@patchloop/core';
import {
  createSilentLogger,
  createSystemClock,
  createTaskQueue,
  loadCoreMigrations,
  openDatabase,
} from '@patchloop/core';
import type { BareRepository, FakeAgentStep, FakeClock, FakeGitHub } from '@patchloop/sandbox';
import {
  createBareRepository,
  createFakeClock,
  startFakeGitHub,
  writeFakeAgentScenario,
} from '@patchloop/sandbox';
import { onTestFinished } from 'vitest';

/** The coding daemon wired to the sandbox: fake GitHub over HTTP, a bare repo as origin, the fake agent. */
export interface CodeScenario {
  readonly dir: string;
  readonly github: FakeGitHub;
  readonly bare: BareRepository;
  /** The operator's clone (LOCAL_REPO_PATH). */
  readonly clone: string;
  readonly clock: Clock;
  daemon: RunningAutocode;
  /** Runs poll cycles and worker iterations until nothing runnable is left. */
  settle(): Promise<void>;
  /** Stops the daemon and starts it again on the same state database. */
  restart(envOverrides?: Record<string, string>): Promise<void>;
  /** The tasks on disk, read through a second connection. */
  tasks(): readonly Task[];
  /** Tasks of one type, oldest first. */
  tasksOf(type: string): readonly Task[];
  readonly agentCalls: () => number;
  readonly agentPrompts: () => string[];
  /** Sends an admin request the way an operator on the same machine would. */
  post(url: string, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  get(url: string): Promise<{ status: number; body: unknown }>;
}

/** The plan the fake planner answers: a low-risk bug fix touching src/widget.js and its test. */
export const bugFixPlan = {
  triage: {
    task_type: 'bug_fix',
    action: 'auto_fix',
    risk_level: 'low',
    reason: 'clear defect',
    confidence: 0.9,
  },
  plan: {
    goal: 'Make widgets fast by default',
    assumptions: [],
    acceptance_criteria: ['widgetMode defaults to fast', 'tests cover the default'],
    risk_level: 'low',
    estimated_files: ['src/widget.js', 'test/widget.test.js'],
    suggested_tests: ['node test/widget.test.js'],
    needs_human_approval: false,
    blocked_reasons: [],
  },
};

/** One planner call, then coding calls: `edits` is what each coding attempt does (the last repeats). */
export function planThenCode(
  edits: ReadonlyArray<readonly FakeAgentStep[]>,
  plan: unknown = bugFixPlan,
): ReadonlyArray<readonly FakeAgentStep[]> {
  return [[{ kind: 'printJson', value: plan }], ...edits];
}

/** A correct fix: the new default and a test for it. */
export const goodFix: readonly FakeAgentStep[] = [
  { kind: 'write', path: 'src/widget.js', content: "export const widgetMode = 'fast';\n" },
  {
    kind: 'write',
    path: 'test/widget.test.js',
    content: "import { widgetMode } from '../src/widget.js';\nif (widgetMode !== 'fast') process.exit(1);\n",
  },
  { kind: 'print', text: 'Made widgets fast by default and added a test.' },
];

/** A repair of review feedback: a named export the reviewer asked for. */
export const speedExportRepair: readonly FakeAgentStep[] = [
  {
    kind: 'write',
    path: 'src/widget.js',
    content: "export const widgetMode = 'fast';\nexport const widgetSpeed = 10;\n",
  },
  { kind: 'print', text: 'Exported widgetSpeed as asked.' },
];

/** Opens PatchLoop's PR for a new issue through the API and returns its number. */
export async function openPatchLoopPullRequest(scenario: CodeScenario): Promise<number> {
  const issue = scenario.github.model.addIssue({
    title: 'Widgets are slow by default',
    body: 'Fast please.',
    user: 'visitor',
  });
  await scenario.post(`/issues/${issue.number}/implement`);
  await scenario.settle();
  const pull = scenario.github.model.listPullRequests()[0];
  if (pull === undefined) throw new Error('PatchLoop opened no pull request');
  return pull.number;
}

/** The repository's own check: fails until widgets are fast. */
const checkScript = [
  "import { widgetMode } from '../src/widget.js';",
  "if (widgetMode !== 'fast') {",
  "  console.error('expected widgetMode to be fast, got ' + widgetMode);",
  '  process.exit(1);',
  '}',
  "console.log('widgets ok');",
  '',
].join('\n');

export async function startCodeScenario(
  options: {
    env?: Record<string, string>;
    agent?: ReadonlyArray<readonly FakeAgentStep[]>;
    /** `system` for tests that need real time (CLI timeouts). */
    clock?: 'fake' | 'system';
  } = {},
): Promise<CodeScenario> {
  const dir = mkdtempSync(path.join(tmpdir(), 'patchloop-code-e2e-'));
  const bare = createBareRepository({
    dir: path.join(dir, 'origin'),
    files: {
      'README.md': '# Widgets\n\nSet WIDGET_MODE to choose the widget speed.\n',
      'package.json': '{ "name": "widgets", "type": "module", "private": true }\n',
      'src/widget.js': "export const widgetMode = 'slow';\n",
      'scripts/check.mjs': checkScript,
    },
  });
  const clone = bare.clone(path.join(dir, 'clone'));
  const github = await startFakeGitHub({ owner: 'acme', repo: 'widgets', bareRepositoryPath: bare.path });
  github.model.setPermission('maintainer', 'write');
  github.model.setPermission('visitor', 'read');
  const agentDir = path.join(dir, 'agent');
  mkdirSync(agentDir);
  const agent = writeFakeAgentScenario(agentDir, options.agent ?? planThenCode([goodFix]));
  const statePath = path.join(dir, 'state', 'autocode.db');
  const env: Record<string, string> = {
    GITHUB_REPO: 'acme/widgets',
    GITHUB_TOKEN: 'read-token',
    GITHUB_WRITE_TOKEN: 'write-token',
    GITHUB_API_URL: github.url,
    LOCAL_REPO_PATH: clone,
    STATE_DB_PATH: statePath,
    SERVER_PORT: '0',
    DRY_RUN: 'false',
    EXECUTION_MODE: 'manual',
    EXECUTION_WORKTREE_ROOT: path.join(dir, 'worktrees'),
    EXECUTION_TEST_COMMANDS: 'node scripts/check.mjs',
    PRIMARY_CLI: 'custom',
    PRIMARY_CLI_COMMAND: agent.command,
    ...options.env,
  };
  const clock: Clock | FakeClock =
    options.clock === 'system' ? createSystemClock() : createFakeClock(Date.now());
  const start = (overrides: Record<string, string> = {}) =>
    startAutocode({
      config: loadAutocodeConfig({ ...env, ...overrides }, { baseDir: dir, homeDir: dir }),
      clock,
      logger: createSilentLogger(),
      parentEnv: { PATH: process.env['PATH'] ?? '', HOME: dir, ...agent.env },
      runLoops: false,
    });

  const readTasks = (): readonly Task[] => {
    const db = openDatabase({
      path: statePath,
      migrations: [loadCoreMigrations(), loadAutocodeMigrations()],
    });
    try {
      return createTaskQueue({ db, clock: createSystemClock() }).list({ limit: 1000 });
    } finally {
      db.close();
    }
  };
  const request = async (method: 'GET' | 'POST', url: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${scenario.daemon.url}${url}`, { method, headers });
    const text = await response.text();
    return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
  };

  const scenario: CodeScenario = {
    dir,
    github,
    bare,
    clone,
    clock,
    daemon: await start(),
    settle: async () => {
      for (let round = 0; round < 10; round += 1) {
        await scenario.daemon.pollOnce();
        await scenario.daemon.scanPullRequestsOnce();
        await scenario.daemon.syncBacklogOnce();
        let ran = false;
        for (;;) {
          const iteration = await scenario.daemon.workOnce();
          if (iteration.kind === 'idle') break;
          ran = true;
        }
        if (!ran) return;
      }
    },
    restart: async (envOverrides) => {
      await scenario.daemon.stop();
      scenario.daemon = await start(envOverrides);
    },
    tasks: readTasks,
    tasksOf: (type) =>
      readTasks()
        .filter((task) => task.type === type)
        .sort((a, b) => a.id - b.id),
    agentCalls: () => agent.readLog().length,
    agentPrompts: () => agent.readLog().map((entry) => entry.prompt),
    post: (url, headers) => request('POST', url, headers),
    get: (url) => request('GET', url),
  };
  onTestFinished(async () => {
    await scenario.daemon.stop();
    await github.close();
    bare.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return scenario;
}
