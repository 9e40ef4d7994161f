import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DaemonRuntime, Task } from '@patchloop/core';
import {
  buildRuntimeServer,
  createDaemonRuntime,
  createSilentLogger,
  createSystemClock,
  listen,
} from '@patchloop/core';
import type { BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { describe, expect, it, onTestFinished } from 'vitest';

const WORKER = 'e2e-worker';
const TIMEOUT_MS = 10_000;
// The closed network makes Chromium stall on background connections without these (TOOLCHAIN.md).
const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface Daemon {
  readonly dir: string;
  readonly runtime: DaemonRuntime;
  readonly url: string;
  readonly running: Task;
  readonly deadLetter: Task;
}

// A core daemon over a real SQLite file with one task claimed and one dead-lettered, served on loopback.
async function startDaemon(adminToken: string | undefined): Promise<Daemon> {
  const dir = mkdtempSync(path.join(tmpdir(), 'patchloop-dashboard-'));
  const clock = createSystemClock();
  const logger = createSilentLogger();
  const runtime = createDaemonRuntime({
    service: 'autocode',
    version: '0.1.0-e2e',
    statePath: path.join(dir, 'state.db'),
    clock,
    logger,
  });
  const server = await buildRuntimeServer(runtime, {
    logger,
    clock,
    adminToken,
    taskTypes: ['issue_execution'],
  });
  onTestFinished(async () => {
    await server.close();
    runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const { queue } = runtime;
  const claim = (key: string): Task => {
    queue.enqueue({ type: 'issue_execution', dedupeKey: key, targetKey: key, payload: {}, maxAttempts: 1 });
    const task = queue.claimNext({ workerId: WORKER, leaseMs: 600_000 });
    if (task === undefined) throw new Error(`could not claim ${key}`);
    return task;
  };
  const buried = claim('issue:41');
  queue.bury(buried.id, WORKER, { reason: 'codex exited 2: <no diff produced>' });
  const running = claim('issue:42');
  runtime.eventLog.append({ category: 'worker', level: 'error', message: 'issue:41 moved to dead letter' });
  const url = await listen(server, { host: '127.0.0.1', port: 0 });
  return { dir, runtime, url, running, deadLetter: buried };
}

async function openBrowser(dir: string): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(path.join(dir, 'chromium-profile'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: chromiumFlags,
    timeout: TIMEOUT_MS,
  });
  context.setDefaultTimeout(TIMEOUT_MS);
  onTestFinished(() => context.close());
  return context;
}

async function clickRetry(page: Page, taskId: number): Promise<void> {
  await page.locator(`button[data-retry-task="${taskId}"]`).click();
}

describe('dashboard in headless Chromium', () => {
  it('shows a running task and a dead letter, and Retry puts the dead letter back in the queue', async () => {
    const daemon = await startDaemon(undefined);
    const page = await (await openBrowser(daemon.dir)).newPage();

    await page.goto(daemon.url);
    const runningRow = page.locator(`#running tr[data-task-id="${daemon.running.id}"]`);
    const deadRow = page.locator(`#dead-letters tr[data-task-id="${daemon.deadLetter.id}"]`);
    await expect(runningRow.textContent()).resolves.toContain('issue:42');
    await expect(deadRow.textContent()).resolves.toContain('codex exited 2: <no diff produced>');
    await expect(page.locator('#events').textContent()).resolves.toContain('issue:41 moved to dead letter');
    const screenshot = await page.screenshot({ fullPage: true });
    writeFileSync(path.join(daemon.dir, 'dashboard.png'), screenshot);

    expect(screenshot.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(screenshot.length).toBeGreaterThan(1000);

    const reloaded = page.waitForEvent('load');
    await clickRetry(page, daemon.deadLetter.id);
    await reloaded;

    expect(daemon.runtime.queue.get(daemon.deadLetter.id)?.status).toBe('queued');
    await expect(page.locator('#dead-letters').textContent()).resolves.toContain('No dead letters.');
  });

  it('asks for ADMIN_TOKEN on a refused retry and retries with it once saved', async () => {
    const daemon = await startDaemon('dashboard-e2e-token');
    const page = await (await openBrowser(daemon.dir)).newPage();
    await page.goto(daemon.url);

    await clickRetry(page, daemon.deadLetter.id);
    await page.locator('#admin-token').waitFor({ state: 'visible' });

    expect(daemon.runtime.queue.get(daemon.deadLetter.id)?.status).toBe('dead_letter');
    await expect(page.locator('#dashboard-message').textContent()).resolves.toContain('(401)');

    await page.locator('#admin-token').fill('dashboard-e2e-token');
    await page.locator('#admin-token-form button[type="submit"]').click();
    const reloaded = page.waitForEvent('load');
    await clickRetry(page, daemon.deadLetter.id);
    await reloaded;

    expect(daemon.runtime.queue.get(daemon.deadLetter.id)?.status).toBe('queued');
  });
});
