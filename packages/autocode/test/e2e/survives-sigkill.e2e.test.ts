import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBareRepository, startFakeGitHub, writeFakeAgentScenario } from '@patchloop/sandbox';
import { describe, expect, it, onTestFinished } from 'vitest';
import { bugFixPlan, goodFix } from './code-harness.js';

// The real `patchloop code` process, killed with SIGKILL while the coding CLI is editing.
const bin = fileURLToPath(new URL('../../../cli/dist/bin.js', import.meta.url));

describe('patchloop code killed with SIGKILL during the coding CLI', () => {
  it('ends with one branch and one PR after a restart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'patchloop-code-sigkill-'));
    const bare = createBareRepository({
      dir: path.join(dir, 'origin'),
      files: {
        'package.json': '{ "name": "widgets", "type": "module", "private": true }\n',
        'src/widget.js': "export const widgetMode = 'slow';\n",
      },
    });
    const github = await startFakeGitHub({ owner: 'acme', repo: 'widgets', bareRepositoryPath: bare.path });
    github.model.setPermission('maintainer', 'write');
    const agentDir = path.join(dir, 'agent');
    mkdirSync(agentDir);
    // The plan answers; the first coding call stalls long enough to be killed mid-edit.
    let agent = writeFakeAgentScenario(agentDir, [
      [{ kind: 'printJson', value: bugFixPlan }],
      [
        { kind: 'write', path: 'src/widget.js', content: 'half-written' },
        { kind: 'sleep', ms: 30_000 },
      ],
    ]);
    writeFileSync(
      path.join(dir, 'code.env'),
      [
        'GITHUB_REPO=acme/widgets',
        'GITHUB_TOKEN=read-token',
        'GITHUB_WRITE_TOKEN=write-token',
        `GITHUB_API_URL=${github.url}`,
        `LOCAL_REPO_PATH=${bare.clone(path.join(dir, 'clone'))}`,
        `EXECUTION_WORKTREE_ROOT=${path.join(dir, 'worktrees')}`,
        'SERVER_PORT=0',
        'DRY_RUN=false',
        'POLL_INTERVAL_SECONDS=1',
        'EXECUTION_ISSUE_TASK_INTERVAL_SECONDS=1',
        'PRIMARY_CLI=custom',
        `PRIMARY_CLI_COMMAND="${agent.command}"`,
        'LOG_LEVEL=warn',
      ].join('\n'),
    );
    const children: ChildProcess[] = [];
    const startDaemon = async (): Promise<ChildProcess> => {
      const child = spawn(process.execPath, [bin, 'code', '--env', 'code.env'], {
        cwd: dir,
        env: { PATH: process.env['PATH'] ?? '', HOME: dir, ...agent.env },
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
    const issue = github.model.addIssue({ title: 'Widgets are slow by default', body: 'Fast please.' });
    github.model.addIssueComment(issue.number, { body: 'Please implement this.', user: 'maintainer' });
    await expect.poll(() => agent.readLog().length, { timeout: 30_000, interval: 200 }).toBe(2);
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    // The plan is stored; the run after the restart only codes.
    agent = writeFakeAgentScenario(agentDir, [goodFix]);
    await startDaemon();
    await expect
      .poll(() => github.model.listPullRequests().length, { timeout: 60_000, interval: 200 })
      .toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 3_000));

    expect(github.model.listPullRequests()).toHaveLength(1);
    expect(bare.listBranches().filter((branch) => branch.startsWith('autocode/'))).toHaveLength(1);
    const branch = github.model.listPullRequests()[0]?.head.ref ?? '';
    expect(bare.readFile(branch, 'src/widget.js')).toBe("export const widgetMode = 'fast';\n");
  });
});
