#!/usr/bin/env node
import { homedir } from 'node:os';
import { createConsoleOutput } from './output.js';
import { runCli } from './run-cli.js';

// The process entry point: the only code that reads process.env, argv and signals.
const untilShutdown = (): Promise<string> =>
  new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });

const exitCode = await runCli({
  argv: process.argv.slice(2),
  env: process.env,
  cwd: process.cwd(),
  homeDir: homedir(),
  output: createConsoleOutput(),
  untilShutdown,
});
// After a clean stop nothing is left to do: exit now rather than wait for background work such as a
// GitHub request still retrying against an unreachable host.
process.exit(exitCode);
