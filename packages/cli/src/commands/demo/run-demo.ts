import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RunningAutocode } from '@patchloop/autocode';
import { loadAutocodeConfig, startAutocode } from '@patchloop/autocode';
import type { Clock, EnvRecord } from '@patchloop/core';
import { createSilentLogger, createSystemClock } from '@patchloop/core';
import type { RunningOpenReview } from '@patchloop/openreview';
import { loadOpenReviewConfig, startOpenReview } from '@patchloop/openreview';
import type { BareRepository, FakeGitHub } from '@patchloop/sandbox';
import { createBareRepository, startFakeGitHub, writeFakeAgentScenario } from '@patchloop/sandbox';
import type { Output } from '../../output.js';
import { codeAgentScript, demoRepositoryFiles, reviewAgentScript } from './demo-script.js';

/** Options of `patchloop demo`. */
export interface DemoOptions {
  /** Leave everything running after the loop, until shutdown. */
  readonly keep: boolean;
  readonly output: Output;
  readonly processEnv: EnvRecord;
  readonly untilShutdown: () => Promise<string>;
}

interface DemoWorld {
  readonly dir: string;
  readonly github: FakeGitHub;
  readonly bare: BareRepository;
  readonly review: RunningOpenReview;
  readonly code: RunningAutocode;
}

const repo = { owner: 'acme', name: 'widgets' };
/** The sandbox's login for the write token both daemons use. */
const botLogin = 'patchloop-bot';

/**
 * `patchloop demo`: both daemons in live mode against the built-in sandbox GitHub, a generated
 * sample repository and the scripted coding CLI, playing the whole loop step by step — issue
 * analysed, approved, implemented as a PR, reviewed, changes requested, repaired on the same branch.
 * Needs no token and no network; exits 0 when every step happened.
 */
export async function runDemo(options: DemoOptions): Promise<number> {
  const { output } = options;
  const clock = createSystemClock();
  const startedAt = clock.now();
  const world = await startWorld(options.processEnv, clock);
  const step = (index: number, text: string) => output.out(`[${index}/6] ${text}`);
  try {
    const { model } = world.github;
    step(
      1,
      `Sandbox GitHub at ${world.github.url}, repository ${repo.owner}/${repo.name} (bare origin + clones)`,
    );

    const issue = model.addIssue({
      title: 'Widgets are slow by default',
      body: 'Every widget starts in slow mode. Fast should be the default.',
      user: 'visitor',
    });
    await settle(world);
    const analysis = model.comments(issue.number).at(-1);
    if (analysis === undefined) return fail(output, 'patchloop review did not answer the issue');
    step(
      2,
      `@visitor opened issue #${issue.number}; patchloop review answered: "${firstLine(analysis.body)}"`,
    );

    model.addIssueComment(issue.number, { body: '/implement', user: 'maintainer' });
    await settle(world);
    const pull = model.listPullRequests().find((candidate) => candidate.head.ref.startsWith('autocode/'));
    if (pull === undefined) return fail(output, 'patchloop code opened no pull request');
    step(
      3,
      `@maintainer commented /implement; patchloop code opened PR #${pull.number} "${pull.title}" from ${pull.head.ref}`,
    );

    const review = model.reviews(pull.number).at(-1);
    if (review === undefined) return fail(output, 'patchloop review did not review the pull request');
    step(4, `patchloop review reviewed PR #${pull.number} (${review.state}): "${firstLine(review.body)}"`);

    const commitsBefore = world.bare.log(pull.head.ref, 20).length;
    model.addReview(pull.number, {
      user: 'maintainer',
      state: 'CHANGES_REQUESTED',
      body: 'Please add a comment explaining what widgetMode controls.',
    });
    step(5, `@maintainer requested changes on PR #${pull.number}`);
    await settle(world);
    const log = world.bare.log(pull.head.ref, 20);
    if (log.length !== commitsBefore + 1) return fail(output, 'patchloop code pushed no repair commit');
    step(6, `patchloop code pushed "${log[0]?.subject}" to ${pull.head.ref} (same PR, no force push)`);

    output.out('');
    output.out(`Done in ${((clock.now() - startedAt) / 1000).toFixed(1)} s. On the sandbox GitHub now:`);
    const ours = (login: string) => login === botLogin;
    const analyses = model.comments(issue.number).filter((comment) => ours(comment.user.login)).length;
    const reviews = model.reviews(pull.number).filter((candidate) => ours(candidate.user.login)).length;
    output.out(`  issue #${issue.number}: ${analyses} analysis comment(s) by patchloop review`);
    output.out(
      `  PR #${pull.number}: ${reviews} review(s) by patchloop review, ${log.length - 1} commit(s) on ${pull.head.ref} (1 repair)`,
    );
    output.out('  Nothing was merged and nothing was pushed to main.');
    output.out(`  patchloop review: ${world.review.url}/health  ${world.review.url}/tasks`);
    output.out(`  patchloop code:   ${world.code.url}/health  ${world.code.url}/tasks`);
    if (options.keep) {
      output.out('Everything keeps running (--keep); press Ctrl-C to stop.');
      await options.untilShutdown();
    }
    return 0;
  } finally {
    await stopWorld(world);
  }
}

