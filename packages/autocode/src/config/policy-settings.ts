import type { ConfigSection } from '@patchloop/core';
import { booleanVar, csvVar, enumListVar } from '@patchloop/core';
import { z } from 'zod';

/** The triage types a plan can have. */
export const taskTypes = ['bug_fix', 'todo_refactor', 'small_feature', 'high_risk_feature'] as const;

/** One triage type. */
export type TaskType = (typeof taskTypes)[number];

/** What counts as documentation when a plan or patch is scoped. */
export interface DocumentationScope {
  /** Path prefixes; a trailing `/` means a directory. */
  readonly paths: readonly string[];
  readonly extensions: readonly string[];
}

/** The policy gate: which issues may run and which paths a patch may never touch. */
export interface PolicySettings {
  /** If non-empty, an issue must carry one of these labels (compared lower-case), even when approved. */
  readonly allowedLabels: readonly string[];
  /** Task types that need an approver's go-ahead. */
  readonly requireApprovalFor: readonly TaskType[];
  readonly allowHighRiskAutorun: boolean;
  /** Path prefixes a patch may not touch (trailing `/` = directory). */
  readonly blockedPaths: readonly string[];
  readonly documentationScope: DocumentationScope;
}

/** Defaults of the policy gate, kept from the original. */
export const policyDefaults = {
  // The original's code default is empty and its example lists the two feature types;
  // PatchLoop takes the example's value: features wait for a human.
  requireApprovalFor: ['small_feature', 'high_risk_feature'],
  blockedPaths: ['.github/workflows/', 'infra/', 'deploy/', 'migrations/', 'secrets/', '.env'],
  documentationPaths: [
    'docs/',
    'doc/',
    'README.md',
    'CHANGELOG.md',
    'AGENTS.md',
    'CLAUDE.md',
    'SKILL.md',
    '.github/pull_request_template.md',
    '.github/copilot-instructions.md',
    '.github/instructions/',
    '.claude/skills/',
  ],
  documentationExtensions: ['.md', '.mdx', '.rst', '.txt'],
} as const;

const extensionPattern = /^\.[A-Za-z0-9]+$/;

/** EXECUTION_ALLOWED_LABELS, EXECUTION_REQUIRE_APPROVAL_FOR, EXECUTION_ALLOW_HIGH_RISK_AUTORUN, EXECUTION_BLOCKED_PATHS, EXECUTION_DOCUMENTATION_SCOPE_*. */
export function policySettings(): ConfigSection<PolicySettings> {
  return z
    .object({
      EXECUTION_ALLOWED_LABELS: csvVar({ lowerCase: true }),
      EXECUTION_REQUIRE_APPROVAL_FOR: enumListVar(taskTypes, {
        default: policyDefaults.requireApprovalFor,
        label: 'task type',
      }),
      EXECUTION_ALLOW_HIGH_RISK_AUTORUN: booleanVar({ default: false }),
      EXECUTION_BLOCKED_PATHS: csvVar({ default: policyDefaults.blockedPaths }),
      EXECUTION_DOCUMENTATION_SCOPE_PATHS: csvVar({ default: policyDefaults.documentationPaths }),
      EXECUTION_DOCUMENTATION_SCOPE_EXTENSIONS: csvVar({
        default: policyDefaults.documentationExtensions,
        lowerCase: true,
        itemPattern: extensionPattern,
        expected: 'file extensions such as .md',
      }),
    })
    .transform((env) => ({
      allowedLabels: env.EXECUTION_ALLOWED_LABELS,
      requireApprovalFor: env.EXECUTION_REQUIRE_APPROVAL_FOR,
      allowHighRiskAutorun: env.EXECUTION_ALLOW_HIGH_RISK_AUTORUN,
      blockedPaths: env.EXECUTION_BLOCKED_PATHS,
      documentationScope: {
        paths: env.EXECUTION_DOCUMENTATION_SCOPE_PATHS,
        extensions: env.EXECUTION_DOCUMENTATION_SCOPE_EXTENSIONS,
      },
    }));
}
