import type { TaskType } from '../config/policy-settings.js';

/** The conventional-commit type PatchLoop gives a change, shared by commit subjects and PR titles. */
export type ChangePrefix = 'fix' | 'feat' | 'refactor' | 'chore';

const prefixByTaskType: Readonly<Record<TaskType, ChangePrefix>> = {
  bug_fix: 'fix',
  small_feature: 'feat',
  high_risk_feature: 'feat',
  todo_refactor: 'refactor',
};

/** Maps a triage type to its prefix (spec §2.12); an unknown type is `chore`. */
export function changePrefixFor(taskType: TaskType | undefined): ChangePrefix {
  return taskType === undefined ? 'chore' : prefixByTaskType[taskType];
}
