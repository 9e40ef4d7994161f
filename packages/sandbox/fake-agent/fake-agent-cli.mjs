#!/usr/bin/env node
// PatchLoop's scriptable fake coding CLI. Plain Node ESM, no dependencies, shipped as-is.
//
// The scenario is a JSON file named by env PATCHLOOP_FAKE_AGENT_SCENARIO:
//   { "invocations": [ [step, ...], [step, ...] ] }
// Call n runs invocations[n - 1]; the last entry repeats for every later call. The call counter
// lives in "<scenario>.state" (one line per call, so concurrent calls still get distinct numbers),
// and every call appends { n, cwd, argv, prompt, promptFile, envKeys } as a JSON line to
// "<scenario>.log" before running its steps, so tests can assert what the agent received.
//
// Steps: write/append { path, content } · delete { path } · stage { paths? } (git add) ·
// print { text } · printJson { value } · stderr { text } · exit { code } · sleep { ms } ·
// hang { child?, pidFile? } · echoPrompt. Paths are relative to the working directory.
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

const usageExitCode = 70;

function fail(message) {
  process.stderr.write(`fake-agent: ${message}\n`);
  process.exit(usageExitCode);
}

async function readStdin() {
  if (process.stdin.isTTY) return '';
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function readPromptFile() {
  const path = process.env.PATCHLOOP_PROMPT_FILE;
  if (path === undefined || path === '') return null;
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    return `<unreadable: ${error.code ?? error.message}>`;
  }
}

/** Claims the next call number: append a unique token, then find its line. */
function claimInvocationNumber(statePath) {
  const token = `${process.pid}-${randomUUID()}`;
  appendFileSync(statePath, `${token}\n`);
  const lines = readFileSync(statePath, 'utf8').split('\n');
  return lines.indexOf(token) + 1;
}

function loadScenario(path) {
  let scenario;
  try {
    scenario = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    fail(`cannot read scenario ${path}: ${error.message}`);
  }
  const invocations = Array.isArray(scenario) ? scenario : scenario?.invocations;
  if (!Array.isArray(invocations) || invocations.length === 0) {
    fail(`scenario ${path} needs a non-empty "invocations" list`);
  }
  return invocations;
}

function targetPath(step) {
  if (typeof step.path !== 'string' || step.path === '') fail(`step "${step.kind}" needs a path`);
  return resolve(process.cwd(), step.path);
}

function hangForever(step) {
  if (step.child === true) {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 60_000)'], { stdio: 'ignore' });
    if (typeof step.pidFile === 'string')
      writeFileSync(resolve(process.cwd(), step.pidFile), String(child.pid));
  }
  setInterval(() => {}, 60_000);
  return new Promise(() => {});
}

async function runStep(step, prompt) {
  switch (step.kind) {
    case 'write':
    case 'append': {
      const path = targetPath(step);
      mkdirSync(dirname(path), { recursive: true });
      if (step.kind === 'write') writeFileSync(path, step.content ?? '');
      else appendFileSync(path, step.content ?? '');
      return true;
    }
    case 'delete':
      rmSync(targetPath(step), { force: true, recursive: true });
      return true;
    case 'stage': {
      const paths = Array.isArray(step.paths) && step.paths.length > 0 ? ['--', ...step.paths] : ['-A'];
      execFileSync('git', ['add', ...paths], { cwd: process.cwd(), stdio: 'ignore' });
      return true;
    }
    case 'print':
      process.stdout.write(String(step.text ?? ''));
      return true;
    case 'printJson':
      process.stdout.write(`${JSON.stringify(step.value)}\n`);
      return true;
    case 'stderr':
      process.stderr.write(String(step.text ?? ''));
      return true;
    case 'echoPrompt':
      process.stdout.write(prompt);
      return true;
    case 'sleep':
      await delay(Number(step.ms ?? 0));
      return true;
    case 'hang':
      return hangForever(step);
    case 'exit':
      process.exitCode = Number(step.code ?? 0);
      return false;
    default:
      return fail(`unknown step kind ${JSON.stringify(step.kind)}`);
  }
}

async function main() {
  const scenarioPath = process.env.PATCHLOOP_FAKE_AGENT_SCENARIO;
  if (scenarioPath === undefined || scenarioPath === '') fail('PATCHLOOP_FAKE_AGENT_SCENARIO is not set');
  const invocations = loadScenario(scenarioPath);
  const stdinPrompt = await readStdin();
  const promptFile = readPromptFile();
  const prompt = stdinPrompt !== '' ? stdinPrompt : (promptFile ?? '');
  const n = claimInvocationNumber(`${scenarioPath}.state`);
  const entry = {
    n,
    cwd: process.cwd(),
    argv: process.argv.slice(2),
    prompt,
    promptFile,
    envKeys: Object.keys(process.env).sort(),
  };
  appendFileSync(`${scenarioPath}.log`, `${JSON.stringify(entry)}\n`);

  const steps = invocations[Math.min(n, invocations.length) - 1];
  if (!Array.isArray(steps)) fail(`invocation ${n} is not a list of steps`);
  for (const step of steps) {
    const keepGoing = await runStep(step, prompt);
    if (!keepGoing) return;
  }
}

await main();
