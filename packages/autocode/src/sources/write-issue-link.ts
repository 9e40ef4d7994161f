import { randomUUID } from 'node:crypto';
import { readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { IssueLink } from './backlog-issue-link.js';
import { annotateIssueLink } from './backlog-issue-link.js';
import { resolveInsideRoot } from './repository-file.js';

/** What became of a link write: a stable code the caller records. */
export type IssueLinkWriteOutcome = 'written' | 'unchanged' | 'missing_file' | 'not_utf8' | 'concurrent_edit';

/** Which item of which backlog file gets which issue link. */
export interface IssueLinkWrite {
  readonly root: string;
  /** Repository-relative path of the backlog file. */
  readonly relPath: string;
  readonly key: string;
  readonly link: IssueLink;
}

/**
 * Writes an item's `issue:` link into its backlog file on disk. The new content goes to a temporary
 * file that replaces the original in one rename, and only if the file still holds what was read:
 * an edit by a person in between wins (`concurrent_edit`; the next sync cycle tries again).
 */
export async function writeIssueLink(write: IssueLinkWrite): Promise<IssueLinkWriteOutcome> {
  const file = await resolveInsideRoot(write.root, write.relPath);
  const bytes = file === null ? null : await readBytesOrNull(file.absolutePath);
  if (file === null || bytes === null) return 'missing_file';
  const before = bytes.toString('utf8');
  // Rewriting a file that is not valid UTF-8 would replace its odd bytes; leave such a file alone.
  if (!Buffer.from(before, 'utf8').equals(bytes)) return 'not_utf8';
  const annotated = annotateIssueLink({ text: before, relPath: file.relPath }, write.key, write.link);
  if (!annotated.changed) return 'unchanged';
  const { mode } = await stat(file.absolutePath);
  const directory = path.dirname(file.absolutePath);
  const temporary = path.join(directory, `.${path.basename(file.absolutePath)}.${randomUUID()}.tmp`);
  await writeFile(temporary, annotated.text, { encoding: 'utf8', mode });
  try {
    const current = await readBytesOrNull(file.absolutePath);
    if (current === null || !current.equals(bytes)) return 'concurrent_edit';
    await rename(temporary, file.absolutePath);
    return 'written';
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

async function readBytesOrNull(absolutePath: string): Promise<Buffer | null> {
  try {
    return await readFile(absolutePath);
  } catch {
    // Deleted or replaced by a directory since it was resolved.
    return null;
  }
}
