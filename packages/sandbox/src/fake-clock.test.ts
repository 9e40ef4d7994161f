import { describe, expect, it } from 'vitest';
import { createFakeClock } from './fake-clock.js';

describe('createFakeClock', () => {
  it('wakes a sleeper only once time has advanced past its deadline', async () => {
    const clock = createFakeClock(1_000);
    let woke = false;
    const sleeping = clock.sleep(500).then(() => {
      woke = true;
    });

    await clock.advance(499);
    expect(woke).toBe(false);
    await clock.advance(1);
    await sleeping;

    expect(woke).toBe(true);
    expect(clock.now()).toBe(1_500);
  });

  it('rejects a sleep when its signal aborts and forgets the sleeper', async () => {
    const clock = createFakeClock();
    const controller = new AbortController();
    const sleeping = clock.sleep(10_000, controller.signal);

    controller.abort(new Error('stopped'));

    await expect(sleeping).rejects.toThrow('stopped');
    expect(clock.pendingSleepers()).toBe(0);
  });
});
