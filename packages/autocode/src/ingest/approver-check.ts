import type { Clock, GitHubReader, Logger, Permission } from '@patchloop/core';
import type { ApproverPermission } from '../config/execution-settings.js';

/** Answers "may this person approve work?" from their repository permission. */
export interface ApproverCheck {
  /** The user's permission, or null when GitHub could not tell (treated as not trusted). */
  permission(login: string): Promise<Permission | null>;
  isApprover(login: string): Promise<boolean>;
}

/**
 * Checks approvers through the collaborator-permission API (not the owner's login: an organisation
 * repository has no owner user, spec weakness 7/12), with a short in-memory cache so a busy
 * discussion costs one lookup per person and window. A failed lookup is "no": never approve on doubt.
 */
export function createApproverCheck(deps: {
  readonly reader: Pick<GitHubReader, 'getCollaboratorPermission'>;
  readonly approverPermissions: readonly ApproverPermission[];
  readonly clock: Clock;
  readonly logger: Logger;
  readonly ttlMs?: number;
}): ApproverCheck {
  const ttlMs = deps.ttlMs ?? 5 * 60_000;
  const cache = new Map<string, { readonly permission: Permission; readonly until: number }>();

  const permission = async (login: string): Promise<Permission | null> => {
    const key = login.toLowerCase();
    const now = deps.clock.now();
    const cached = cache.get(key);
    if (cached !== undefined && cached.until > now) return cached.permission;
    try {
      const found = await deps.reader.getCollaboratorPermission(login);
      cache.set(key, { permission: found, until: now + ttlMs });
      return found;
    } catch (error) {
      deps.logger.warn(
        { err: error, login },
        'Permission lookup failed; treating the user as not an approver',
      );
      return null;
    }
  };

  return {
    permission,
    isApprover: async (login) => {
      const found = await permission(login);
      return found !== null && (deps.approverPermissions as readonly string[]).includes(found);
    },
  };
}
