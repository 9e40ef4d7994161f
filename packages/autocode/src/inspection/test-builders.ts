import type { ChangedFile, ChangeStatus, WorktreeDiff } from '@patchloop/core';
import type { DocumentationScope } from '../config/policy-settings.js';
import { policyDefaults } from '../config/policy-settings.js';

// Builders for the inspection tests: a WorktreeDiff written by hand, with a patch text in the
// shape `git diff --cached --no-renames` produces.

/** One changed path; `added`/`removed` are line contents without the `+`/`-` marker. */
export interface FileChange {
  readonly path: string;
  readonly status?: ChangeStatus;
  readonly added?: readonly string[];
  readonly removed?: readonly string[];
  readonly binary?: boolean;
  /** New-side mode, e.g. `120000` for a symlink; defaults from the status. */
  readonly mode?: string;
}

/** A file with `count` generic added lines. */
export function lines(count: number, prefix = 'line'): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix} ${index + 1}`);
}

function toChangedFile(change: FileChange): ChangedFile {
  const status = change.status ?? (change.removed === undefined ? 'added' : 'modified');
  const binary = change.binary ?? false;
  return {
    path: change.path,
    status,
    oldMode: status === 'added' ? '000000' : (change.mode ?? '100644'),
    newMode: status === 'deleted' ? '000000' : (change.mode ?? '100644'),
    additions: binary ? 0 : (change.added?.length ?? 0),
    deletions: binary ? 0 : (change.removed?.length ?? 0),
    binary,
  };
}

function toPatch(change: FileChange, file: ChangedFile): string {
  const header = [`diff --git a/${file.path} b/${file.path}`];
  if (file.status === 'added') header.push(`new file mode ${file.newMode}`);
  if (file.status === 'deleted') header.push(`deleted file mode ${file.oldMode}`);
  header.push('index 0000000..1111111');
  const oldName = file.status === 'added' ? '/dev/null' : `a/${file.path}`;
  const newName = file.status === 'deleted' ? '/dev/null' : `b/${file.path}`;
  if (file.binary) return [...header, `Binary files ${oldName} and ${newName} differ`].join('\n');
  const removed = change.removed ?? [];
  const added = change.added ?? [];
  if (removed.length === 0 && added.length === 0) return header.join('\n');
  const oldStart = removed.length === 0 ? 0 : 1;
  const newStart = added.length === 0 ? 0 : 1;
  return [
    ...header,
    `--- ${oldName}`,
    `+++ ${newName}`,
    `@@ -${oldStart},${removed.length} +${newStart},${added.length} @@`,
    ...removed.map((line) => `-${line}`),
    ...added.map((line) => `+${line}`),
  ].join('\n');
}

/** A WorktreeDiff over `changes`, files sorted by path like core's. */
export function aDiff(changes: readonly FileChange[]): WorktreeDiff {
  const pairs = changes.map((change) => ({ change, file: toChangedFile(change) }));
  return {
    files: pairs.map((pair) => pair.file).sort((a, b) => (a.path < b.path ? -1 : 1)),
    patch: pairs.map((pair) => `${toPatch(pair.change, pair.file)}\n`).join(''),
  };
}

/** The default documentation scope. */
export const defaultDocumentationScope: DocumentationScope = {
  paths: policyDefaults.documentationPaths,
  extensions: policyDefaults.documentationExtensions,
};

/** Default blocked paths and scope with the given limits (defaults 8 files / 400 added / 200 deleted). */
export function inspectionSettings(
  limits: Partial<{ maxChangedFiles: number; maxAddedLines: number; maxDeletedLines: number }> = {},
) {
  return {
    blockedPaths: policyDefaults.blockedPaths,
    documentationScope: defaultDocumentationScope,
    limits: { maxChangedFiles: 8, maxAddedLines: 400, maxDeletedLines: 200, ...limits },
  };
}
