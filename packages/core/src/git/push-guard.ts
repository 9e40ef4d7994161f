import { checkBranchName } from './branch-names.js';

/** The only force PatchLoop ever uses: a lease, so a push never drops someone else's commits. */
export type PushForce = 'with-lease';

/** A push PatchLoop is about to make. */
export interface PushRequest {
  /** Target branch; `refs/heads/<b>` and `<src>:<dst>` refspecs are understood (and judged by `<dst>`). */
  readonly branch: string;
  readonly defaultBranch: string;
  /** More branches to protect; `*` matches within one path component, `**` across them. */
  readonly protectedBranches?: readonly string[];
  readonly remote: string;
  readonly force?: PushForce;
}

/** Which branches count as protected. */
export interface ProtectedBranchRules {
  readonly defaultBranch: string;
  readonly protectedBranches?: readonly string[];
}

/** The guard's verdict: the exact refspec to push, or why not. */
export type PushCheck =
  | { readonly ok: true; readonly branch: string; readonly refspec: string }
  | { readonly ok: false; readonly reason: string };

/** Always protected, whatever the configured default: the original refused `main` too. */
const alwaysProtected = ['main'];
const remoteNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Decides whether a push may happen. Never to the default, `main` or a protected branch
 * (compared case-insensitively, through `refs/heads/` and refspec spellings), never a bare
 * `HEAD`, never a deletion, and force only with a lease. Pure: callers refuse before git runs.
 */
export function checkPush(request: PushRequest): PushCheck {
  const force: unknown = request.force;
  if (force !== undefined && force !== 'with-lease') {
    return refused(`force "${String(force)}" is not allowed; only force-with-lease is`);
  }
  if (!remoteNamePattern.test(request.remote)) {
    return refused(`remote "${request.remote}" is not a plain remote name`);
  }
  if (request.defaultBranch.trim() === '') {
    return refused('the default branch is not configured, so protected branches cannot be told apart');
  }
  const target = toTargetBranch(request.branch);
  if (!target.ok) return target;
  if (isProtectedBranch(target.branch, request)) {
    return refused(`"${target.branch}" is a protected branch; PatchLoop only pushes its own task branches`);
  }
  return { ok: true, branch: target.branch, refspec: `HEAD:refs/heads/${target.branch}` };
}

/** True when `branch` is `main`, the default branch or matches a protected pattern, ignoring case. */
export function isProtectedBranch(branch: string, rules: ProtectedBranchRules): boolean {
  const name = stripHeadsPrefix(branch).toLowerCase();
  const patterns = [...alwaysProtected, rules.defaultBranch, ...(rules.protectedBranches ?? [])];
  return patterns.some((pattern) => globToRegExp(stripHeadsPrefix(pattern)).test(name));
}

type TargetCheck = { readonly ok: true; readonly branch: string } | Refusal;
type Refusal = { readonly ok: false; readonly reason: string };

function toTargetBranch(spec: string): TargetCheck {
  if (spec.startsWith('+')) return refused('a "+" refspec forces without a lease');
  const colon = spec.lastIndexOf(':');
  const source = colon === -1 ? undefined : spec.slice(0, colon);
  const destination = colon === -1 ? spec : spec.slice(colon + 1);
  if (source === '') return refused('a refspec with an empty source deletes the remote branch');
  if (destination === '' && source !== undefined) {
    return refused('a refspec without a destination pushes to whatever the source is named');
  }
  if (isHeadLike(destination)) {
    return refused(`"${destination}" pushes whatever is checked out; name the branch explicitly`);
  }
  const branch = stripHeadsPrefix(destination);
  if (/^refs\//i.test(branch)) return refused(`"${destination}" is not a branch under refs/heads/`);
  const check = checkBranchName(branch);
  if (!check.ok) return refused(`"${branch}" is not a legal branch name: ${check.reason}`);
  return { ok: true, branch };
}

/** `HEAD`, `@` and their `refs/heads/` spellings resolve to the checked-out branch. */
function isHeadLike(ref: string): boolean {
  const name = stripHeadsPrefix(ref).toUpperCase();
  return name === 'HEAD' || name === '@' || name.startsWith('HEAD~') || name.startsWith('HEAD^');
}

function stripHeadsPrefix(ref: string): string {
  return ref.replace(/^refs\/heads\//i, '');
}

function globToRegExp(pattern: string): RegExp {
  const source = pattern
    .toLowerCase()
    .split('**')
    .map((part) =>
      part
        .split('*')
        .map((piece) => piece.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*'),
    )
    .join('.*');
  return new RegExp(`^${source}$`);
}

function refused(reason: string): Refusal {
  return { ok: false, reason };
}
