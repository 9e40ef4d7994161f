import type { PullRequest } from '@patchloop/core';
import { isTaskBranch } from '@patchloop/core';

/** Which pull request an issue run would publish to. */
export interface ExistingPullRequestQuery {
  readonly headBranch: string;
  readonly base: string;
  /**
   * `owner/name` of the served repository. When given, a same-named branch in a fork never
   * counts as ours (the original asked GitHub for `head=<owner>:<branch>`).
   */
  readonly repoFullName?: string;
}

/** Input of {@link checkOpenPrCap}. */
export interface OpenPrCapInput {
  /** ONE listing of the repository's open pull requests, read before anything is pushed. */
  readonly prs: readonly PullRequest[];
  /** EXECUTION_MAX_OPEN_AUTOCODE_PRS; 0 or less disables the cap. */
  readonly cap: number;
  /** EXECUTION_BRANCH_PREFIX, the configured one (the original counted the literal `autocode/`). */
  readonly branchPrefix: string;
  /** When given, pull requests from forks are not counted: strangers cannot fill the cap. */
  readonly repoFullName?: string;
}

/** The cap verdict: `ok: false` carries an English reason naming `<count>/<cap>`. */
export type OpenPrCapCheck =
  | { readonly ok: true; readonly count: number }
  | { readonly ok: false; readonly count: number; readonly reason: string };

/**
 * The open pull request from `headBranch` into `base`, if any; with several, the oldest one,
 * so repeated runs keep publishing to the same PR.
 */
export function findExistingPullRequest(
  prs: readonly PullRequest[],
  query: ExistingPullRequestQuery,
): PullRequest | undefined {
  const matches = prs.filter(
    (pr) =>
      pr.state === 'open' &&
      pr.headRef === query.headBranch &&
      pr.baseRef === query.base &&
      isFromRepository(pr, query.repoFullName),
  );
  return matches.reduce<PullRequest | undefined>(
    (oldest, pr) => (oldest === undefined || pr.number < oldest.number ? pr : oldest),
    undefined,
  );
}

/**
 * Counts open pull requests on `<branchPrefix>/` branches and refuses a new one once the count
 * reaches the cap. Callers check this before pushing, so a refused run leaves no orphan branch.
 */
export function checkOpenPrCap(input: OpenPrCapInput): OpenPrCapCheck {
  const count = input.prs.filter(
    (pr) =>
      pr.state === 'open' &&
      isTaskBranch(pr.headRef, input.branchPrefix) &&
      isFromRepository(pr, input.repoFullName),
  ).length;
  if (input.cap <= 0 || count < input.cap) return { ok: true, count };
  return {
    ok: false,
    count,
    reason: `Open PatchLoop pull requests reached the cap (${count}/${input.cap}); merge or close some, or raise EXECUTION_MAX_OPEN_AUTOCODE_PRS.`,
  };
}

function isFromRepository(pr: PullRequest, repoFullName: string | undefined): boolean {
  return repoFullName === undefined || pr.headRepoFullName?.toLowerCase() === repoFullName.toLowerCase();
}
