import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBareRepository, startFakeGitHub, writeFakeAgentScenario } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { answeringAgent } from './review-harness.js';

// The real `patchloop review` process, killed with SIGKILL while the coding CLI is answering.
const bin = fileURLToPath(new URL('../../../cli/dist/bin.js', import.meta.url));

describe('patchloop review killed with SIGKILL mid-answer', () => {
  it('ends with exactly one comment after a restart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'patchloop-sigkill-'));
    const bare = createBareRepository({
      dir: path.join(dir, 'origin.git'),
      files: { 'README.md': '# Widgets\n' },
    });
    const github = await startFakeGitHub({ owner: 'acme', repo: 'widgets', bareRepositoryPath: bare.path });
    const agentDir = path.join(dir, 'agent');
    mkdirSync(agentDir);
    // Classification answers, then the analysis call stalls long enough to be killed mid-answer.
    let agent = writeFakeAgentScenario(agentDir, [answeringAgent[0] ?? [], [{ kind: 'sleep', ms: 20_000 }]]);
    writeFileSync(
      path.join(dir, 'review.env'),
      [
        'GITHUB_REPO=acme/widgets',
        'GITHUB_TOKEN=read-token',
        'GITHUB_WRITE_TOKEN=write-token',
        `GITHUB_API_URL=${github.url}`,
        `LOCAL_REPO_PATH=${bare.clone(path.join(dir, 'clone'))}`,
        'SERVER_PORT=0',
        'DRY_RUN=false',
        'POLL_INTERVAL_SECONDS=1',
        'PRIMARY_CLI=custom',
        // Double quotes: dotenv would strip a leading single-quoted word.
        `PRIMARY_CLI_COMMAND="${agent.command}"`,
        'LOG_LEVEL=warn',
      ].join('\n'),
    );
    const children: ChildProcess[] = [];
    // Resolves once the daemon says it listens (its poll baseline is set by then).
    const startDaemon = async (): Promise<ChildProcess> => {
      const child = spawn(process.execPath, [bin, 'review', '--env', 'review.env'], {
        cwd: dir,
        env: { PATH: process.env['PATH'] ?? '', ...agent.env },
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      children.push(child);
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      await expect.poll(() => output, { timeout: 15_000, interval: 50 }).toContain('listening on');
      return child;
    };
    onTestFinished(async () => {
      for (const child of children) child.kill('SIGKILL');
      await github.close();
      bare.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const first = await startDaemon();
    const issue = github.model.addIssue({
      title: 'How do I make widgets faster?',
      body: 'Any setting?',
      user: 'alice',
    });
    await expect.poll(() => agent.readLog().length, { timeout: 30_000, interval: 200 }).toBe(2);
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    agent = writeFakeAgentScenario(agentDir, answeringAgent);
    await startDaemon();
    await expect
      .poll(() => github.model.comments(issue.number).length, { timeout: 30_000, interval: 200 })
      .toBe(1);
    // A few more poll cycles must not add a second comment.
    await new Promise((resolve) => setTimeout(resolve, 3_000));

    expect(github.model.comments(issue.number)).toHaveLength(1);
    expect(github.model.comments(issue.number)[0]?.body).toContain('WIDGET_MODE=fast');
  });
});
