/** Whether PatchLoop may open a PR into `base`, or why not. */
export type PublishTargetCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Inputs of {@link checkPublishTarget}. */
export interface PublishTargetInput {
  /** The branch the PR would target. */
  readonly base: string;
  /** The repository's default branch; empty means `main`. */
  readonly defaultBranch: string;
  /** EXECUTION_FORBID_MAIN_BASE_BRANCH. */
  readonly forbidMainBaseBranch: boolean;
}

/** Strips `refs/heads/` and ignores case, so that spelling variants name the same branch. */
function branchKey(branch: string): string {
  return branch
    .trim()
    .replace(/^refs\/heads\//i, '')
    .toLowerCase();
}

/**
 * Refuses a PR into the default branch when EXECUTION_FORBID_MAIN_BASE_BRANCH is on (spec §2.5
 * "publish target"). Checked before the plan-only decision, so it also stops plan-only runs.
 */
export function checkPublishTarget(input: PublishTargetInput): PublishTargetCheck {
  if (!input.forbidMainBaseBranch) return { ok: true };
  const defaultBranch = input.defaultBranch.trim() === '' ? 'main' : input.defaultBranch.trim();
  if (branchKey(input.base) !== branchKey(defaultBranch)) return { ok: true };
  return {
    ok: false,
    reason: `the PR base \`${input.base.trim()}\` is the default branch \`${defaultBranch}\`, which EXECUTION_FORBID_MAIN_BASE_BRANCH forbids as a publish target`,
  };
}
