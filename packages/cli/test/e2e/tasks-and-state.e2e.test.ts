import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadAutocodeConfig, loadAutocodeMigrations, startAutocode } from '@patchloop/autocode';
import { createSilentLogger, createTaskQueue, loadCoreMigrations, openDatabase } from '@patchloop/core';
import { loadOpenReviewConfig, loadOpenReviewMigrations, startOpenReview } from '@patchloop/openreview';
import { createFakeClock, startFakeGitHub } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runStateCommand } from '../../src/commands/state/run-state-command.js';
import type { TasksCommandOptions } from '../../src/commands/tasks/run-tasks-command.js';
import { runTasksCommand } from '../../src/commands/tasks/run-tasks-command.js';
import { createBufferedOutput } from '../../src/output.js';

// The admin commands use a running daemon's API, else its stopped database: both show the same state.
type Daemon = 'review' | 'code';
type Env = Record<string, string>;

const quiet = () => ({ logger: createSilentLogger(), runLoops: false });
const daemons = {
  review: {
    migrations: loadOpenReviewMigrations,
    taskType: 'review_issue',
    start: (env: Env, dir: string) =>
      startOpenReview({ config: loadOpenReviewConfig(env, { baseDir: dir, homeDir: dir }), ...quiet() }),
  },
  code: {
    migrations: loadAutocodeMigrations,
    taskType: 'issue_execution',
    start: (env: Env, dir: string) =>
      startAutocode({ config: loadAutocodeConfig(env, { baseDir: dir, homeDir: dir }), ...quiet() }),
  },
} as const;

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'patchloop-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(path.join(dir, 'clone'));
  return dir;
}

// SERVER_PORT 0 stands for "no daemon running": the command then never probes and uses the file.
function envFor(database = 'state.db', extra: Env = {}): Env {
  return {
    GITHUB_REPO: 'acme/widgets',
    GITHUB_TOKEN: 'read-token',
    LOCAL_REPO_PATH: './clone',
    STATE_DB_PATH: `./${database}`,
    SERVER_PORT: '0',
    ...extra,
  };
}

// A second connection to the daemon's database, as a test's stand-in for another process.
function openQueue(daemon: Daemon, dir: string) {
  const migrations = [loadCoreMigrations(), daemons[daemon].migrations()];
  const db = openDatabase({ path: path.join(dir, 'state.db'), migrations });
  return { db, queue: createTaskQueue({ db, clock: createFakeClock(Date.UTC(2026, 0, 1)) }) };
}

/** Three tasks: #1 done, #2 dead-lettered after its only attempt, #3 queued. */
function seedTasks(daemon: Daemon, dir: string): void {
  const { db, queue } = openQueue(daemon, dir);
  const type = daemons[daemon].taskType;
  const enqueue = (n: number, maxAttempts: number) =>
    queue.enqueue({ type, dedupeKey: `i${n}`, targetKey: `issue:${n}`, payload: { n }, maxAttempts });
  const lease = { workerId: 'seed', leaseMs: 60_000 };
  enqueue(1, 3);
  const first = queue.claimNext(lease);
  if (first) queue.complete(first.id, 'seed', { summary: 'done' });
  enqueue(2, 1);
  const second = queue.claimNext(lease);
  if (second) queue.fail(second.id, 'seed', { reason: `boom ${'x'.repeat(120)}\nsecond line` });
  enqueue(3, 3);
  db.close();
}

function statusOf(daemon: Daemon, dir: string, id: number): string | undefined {
  const { db, queue } = openQueue(daemon, dir);
  const status = queue.get(id)?.status;
  db.close();
  return status;
}

async function startDaemon(daemon: Daemon, dir: string, extra: Env = {}) {
  const github = await startFakeGitHub({ owner: 'acme', repo: 'widgets' });
  const running = await daemons[daemon].start(
    envFor('state.db', { GITHUB_API_URL: github.url, ...extra }),
    dir,
  );
  onTestFinished(async () => {
    await running.stop();
    await github.close();
  });
  // The command finds the daemon through SERVER_PORT, as an operator's env file would say.
  const port = new URL(running.url).port;
  return { url: running.url, env: envFor('state.db', { SERVER_PORT: port, ...extra }) };
}

// Another process id than the daemon's: were the HTTP probe to miss a running daemon, its lock would
// refuse the file, so a passing HTTP test really went through HTTP.
const instance = { pid: 1, isProcessAlive: () => true };
type TasksArgs = Pick<TasksCommandOptions, 'action'> & Partial<TasksCommandOptions>;

