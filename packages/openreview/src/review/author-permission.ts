import type { GitHubReader, Logger, Permission } from '@patchloop/core';

/**
 * The repository permission of an author, or `null` when the lookup fails: an unknown permission is
 * treated as untrusted (quoted as data in prompts) and the answer goes on.
 */
export async function authorPermission(
  deps: { readonly reader: Pick<GitHubReader, 'getCollaboratorPermission'>; readonly logger: Logger },
  login: string,
): Promise<Permission | null> {
  try {
    return await deps.reader.getCollaboratorPermission(login);
  } catch (error) {
    deps.logger.warn({ err: error, login }, 'Permission lookup failed');
    return null;
  }
}
