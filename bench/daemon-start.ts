// Measures `patchloop review` from spawn to a listening /health, and its RSS once idle.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const runs = Number(process.argv[2] ?? 5);
const bin = fileURLToPath(new URL('../packages/cli/dist/bin.js', import.meta.url));
const port = 18_700 + Math.floor(Math.random() * 200);

const measure = async (): Promise<{ startMs: number; rssMb: number }> => {
  const dir = mkdtempSync(path.join(tmpdir(), 'patchloop-bench-start-'));
  mkdirSync(path.join(dir, 'clone'));
  writeFileSync(
    path.join(dir, 'review.env'),
    `GITHUB_REPO=acme/widgets\nGITHUB_TOKEN=ghp_bench\nLOCAL_REPO_PATH=./clone\nSERVER_PORT=${port}\nLOG_LEVEL=warn\n`,
  );
  const started = performance.now();
  const child = spawn(process.execPath, [bin, 'review', '--env', 'review.env'], {
    cwd: dir,
    stdio: 'ignore',
  });
  let startMs = Number.NaN;
  for (let attempt = 0; attempt < 400; attempt += 1) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health`);
      if (response.ok) {
        startMs = performance.now() - started;
        break;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  child.kill('SIGTERM');
  await new Promise((resolve) => child.on('close', resolve));
  rmSync(dir, { recursive: true, force: true });
  return { startMs, rssMb: rssKb / 1024 };
};

const results = [];
for (let run = 0; run < runs; run += 1) results.push(await measure());
const starts = results.map((r) => r.startMs).sort((a, b) => a - b);
const rss = results.map((r) => r.rssMb).sort((a, b) => a - b);
const median = (values: number[]): number => values[Math.floor(values.length / 2)] ?? Number.NaN;
console.log(
  `start: median ${median(starts).toFixed(0)} ms to a listening /health over ${runs} runs (min ${starts[0]?.toFixed(0)}, max ${starts.at(-1)?.toFixed(0)}; target <= 750)`,
);
console.log(`start: idle RSS median ${median(rss).toFixed(1)} MB (target <= 60)`);
