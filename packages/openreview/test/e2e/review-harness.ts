import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Task } from '@patchloop/core';
import { createSilentLogger, createTaskQueue, loadCoreMigrations, openDatabase } from '@patchloop/core';
import type { RunningOpenReview } from '@patchloop/openreview';
import { loadOpenReviewConfig, loadOpenReviewMigrations, startOpenReview } from '@patchloop/openreview';
import type { BareRepository, FakeAgentStep, FakeClock, FakeGitHub } from '@patchloop/sandbox';
import {
  createBareRepository,
  createFakeClock,
  startFakeGitHub,
  writeFakeAgentScenario,
} from '@patchloop/sandbox';
import { onTestFinished } from 'vitest';

/** A review daemon wired to the sandbox: fake GitHub over HTTP, a bare repo as origin, the fake agent. */
export interface ReviewScenario {
  readonly github: FakeGitHub;
  readonly bare: BareRepository;
  /** The operator's clone (LOCAL_REPO_PATH). */
  readonly clone: string;
  /** The daemon's clock (queue times, deferrals, stability windows); starts at the real now. */
  readonly clock: FakeClock;
  daemon: RunningOpenReview;
  /** Runs poll cycles and worker iterations until the queue has nothing runnable left. */
  settle(): Promise<void>;
  /** Stops the daemon (as a clean stop) and starts it again on the same state database, optionally with changed settings. */
  restart(envOverrides?: Record<string, string>): Promise<void>;
  /** The tasks on disk, read through a second connection. */
  tasks(): readonly Task[];
  readonly agentCalls: () => number;
  /** The prompts the fake coding CLI received, in order. */
  readonly agentPrompts: () => string[];
}

/** A structured review as the coding CLI would answer it. */
export const reviewingAgent: ReadonlyArray<readonly FakeAgentStep[]> = [
  [
    {
      kind: 'print',
      text: [
        '- Necessity: makes widgets faster',
        '- Linked issue: none',
        '- PR type: feature',
        '- Description completeness: complete',
        '- Ready to merge: yes',
        'Main problems: no blocking problems found',
      ].join('\n'),
    },
  ],
];

/** What the fake agent answers: each entry is one CLI call, the last one repeats. */
export const answeringAgent: ReadonlyArray<readonly FakeAgentStep[]> = [
  [{ kind: 'printJson', value: { classification: 'ANSWERABLE', reason: 'usage question', confidence: 0.9 } }],
  [
    {
      kind: 'print',
      text: 'Set `WIDGET_MODE=fast` in your environment.\n\n- Check `src/widget.ts` for the default.\n- Restart the service.',
    },
  ],
];

export async function startReviewScenario(
  options: { env?: Record<string, string>; agent?: ReadonlyArray<readonly FakeAgentStep[]> } = {},
): Promise<ReviewScenario> {
  const dir = mkdtempSync(path.join(tmpdir(), 'patchloop-review-e2e-'));
  const bare = createBareRepository({
    dir: path.join(dir, 'origin.git'),
    files: {
      'README.md': '# Widgets\n\nSet WIDGET_MODE to choose the widget speed.\n',
      'src/widget.ts': "export const widgetMode = process.env.WIDGET_MODE ?? 'slow';\n",
    },
  });
  const clone = bare.clone(path.join(dir, 'clone'));
  const github = await startFakeGitHub({ owner: 'acme', repo: 'widgets', bareRepositoryPath: bare.path });
  const agentDir = path.join(dir, 'agent');
  mkdirSync(agentDir);
  const agent = writeFakeAgentScenario(agentDir, options.agent ?? answeringAgent);
  const statePath = path.join(dir, 'state', 'openreview.db');
  const env = {
    GITHUB_REPO: 'acme/widgets',
    GITHUB_TOKEN: 'read-token',
    GITHUB_WRITE_TOKEN: 'write-token',
    GITHUB_API_URL: github.url,
    LOCAL_REPO_PATH: clone,
    STATE_DB_PATH: statePath,
    SERVER_PORT: '0',
    DRY_RUN: 'false',
    PRIMARY_CLI: 'custom',
    PRIMARY_CLI_COMMAND: agent.command,
    PR_HEAD_STABILIZE_SECONDS: '0',
    ...options.env,
  };
  const clock = createFakeClock(Date.now());
  const start = (overrides: Record<string, string> = {}) =>
    startOpenReview({
      config: loadOpenReviewConfig({ ...env, ...overrides }, { baseDir: dir, homeDir: dir }),
      clock,
      logger: createSilentLogger(),
      parentEnv: { PATH: process.env['PATH'] ?? '', ...agent.env },
      runLoops: false,
    });

  const scenario: ReviewScenario = {
    github,
    bare,
    clone,
    clock,
    daemon: await start(),
    settle: async () => {
      for (let round = 0; round < 10; round += 1) {
        await scenario.daemon.pollOnce();
        let ran = false;
        for (;;) {
          const iteration = (await scenario.daemon.workOnce()) as { kind: string };
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
    tasks: () => {
      const db = openDatabase({
        path: statePath,
        migrations: [loadCoreMigrations(), loadOpenReviewMigrations()],
      });
      try {
        return createTaskQueue({ db, clock: { now: () => Date.now(), sleep: async () => undefined } }).list(
          {},
        );
      } finally {
        db.close();
      }
    },
    agentCalls: () => agent.readLog().length,
    agentPrompts: () => agent.readLog().map((entry) => entry.prompt),
  };
  onTestFinished(async () => {
    await scenario.daemon.stop();
    await github.close();
    bare.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return scenario;
}