async function startWorld(processEnv: EnvRecord, clock: Clock): Promise<DemoWorld> {
  const dir = mkdtempSync(path.join(tmpdir(), 'patchloop-demo-'));
  const bare = createBareRepository({ dir: path.join(dir, 'origin'), files: demoRepositoryFiles });
  const github = await startFakeGitHub({ owner: repo.owner, repo: repo.name, bareRepositoryPath: bare.path });
  github.model.setPermission('maintainer', 'write');
  github.model.setPermission('visitor', 'read');
  const agents = { review: path.join(dir, 'review-agent'), code: path.join(dir, 'code-agent') };
  mkdirSync(agents.review);
  mkdirSync(agents.code);
  const reviewAgent = writeFakeAgentScenario(agents.review, reviewAgentScript);
  const codeAgent = writeFakeAgentScenario(agents.code, codeAgentScript);
  const shared = {
    GITHUB_REPO: `${repo.owner}/${repo.name}`,
    GITHUB_TOKEN: 'read-token',
    GITHUB_WRITE_TOKEN: 'write-token',
    GITHUB_API_URL: github.url,
    SERVER_PORT: '0',
    DRY_RUN: 'false',
    PRIMARY_CLI: 'custom',
    LOG_LEVEL: 'warn',
  };
  const baseEnv = { PATH: processEnv['PATH'] ?? '', HOME: dir };
  const review = await startOpenReview({
    config: loadOpenReviewConfig(
      {
        ...shared,
        LOCAL_REPO_PATH: bare.clone(path.join(dir, 'review-clone')),
        STATE_DB_PATH: path.join(dir, 'state', 'review.db'),
        PRIMARY_CLI_COMMAND: reviewAgent.command,
        PR_HEAD_STABILIZE_SECONDS: '0',
      },
      { baseDir: dir, homeDir: dir },
    ),
    logger: createSilentLogger(),
    clock,
    parentEnv: { ...baseEnv, ...reviewAgent.env },
    runLoops: false,
  });
  const code = await startAutocode({
    config: loadAutocodeConfig(
      {
        ...shared,
        LOCAL_REPO_PATH: bare.clone(path.join(dir, 'code-clone')),
        STATE_DB_PATH: path.join(dir, 'state', 'code.db'),
        EXECUTION_WORKTREE_ROOT: path.join(dir, 'worktrees'),
        EXECUTION_TEST_COMMANDS: 'node scripts/check.mjs',
        PRIMARY_CLI_COMMAND: codeAgent.command,
      },
      { baseDir: dir, homeDir: dir },
    ),
    logger: createSilentLogger(),
    clock,
    parentEnv: { ...baseEnv, ...codeAgent.env },
    runLoops: false,
  });
  return { dir, github, bare, review, code };
}

/**
 * Runs both daemons' cycles and workers until neither has anything left: what their background
 * loops do on their intervals, here back to back so the demo takes seconds, not minutes.
 */
async function settle(world: DemoWorld): Promise<void> {
  for (let round = 0; round < 10; round += 1) {
    await world.review.pollOnce();
    await world.code.pollOnce();
    await world.code.scanPullRequestsOnce();
    let ran = false;
    for (const daemon of [world.review, world.code]) {
      for (;;) {
        const iteration = (await daemon.workOnce()) as { readonly kind: string };
        if (iteration.kind === 'idle') break;
        ran = true;
      }
    }
    if (!ran) return;
  }
}

async function stopWorld(world: DemoWorld): Promise<void> {
  await world.code.stop();
  await world.review.stop();
  await world.github.close();
  world.bare.close();
  rmSync(world.dir, { recursive: true, force: true });
}

function fail(output: Output, reason: string): number {
  output.err(`patchloop demo: ${reason}.`);
  return 1;
}

/** The first line of prose: no blank lines, markers or bold/heading-only lines. */
function firstLine(text: string): string {
  const line =
    text
      .split('\n')
      .map((candidate) => candidate.trim())
      .find(
        (candidate) =>
          candidate !== '' &&
          !candidate.startsWith('<!--') &&
          !candidate.startsWith('#') &&
          !/^\*\*[^*]+\*\*:?$/.test(candidate),
      ) ?? '';
  return line.length > 100 ? `${line.slice(0, 99)}…` : line.trim();
}
