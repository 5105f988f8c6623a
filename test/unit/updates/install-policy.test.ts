import { describe, expect, it } from 'vitest';
import type { UpdatePhase } from '../../../core/contract/types/updates';
import { installVerdict, type InstallContext } from '../../../main/updates/install-policy';

const ready: UpdatePhase = { kind: 'ready', version: '1.2.3', verifiedAt: '2026-01-01T00:00:00.000Z' };
const ok: InstallContext = { phase: ready, clerkRole: 'manager', pendingCount: 0, syncing: false };

describe('installVerdict', () => {
  it('lets a signed-in manager install a verified update once nothing waits to sync', () => {
    expect(installVerdict(ok)).toEqual({ ok: true });
  });

  it.each<[string, Partial<InstallContext>, string]>([
    ['nothing is ready', { phase: { kind: 'idle', lastCheckedAt: null } }, 'not_ready'],
    [
      'the download was refused',
      { phase: { kind: 'refused', version: '1.2.3', reason: 'signature_invalid', message: 'x' } },
      'not_ready',
    ],
    ['the signature is still being checked', { phase: { kind: 'verifying', version: '1.2.3' } }, 'not_ready'],
    ['nobody is signed in', { clerkRole: null }, 'signed_out'],
    ['a clerk (not a manager) is mid-shift', { clerkRole: 'clerk' }, 'not_manager'],
    ['sales wait in the outbox', { pendingCount: 2 }, 'pending_commands'],
    ['a sync round is under way', { syncing: true }, 'syncing'],
  ])('refuses when %s', (_, change, reason) => {
    expect(installVerdict({ ...ok, ...change })).toMatchObject({ ok: false, reason });
  });

  it('says how many commands wait', () => {
    const v = installVerdict({ ...ok, pendingCount: 1 });
    expect(v.ok ? '' : v.message).toMatch(/^1 command is waiting to sync/);
  });
});
