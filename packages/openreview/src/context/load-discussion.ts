import type { GitHubReader, Logger, Permission } from '@patchloop/core';
import type { DiscussionEntry } from './discussion.js';

/** How many of the latest items of each conversation source are kept (the original's tail of 60). */
export const discussionTail = 60;

/** Reads a listing, or `[]` with a warning when it fails: context degrades, the review goes on. */
export async function readOrEmpty<T>(logger: Logger, source: string, read: () => Promise<T[]>): Promise<T[]> {
  try {
    return await read();
  } catch (error) {
    logger.warn({ err: error, source }, 'context read failed; continuing without it');
    return [];
  }
}

/** The last {@link discussionTail} items of a listing. */
export function tail<T>(items: readonly T[]): T[] {
  return items.slice(-discussionTail);
}

/**
 * Looks up the permission of each distinct human author among the shown entries. A failed lookup
 * leaves the author unknown, which the prompt treats as untrusted.
 */
export async function lookUpPermissions(
  reader: Pick<GitHubReader, 'getCollaboratorPermission'>,
  logger: Logger,
  entries: readonly DiscussionEntry[],
): Promise<Map<string, Permission>> {
  const logins = [...new Set(entries.filter((e) => !e.authorIsBot).map((e) => e.author.toLowerCase()))];
  const permissions = new Map<string, Permission>();
  await Promise.all(
    logins.map(async (login) => {
      try {
        permissions.set(login, await reader.getCollaboratorPermission(login));
      } catch (error) {
        logger.warn({ err: error, login }, 'permission lookup failed; treating the author as untrusted');
      }
    }),
  );
  return permissions;
}