function commands(daemon: Daemon, dir: string, env: Env) {
  const output = createBufferedOutput();
  const base = { daemon, envFile: undefined, processEnv: env, cwd: dir, homeDir: dir, output, instance };
  return {
    output,
    tasks: (args: TasksArgs) => runTasksCommand({ ...base, ...args }),
    state: (action: 'export' | 'restore', file: string, yes = false) =>
      runStateCommand({ ...base, action, file, yes }),
  };
}

type Listed = { task_id: number; status: string };
const getJson = async <T>(url: string): Promise<T> => (await (await fetch(url)).json()) as T;
const idsAndStatuses = (tasks: readonly Listed[]) =>
  tasks.map((task) => `${task.task_id}:${task.status}`).sort();

describe('patchloop tasks with the review daemon running', () => {
  it('lists with --json the same tasks as GET /tasks, newest first', async () => {
    const dir = tempDir();
    seedTasks('review', dir);
    const { url, env } = await startDaemon('review', dir);
    const { output, tasks } = commands('review', dir, env);

    const code = await tasks({ action: 'list', json: true });
    const api = await getJson<{ tasks: Listed[] }>(`${url}/tasks`);

    expect(code).toBe(0);
    const listed = JSON.parse(output.stdout.join('\n')) as Listed[];
    expect(listed.map((task) => task.task_id)).toEqual([3, 2, 1]);
    expect(idsAndStatuses(listed)).toEqual(idsAndStatuses(api.tasks));
  });

  it('retries a dead letter through the retry route with ADMIN_TOKEN, and explains a refused token', async () => {
    const dir = tempDir();
    seedTasks('review', dir);
    const token = { ADMIN_TOKEN: 'a-long-enough-admin-token' };
    const { url, env } = await startDaemon('review', dir, token);
    const wrong = commands('review', dir, { ...env, ADMIN_TOKEN: 'another-long-admin-token' });
    const right = commands('review', dir, env);

    const refused = await wrong.tasks({ action: 'requeue', taskId: 2 });
    const retried = await right.tasks({ action: 'retry', taskId: 2 });
    const api = await getJson<{ tasks: Listed[] }>(`${url}/tasks?status=queued`);

    expect([refused, retried]).toEqual([1, 0]);
    expect(wrong.output.stderr.join('\n')).toMatch(/HTTP 401.*ADMIN_TOKEN/);
    expect(right.output.stdout.join('\n')).toContain('Task #2 (review_issue) is queued again');
    expect(api.tasks.map((task) => task.task_id).sort()).toEqual([2, 3]);
  });
});

describe('patchloop tasks with the code daemon running', () => {
  it('lists the tasks GET /tasks shows as active or problem tasks, and retries a dead letter', async () => {
    const dir = tempDir();
    seedTasks('code', dir);
    const { url, env } = await startDaemon('code', dir);
    const { output, tasks } = commands('code', dir, env);
    const api = await getJson<{ active_tasks: Listed[]; problem_tasks: Listed[] }>(`${url}/tasks`);

    const listCode = await tasks({ action: 'list', json: true });
    const retryCode = await tasks({ action: 'retry', taskId: 2 });

    expect([listCode, retryCode]).toEqual([0, 0]);
    const listed = JSON.parse(output.stdout[0] ?? '[]') as Listed[];
    expect(idsAndStatuses(listed.filter((task) => task.status !== 'done'))).toEqual(
      idsAndStatuses([...api.active_tasks, ...api.problem_tasks]),
    );
    const after = await getJson<{ tasks: Listed[] }>(`${url}/tasks/issue?status=queued`);
    expect(after.tasks.map((task) => task.task_id).sort()).toEqual([2, 3]);
  });
});

