import path from 'node:path';
import type { ChangedFile, WorktreeDiff } from '@patchloop/core';
import type { LimitSettings } from '../config/limit-settings.js';
import type { PolicySettings } from '../config/policy-settings.js';
import { isBlockedPath } from '../policy/blocked-paths.js';
import type { FindingCode, InspectionFinding, InspectionReport, PatchBudget } from './inspection-report.js';
import { isStrictScope, isWithinScope } from './patch-scope.js';
import { scanAddedLines } from './secret-scan.js';
import type { TestRemoval } from './test-changes.js';
import { changedTestFiles, findTestRemovals } from './test-changes.js';
import {
  isDependencyManifest,
  isDocumentationPath,
  isEnvExample,
  isPlainDocumentation,
  isSupportingFile,
} from './test-files.js';
import type { FilePatch } from './unified-diff.js';
import { addedLinesOf, parseUnifiedDiff } from './unified-diff.js';

/** Inputs of {@link inspectPatch}. */
export interface InspectPatchInput {
  /** The whole change against the base commit (core's `worktree.diffAgainst(baseSha)`). */
  readonly diff: WorktreeDiff;
  readonly settings: Pick<PolicySettings, 'blockedPaths' | 'documentationScope'> & {
    readonly limits: Pick<LimitSettings, 'maxChangedFiles' | 'maxAddedLines' | 'maxDeletedLines'>;
  };
  /** Bug fixes must change a test unless the patch is test-exempt (manifests, docs, env examples). */
  readonly requireTestChanges: boolean;
  /** The plan's paths; enforced only when all of them are documentation or configuration. */
  readonly allowedPaths?: readonly string[];
  /** A documentation task: every changed file must be documentation. */
  readonly documentationOnly?: boolean;
}

const symlinkMode = '120000';
const submoduleMode = '160000';
/** Per-file findings beyond this many collapse into one "and N more" line. */
const maxFindingsPerCode = 10;

/**
 * Decides whether a patch may be committed and pushed (spec §2.11, plus the checks the original
 * lacked: secrets, symlinks leaving the repository, submodules and weakened tests). Pure: it
 * reads only the diff it is given, which covers commits, staged, unstaged and untracked files.
 */
export function inspectPatch(input: InspectPatchInput): InspectionReport {
  const { settings } = input;
  const files = [...input.diff.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const patches = parseUnifiedDiff(input.diff.patch);
  const findings: InspectionFinding[] = [];

  findings.push(
    ...capped(
      files
        .filter((file) => isBlockedPath(file.path, settings.blockedPaths))
        .map((file) => ({
          code: 'blocked_path' as const,
          message: `the patch ${file.status === 'deleted' ? 'deletes' : 'changes'} the blocked path \`${file.path}\`; revert that change`,
          path: file.path,
        })),
    ),
    ...capped(
      scanAddedLines(input.diff.patch).map((hit) => ({
        code: 'secret' as const,
        message: `line ${hit.line} of \`${hit.path}\` adds what looks like ${describeSecretKind(hit.kind)}; remove it and read the value from the environment`,
        path: hit.path,
      })),
    ),
    ...capped(symlinkFindings(files, patches)),
    ...capped(
      files
        .filter((file) => file.newMode === submoduleMode || file.oldMode === submoduleMode)
        .map((file) => ({
          code: 'submodule' as const,
          message: `\`${file.path}\` is a git submodule; PatchLoop does not publish submodule changes`,
          path: file.path,
        })),
    ),
  );

  const allowedPaths = input.allowedPaths ?? [];
  if (isStrictScope(allowedPaths)) {
    const outside = files
      .map((file) => file.path)
      .filter((p) => !isSupportingFile(p) && !isWithinScope(p, allowedPaths));
    if (outside.length > 0) {
      findings.push({
        code: 'out_of_scope',
        message: `changes outside the plan's paths (${allowedPaths.join(', ')}): ${listed(outside)}`,
      });
    }
  }
  if (input.documentationOnly === true) {
    const code = files
      .map((file) => file.path)
      .filter((p) => !isDocumentationPath(p, settings.documentationScope));
    if (code.length > 0) {
      findings.push({
        code: 'documentation_only',
        message: `a documentation task may only change documentation, but it changes: ${listed(code)}`,
      });
    }
  }
  if (files.length === 0) {
    findings.push({ code: 'no_changes', message: 'the patch contains no change to commit' });
  }

  const budget = measureBudget(files);
  const { limits } = settings;
  const over = (code: FindingCode, what: string, value: number, max: number) => {
    if (value > max) {
      findings.push({
        code,
        message: `too many ${what}: ${value} > ${max} (tests, docs, fixtures and examples do not count)`,
      });
    }
  };
  over('too_many_files', 'changed files', budget.files, limits.maxChangedFiles);
  over('too_many_added_lines', 'added lines', budget.addedLines, limits.maxAddedLines);
  over('too_many_deleted_lines', 'deleted lines', budget.deletedLines, limits.maxDeletedLines);

  const testFilesChanged = changedTestFiles(files, patches);
  if (input.requireTestChanges && testFilesChanged.length === 0 && !isTestExempt(files)) {
    findings.push({
      code: 'missing_tests',
      message: 'a bug fix must add or update a test that covers it, and this patch changes no test file',
    });
  }
  findings.push(...capped(findTestRemovals(files, patches).map(describeRemoval)));

  return {
    allowed: findings.length === 0,
    findings,
    changedFiles: files,
    addedLines: sum(files, (file) => file.additions),
    deletedLines: sum(files, (file) => file.deletions),
    budget,
    testFilesChanged,
  };
}

/** One line per finding (its message), for the task record, the logs and the agent's next attempt. */
export function describeFindings(findings: readonly InspectionFinding[]): string[] {
  return findings.map((finding) => finding.message);
}

/** Whether retrying the same plan would hit the finding again (the queue dead-letters at once). */
const permanentByCode: Readonly<Record<FindingCode, boolean>> = {
  blocked_path: true,
  secret: true,
  out_of_scope: true,
  documentation_only: true,
  no_changes: false,
  too_many_files: true,
  too_many_added_lines: true,
  too_many_deleted_lines: true,
  missing_tests: true,
  tests_removed: true,
  symlink_outside: true,
  submodule: true,
};

/** True when a retry of the same plan would fail the same way, so the task should not be retried. */
export function isPermanentFinding(code: FindingCode): boolean {
  return permanentByCode[code];
}

function symlinkFindings(files: readonly ChangedFile[], patches: readonly FilePatch[]): InspectionFinding[] {
  const findings: InspectionFinding[] = [];
  for (const file of files) {
    if (file.newMode !== symlinkMode) continue;
    const target = addedLinesOf(patches, file.path)
      .map((line) => line.text)
      .join('\n');
    if (target === '') {
      findings.push({
        code: 'symlink_outside',
        message: `\`${file.path}\` is a symlink whose target is not in the diff, so it cannot be checked`,
        path: file.path,
      });
    } else if (escapesRepository(file.path, target)) {
      findings.push({
        code: 'symlink_outside',
        message: `\`${file.path}\` is a symlink to \`${target.slice(0, 200)}\`, outside the repository`,
        path: file.path,
      });
    }
  }
  return findings;
}

/** Absolute targets, `..` escapes and links into `.git` all leave the tracked tree. */
function escapesRepository(linkPath: string, target: string): boolean {
  const unified = target.replaceAll('\\', '/');
  if (unified.startsWith('/') || /^[A-Za-z]:/.test(unified)) return true;
  const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(linkPath), unified));
  const first = resolved.split('/')[0]?.toLowerCase();
  return first === '..' || first === '.git';
}

