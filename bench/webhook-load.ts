// The load generator for webhook-intake.ts, run in its own process so it does not share the server's
// event loop: sends N signed deliveries with a given concurrency and prints one JSON line of results.
import { Webhooks } from '@octokit/webhooks';
import { examplePayload } from '@patchloop/sandbox';

const [url = '', totalArg = '4000', concurrencyArg = '32', secret = ''] = process.argv.slice(2);
const total = Number(totalArg);
const concurrency = Number(concurrencyArg);
const body = JSON.stringify(examplePayload('issues', 'opened'));
const signature = await new Webhooks({ secret }).sign(body);
const latencies: number[] = [];
let next = 0;
let failures = 0;
const send = async (): Promise<void> => {
  while (next < total) {
    const id = next;
    next += 1;
    const started = performance.now();
    const response = await fetch(url, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'issues',
        'x-github-delivery': `bench-${id}`,
        'x-hub-signature-256': signature,
      },
    });
    await response.arrayBuffer();
    if (response.status !== 202) failures += 1;
    latencies.push(performance.now() - started);
  }
};
const started = performance.now();
await Promise.all(Array.from({ length: concurrency }, send));
console.log(JSON.stringify({ seconds: (performance.now() - started) / 1000, latencies, failures }));