describe('patchloop tasks with the daemon stopped', () => {
  it('reads the database file: one line per task, newest first, filtered by a known status', async () => {
    const dir = tempDir();
    seedTasks('code', dir);
    const { output, tasks, state } = commands('code', dir, envFor());

    const codes = [
      await tasks({ action: 'list' }),
      await tasks({ action: 'list', status: 'dead_letter', json: true }),
      await tasks({ action: 'list', status: 'sleeping' }),
      await state('export', 'code.json'),
    ];

    expect(codes).toEqual([0, 0, 2, 0]);
    expect(output.stdout.slice(0, 3).map((line) => line.split(/\s+/).slice(0, 5).join(' '))).toEqual([
      '#3 issue_execution queued 0/3 issue:3',
      '#2 issue_execution dead_letter 1/1 issue:2',
      '#1 issue_execution done 1/3 issue:1',
    ]);
    expect(output.stdout[1]).toMatch(/issue:2 +boom x+…$/);
    expect(idsAndStatuses(JSON.parse(output.stdout[3] ?? '[]'))).toEqual(['2:dead_letter']);
    expect(output.stderr[0]).toContain('Unknown task status "sleeping"');
    // The export carries the coding daemon's own tables too.
    const exported = JSON.parse(readFileSync(path.join(dir, 'code.json'), 'utf8')) as {
      tables: Record<string, unknown>;
    };
    expect(Object.keys(exported.tables)).toEqual(
      expect.arrayContaining(['tasks', 'autocode_issues', 'autocode_pull_requests']),
    );
  });

  it('requeues a dead letter in the file and refuses a task that is not waiting', async () => {
    const dir = tempDir();
    seedTasks('review', dir);
    const { output, tasks } = commands('review', dir, envFor());

    const retried = await tasks({ action: 'requeue', taskId: 2 });
    const done = await tasks({ action: 'retry', taskId: 1 });
    const missingId = await tasks({ action: 'retry' });

    expect([retried, done, missingId]).toEqual([0, 1, 2]);
    expect(statusOf('review', dir, 2)).toBe('queued');
    expect(output.stderr[0]).toContain('Task #1 is done');
  });

  it('refuses the file while the instance lock names a live process', async () => {
    const dir = tempDir();
    seedTasks('review', dir);
    writeFileSync(path.join(dir, 'state.db.lock'), `${JSON.stringify({ pid: 4242 })}\n`);
    const { output, tasks } = commands('review', dir, envFor());

    const code = await tasks({ action: 'retry', taskId: 2 });

    expect(code).toBe(1);
    expect(output.stderr[0]).toContain('No daemon answered');
    expect(output.stderr[0]).toContain('pid 4242');
    expect(statusOf('review', dir, 2)).toBe('dead_letter');
  });
});

describe('patchloop state', () => {
  type Snapshot = { snapshot: { tables: unknown } };
  const tablesOf = (dir: string, file: string): unknown =>
    (JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { tables: unknown }).tables;

  it('exports a stopped database and restores it into a fresh one with the same snapshot', async () => {
    const dir = tempDir();
    seedTasks('review', dir);
    const source = commands('review', dir, envFor());
    const target = commands('review', dir, envFor('fresh.db'));

    const exported = await source.state('export', 'one.json');
    const restored = await target.state('restore', 'one.json', true);
    const again = await target.state('export', 'two.json');

    expect([exported, restored, again]).toEqual([0, 0, 0]);
    expect(tablesOf(dir, 'two.json')).toEqual(tablesOf(dir, 'one.json'));
    expect(target.output.stdout[0]).toContain('Restored');
  });

  it('exports through a running daemon, and that snapshot restores into a fresh file', async () => {
    const dir = tempDir();
    seedTasks('review', dir);
    const { url, env } = await startDaemon('review', dir);
    const running = commands('review', dir, env);
    const stopped = commands('review', dir, envFor('fresh.db'));

    const exported = await running.state('export', 'live.json');
    const restored = await stopped.state('restore', 'live.json', true);
    const again = await stopped.state('export', 'fresh.json');
    const api = await getJson<Snapshot>(`${url}/state/snapshot`);

    expect([exported, restored, again]).toEqual([0, 0, 0]);
    expect(tablesOf(dir, 'live.json')).toEqual(api.snapshot.tables);
    expect(tablesOf(dir, 'fresh.json')).toEqual(api.snapshot.tables);
  });

  it('restores through a running daemon, undoing a later change', async () => {
    const dir = tempDir();
    seedTasks('code', dir);
    const { url, env } = await startDaemon('code', dir);
    const running = commands('code', dir, env);
    const before = await getJson<Snapshot>(`${url}/state/snapshot`);

    const exported = await running.state('export', 'code.json');
    const retried = await running.tasks({ action: 'retry', taskId: 2 });
    const restored = await running.state('restore', 'code.json', true);
    const after = await getJson<Snapshot>(`${url}/state/snapshot`);

    expect([exported, retried, restored]).toEqual([0, 0, 0]);
    expect(after.snapshot.tables).toEqual(before.snapshot.tables);
    expect(statusOf('code', dir, 2)).toBe('dead_letter');
  });

  it('refuses a restore without --yes and a file that is not a snapshot, changing nothing', async () => {
    const dir = tempDir();
    seedTasks('review', dir);
    writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ snapshotVersion: 1, tables: {} }));
    const { output, state } = commands('review', dir, envFor());

    const unconfirmed = await state('restore', 'bad.json');
    const invalid = await state('restore', 'bad.json', true);

    expect([unconfirmed, invalid]).toEqual([2, 1]);
    expect(output.stderr[0]).toContain('--yes');
    expect(output.stderr[1]).toContain('snapshot was refused');
    expect(statusOf('review', dir, 3)).toBe('queued');
  });
});
