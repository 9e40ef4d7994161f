// Public surface of @patchloop/sandbox. Named exports only; one block per area.

export type { FakeClock } from './fake-clock.js';
// -- clock
export { createFakeClock } from './fake-clock.js';

// -- fake GitHub (fake-github/)

// -- webhooks (webhooks/)

// -- git fixtures (git/)

// -- fake agent (fake-agent/)
