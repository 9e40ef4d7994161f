import type { Permission } from '@patchloop/core';
import { createSilentLogger } from '@patchloop/core';
import { createFakeClock } from '@patchloop/sandbox';
import { describe, expect, it } from 'vitest';
import type { ApproverPermission } from '../config/execution-settings.js';
import { createApproverCheck } from './approver-check.js';

// A hand-written reader: permissions by login, a lookup log, and logins whose lookup fails.
function createPermissionReader(permissions: Record<string, Permission>) {
  const lookups: string[] = [];
  const failing = new Set<string>();
  return {
    lookups,
    failing,
    getCollaboratorPermission: async (login: string): Promise<Permission> => {
      lookups.push(login);
      if (failing.has(login)) throw new Error('GitHub answered 502');
      return permissions[login] ?? 'none';
    },
  };
}

function setup(
  permissions: Record<string, Permission>,
  approverPermissions: readonly ApproverPermission[] = ['admin', 'maintain', 'write'],
) {
  const clock = createFakeClock(Date.UTC(2026, 0, 1, 10));
  const reader = createPermissionReader(permissions);
  const approvers = createApproverCheck({
    reader,
    approverPermissions,
    clock,
    logger: createSilentLogger(),
    ttlMs: 60_000,
  });
  return { clock, reader, approvers };
}

describe('createApproverCheck', () => {
  it.each<{ permission: Permission; approver: boolean }>([
    { permission: 'admin', approver: true },
    { permission: 'maintain', approver: true },
    { permission: 'write', approver: true },
    { permission: 'triage', approver: false },
    { permission: 'read', approver: false },
    { permission: 'none', approver: false },
  ])(
    'treats $permission as an approver: $approver (admin, maintain, write configured)',
    async ({ permission, approver }) => {
      const { approvers } = setup({ carol: permission });

      const result = await approvers.isApprover('carol');

      expect(result).toBe(approver);
    },
  );

  it('accepts triage when the configured set includes it', async () => {
    const { approvers } = setup({ carol: 'triage' }, ['admin', 'triage']);

    const triage = await approvers.isApprover('carol');

    expect(triage).toBe(true);
  });

  it('rejects a write collaborator when only admins may approve', async () => {
    const { approvers } = setup({ carol: 'write' }, ['admin']);

    const write = await approvers.isApprover('carol');

    expect(write).toBe(false);
  });

  it('looks a person up once within the cache window, whatever the login case', async () => {
    const { approvers, reader, clock } = setup({ carol: 'write' });

    await approvers.isApprover('carol');
    await clock.advance(30_000);
    const again = await approvers.isApprover('Carol');
    const permission = await approvers.permission('carol');

    expect(again).toBe(true);
    expect(permission).toBe('write');
    expect(reader.lookups).toEqual(['carol']);
  });

  it('looks the person up again once the cache window has passed', async () => {
    const permissions: Record<string, Permission> = { carol: 'write' };
    const { approvers, reader, clock } = setup(permissions);
    await approvers.isApprover('carol');
    permissions['carol'] = 'read';
    await clock.advance(60_000);

    const later = await approvers.isApprover('carol');

    expect(later).toBe(false);
    expect(reader.lookups).toEqual(['carol', 'carol']);
  });

  it('treats a failed lookup as not an approver and does not cache the failure', async () => {
    const { approvers, reader } = setup({ carol: 'admin' });
    reader.failing.add('carol');

    const permission = await approvers.permission('carol');
    const approver = await approvers.isApprover('carol');
    reader.failing.delete('carol');
    const recovered = await approvers.isApprover('carol');

    expect(permission).toBeNull();
    expect(approver).toBe(false);
    expect(recovered).toBe(true);
    expect(reader.lookups).toEqual(['carol', 'carol', 'carol']);
  });
});
