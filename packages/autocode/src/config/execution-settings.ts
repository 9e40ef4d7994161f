import type { ConfigContext, ConfigSection } from '@patchloop/core';
import {
  booleanVar,
  enumListVar,
  enumVar,
  gitRefNamePattern,
  pathVar,
  stringVar,
  whenValid,
} from '@patchloop/core';
import { z } from 'zod';

/** `manual` never implements without an explicit approval; `semi_auto`/`auto` may for small fixes. */
export const executionModes = ['manual', 'semi_auto', 'auto'] as const;

/** How much autocode does on its own. */
export type ExecutionMode = (typeof executionModes)[number];

/** Repository permissions that can approve work by comment. `read` is never enough. */
export const approverPermissionLevels = ['admin', 'maintain', 'write', 'triage'] as const;

/** One repository permission level accepted as an approver. */
export type ApproverPermission = (typeof approverPermissionLevels)[number];

/** The commit identity of autocode's commits, passed per command (never written to git config). */
export interface CommitUser {
  readonly name: string;
  readonly email: string;
}

/** The execution core: when to plan and implement, and how branches and PRs are made. */
export interface ExecutionCoreSettings {
  readonly mode: ExecutionMode;
  /** Plan new issues without an explicit request (gate of all non-explicit enqueueing). */
  readonly autoPlanOnIssueOpen: boolean;
  /** In semi_auto/auto, implement bug fixes and todo refactors without approval. */
  readonly autoImplementOnIssueOpen: boolean;
  /** Whether an approver's "implement" comment may start feature work. */
  readonly allowFeatureOnComment: boolean;
  readonly planCommentHeader: string;
  /** Task branches are `<prefix>/issue-<n>-<slug>`; PRs on `<prefix>/` branches are tracked. */
  readonly branchPrefix: string;
  readonly pushRemote: string;
  /** PR base branch; defaults to the local repository's default branch. */
  readonly prBaseBranch: string;
  readonly forceDraftPr: boolean;
  readonly autoReadyForReview: boolean;
  /** Refuse PRs into the default branch and skip repairs of PRs based on it. */
  readonly forbidMainBaseBranch: boolean;
  /** Root of per-task git worktrees; never inside the local repository. */
  readonly worktreeRoot: string;
  readonly commitUser: CommitUser;
  /** Permissions whose holders may approve work by comment (the original: the owner login only). */
  readonly approverPermissions: readonly ApproverPermission[];
}

/** The execution core before the PR base falls back to the default branch. */
export type ExecutionCoreValues = Omit<ExecutionCoreSettings, 'prBaseBranch'> & {
  readonly prBaseBranch: string | undefined;
};

const branchName = { pattern: gitRefNamePattern, expected: 'a git branch name' } as const;

/** Defaults of the execution core that depend on the file layout. */
export const executionDefaults = {
  worktreeRoot: './.patchloop/worktrees',
  commitUserName: 'PatchLoop Bot',
  commitUserEmail: 'patchloop-bot@example.com',
} as const;

/** ENABLE_EXECUTION, EXECUTION_MODE and the other EXECUTION_* variables of the execution core. */
export function executionCoreSettings(context: ConfigContext): ConfigSection<ExecutionCoreValues> {
  return z
    .object({
      // Accepted for compatibility; `patchloop code` itself is the decision to execute.
      ENABLE_EXECUTION: booleanVar({}),
      EXECUTION_MODE: enumVar(executionModes, { default: 'manual' }),
      EXECUTION_AUTO_PLAN_ON_ISSUE_OPEN: booleanVar({ default: true }),
      EXECUTION_AUTO_IMPLEMENT_ON_ISSUE_OPEN: booleanVar({ default: false }),
      EXECUTION_ALLOW_FEATURE_ON_COMMENT: booleanVar({ default: true }),
      EXECUTION_PLAN_COMMENT_HEADER: stringVar({ default: '## AutoCode Plan' }),
      EXECUTION_BRANCH_PREFIX: stringVar({ ...branchName, default: 'autocode' }),
      EXECUTION_PUSH_REMOTE: stringVar({
        default: 'origin',
        pattern: /^[A-Za-z0-9._-]+$/,
        expected: 'a git remote name',
      }),
      EXECUTION_PR_BASE_BRANCH: stringVar(branchName),
      EXECUTION_FORCE_DRAFT_PR: booleanVar({ default: false }),
      EXECUTION_AUTO_READY_FOR_REVIEW: booleanVar({ default: false }),
      EXECUTION_FORBID_MAIN_BASE_BRANCH: booleanVar({ default: false }),
      EXECUTION_WORKTREE_ROOT: pathVar(context, { default: executionDefaults.worktreeRoot }),
      EXECUTION_COMMIT_USER_NAME: stringVar({ default: executionDefaults.commitUserName }),
      EXECUTION_COMMIT_USER_EMAIL: stringVar({
        default: executionDefaults.commitUserEmail,
        pattern: /^[^\s@<>]+@[^\s@<>]+$/,
        expected: 'an e-mail address',
      }),
      EXECUTION_APPROVER_PERMISSIONS: enumListVar(approverPermissionLevels, {
        default: ['admin', 'maintain', 'write'],
        label: 'permission',
        hint: 'list the repository permissions that may approve work, e.g. admin,maintain,write',
      }),
    })
    .superRefine(
      (env, ctx) => {
        if (env.ENABLE_EXECUTION === false) {
          const message =
            'the coding daemon is disabled by ENABLE_EXECUTION=false — remove the variable or set it to true to run patchloop code';
          ctx.addIssue({ code: 'custom', path: ['ENABLE_EXECUTION'], message });
        }
      },
      { when: whenValid(['ENABLE_EXECUTION']) },
    )
    .transform((env) => ({
      mode: env.EXECUTION_MODE,
      autoPlanOnIssueOpen: env.EXECUTION_AUTO_PLAN_ON_ISSUE_OPEN,
      autoImplementOnIssueOpen: env.EXECUTION_AUTO_IMPLEMENT_ON_ISSUE_OPEN,
      allowFeatureOnComment: env.EXECUTION_ALLOW_FEATURE_ON_COMMENT,
      planCommentHeader: env.EXECUTION_PLAN_COMMENT_HEADER,
      branchPrefix: env.EXECUTION_BRANCH_PREFIX,
      pushRemote: env.EXECUTION_PUSH_REMOTE,
      prBaseBranch: env.EXECUTION_PR_BASE_BRANCH,
      forceDraftPr: env.EXECUTION_FORCE_DRAFT_PR,
      autoReadyForReview: env.EXECUTION_AUTO_READY_FOR_REVIEW,
      forbidMainBaseBranch: env.EXECUTION_FORBID_MAIN_BASE_BRANCH,
      worktreeRoot: env.EXECUTION_WORKTREE_ROOT,
      commitUser: { name: env.EXECUTION_COMMIT_USER_NAME, email: env.EXECUTION_COMMIT_USER_EMAIL },
      approverPermissions: env.EXECUTION_APPROVER_PERMISSIONS,
    }));
}