/** Supporting files do not count, unless the patch has nothing else (spec §2.11). */
function measureBudget(files: readonly ChangedFile[]): PatchBudget {
  const core = files.filter((file) => !isSupportingFile(file.path));
  const counted = core.length === 0 ? files : core;
  return {
    files: counted.length,
    addedLines: sum(counted, (file) => file.additions),
    deletedLines: sum(counted, (file) => file.deletions),
  };
}

/** Dependency bumps, docs and env examples need no test (spec §2.11 "test-exempt"). */
function isTestExempt(files: readonly ChangedFile[]): boolean {
  return files.every(
    (file) => isDependencyManifest(file.path) || isPlainDocumentation(file.path) || isEnvExample(file.path),
  );
}

function describeRemoval(removal: TestRemoval): InspectionFinding {
  const where = `\`${removal.path}\``;
  const message =
    removal.kind === 'deleted'
      ? `the patch deletes the test file ${where}; fix the code, not the tests`
      : removal.kind === 'fewer_tests'
        ? `${where} loses tests (${removal.removed} test declarations removed, ${removal.added} added)`
        : `${where} adds ${removal.added - removal.removed} skip or focus marker(s) (it.skip, .only, @pytest.mark.skip, ...)`;
  return { code: 'tests_removed', message, path: removal.path };
}

function capped(findings: readonly InspectionFinding[]): InspectionFinding[] {
  const first = findings[0];
  if (first === undefined || findings.length <= maxFindingsPerCode) return [...findings];
  const rest = findings.length - maxFindingsPerCode;
  return [
    ...findings.slice(0, maxFindingsPerCode),
    { code: first.code, message: `... and ${rest} more of the same kind` },
  ];
}

function listed(paths: readonly string[]): string {
  const shown = paths.slice(0, 5).join(', ');
  return paths.length > 5 ? `${shown} and ${paths.length - 5} more` : shown;
}

function sum(files: readonly ChangedFile[], pick: (file: ChangedFile) => number): number {
  return files.reduce((total, file) => total + pick(file), 0);
}

const secretKindNames: Readonly<Record<string, string>> = {
  private_key: 'a private key',
  github_token: 'a GitHub token',
  aws_access_key_id: 'an AWS access key id',
  aws_secret_access_key: 'an AWS secret access key',
  slack_token: 'a Slack token',
  google_api_key: 'a Google API key',
  stripe_live_key: 'a Stripe live key',
  anthropic_api_key: 'an Anthropic API key',
  openai_api_key: 'an OpenAI API key',
  generic_secret: 'a hard-coded secret',
};

/** The secret kind in words for the task record, e.g. `private_key` → "a private key". */
function describeSecretKind(kind: string): string {
  return secretKindNames[kind] ?? `a secret (${kind})`;
}
