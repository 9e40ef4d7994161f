import type { JsonObject, TaskOutcome } from '@patchloop/core';

/** A task that had nothing to do; the reason shows in `/tasks`. */
export function skipped(reason: string): TaskOutcome {
  return { kind: 'done', result: { outcome: 'skipped', reason } };
}

/** The task result of a dry run: what would have been posted, shown by `/tasks` and left unanswered. */
export function dryRunResult(kind: string, target: number, body: string, key: string): JsonObject {
  return { outcome: 'dry_run', key, wouldPost: { kind, target, body } };
}
