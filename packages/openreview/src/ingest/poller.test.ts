import { createSilentLogger } from '@patchloop/core';
import { createFakeClock } from '@patchloop/sandbox';
import { describe, expect, it } from 'vitest';
import type { PollCycle, PollReport } from './poll-cycle.js';
import { createPoller } from './poller.js';

const emptyReport: PollReport = { enqueued: 0, failedItems: 0, failedListings: [] };

function countingCycle(behaviour: (run: number) => PollReport | Error): PollCycle & { runs: () => number } {
  let runs = 0;
  return {
    runs: () => runs,
    runOnce: async () => {
      runs += 1;
      const outcome = behaviour(runs);
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
  };
}

async function settle(): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
}

describe('createPoller', () => {
  it('waits the interval between the end of one cycle and the start of the next', async () => {
    const clock = createFakeClock();
    const cycle = countingCycle(() => emptyReport);
    const poller = createPoller({ cycle, clock, intervalMs: 60_000, logger: createSilentLogger() });

    poller.start();
    await settle();
    const afterStart = cycle.runs();
    await clock.advance(59_999);
    const beforeInterval = cycle.runs();
    await clock.advance(1);
    await settle();

    expect([afterStart, beforeInterval, cycle.runs()]).toEqual([1, 1, 2]);
    await poller.stop();
  });

  it('keeps polling after a cycle throws', async () => {
    const clock = createFakeClock();
    const cycle = countingCycle((run) => (run === 1 ? new Error('GitHub is down') : emptyReport));
    const poller = createPoller({ cycle, clock, intervalMs: 1_000, logger: createSilentLogger() });

    poller.start();
    await settle();
    await clock.advance(1_000);
    await settle();

    expect(cycle.runs()).toBe(2);
    await poller.stop();
  });

  it('stops during the pause without running another cycle', async () => {
    const clock = createFakeClock();
    const cycle = countingCycle(() => emptyReport);
    const poller = createPoller({ cycle, clock, intervalMs: 1_000, logger: createSilentLogger() });
    poller.start();
    await settle();

    await poller.stop();
    await clock.advance(5_000);

    expect(cycle.runs()).toBe(1);
    expect(clock.pendingSleepers()).toBe(0);
  });

  it('runs one loop however often start is called', async () => {
    const clock = createFakeClock();
    const cycle = countingCycle(() => emptyReport);
    const poller = createPoller({ cycle, clock, intervalMs: 1_000, logger: createSilentLogger() });

    poller.start();
    poller.start();
    await settle();

    expect(cycle.runs()).toBe(1);
    await poller.stop();
  });
});
