import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClerkAdminView, ManagedClerk } from '../../../../core/contract/types/clerk-admin';
import { uuidv7 } from '../../../../core/uuidv7';
import type { RunningServer } from '../../../../server/start-server';
import { seedReseller, startCentral } from '../support/central-api';
import type { AppServices } from '../../../../main/app/app-services';
import { call, enrollAndSignIn, openTerminal, tempDir } from '../support/terminal-harness';

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (err) {
    return err as { code: string; message: string };
  }
  throw new Error('expected the call to fail');
}

describe('clerk management at the terminal', () => {
  const serverDir = tempDir('clerk-admin-central');
  let server: RunningServer;
  beforeAll(async () => {
    server = await startCentral(serverDir);
  });
  afterAll(async () => {
    await server?.close();
    rmSync(serverDir, { recursive: true, force: true });
  });

  /** Runs `body` on a fresh terminal enrolled to a new reseller, its bootstrap manager signed in; removes it after. */
  async function withEnrolledTerminal(
    name: string,
    body: (s: AppServices, managerId: string) => Promise<void>,
  ): Promise<void> {
    const seed = await seedReseller(server, { credits: 0 });
    const dir = tempDir(name);
    const s = await openTerminal(dir);
    try {
      await body(s, await enrollAndSignIn(s, server.url, seed.code));
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('refuses to edit a clerk that does not exist', async () => {
    await withEnrolledTerminal('clerk-admin-missing', async (s) => {
      expect(await failure(call(s, 'clerks.update', { clerkId: uuidv7(), name: 'Nobody' }))).toMatchObject({
        code: 'not_found',
        message: 'No such clerk.',
      });
      expect((await call<ClerkAdminView>(s, 'clerks.manage')).audit).toEqual([]);
    });
  });

  it('audits nothing when an active clerk is set active again', async () => {
    await withEnrolledTerminal('clerk-admin-still-active', async (s) => {
      const ann = await call<{ id: string }>(s, 'clerks.create', { name: 'Ann', pin: '2468', role: 'clerk' });
      const same = await call<ManagedClerk>(s, 'clerks.update', { clerkId: ann.id, active: true });
      expect(same).toMatchObject({ name: 'Ann', role: 'clerk', active: true });
      expect((await call<ClerkAdminView>(s, 'clerks.manage')).audit).toEqual([]);
    });
  });

  it('edits, deactivates, resets PINs with an audit, and never leaves the shop without a manager', async () => {
    await withEnrolledTerminal('clerk-admin', async (s, managerId) => {
      const ann = await call<{ id: string }>(s, 'clerks.create', { name: 'Ann', pin: '2468', role: 'clerk' });
      await call(s, 'clerks.create', { name: 'Bob', pin: '1357', role: 'clerk' });

      // The last manager: neither deactivated nor demoted; nothing changes and nothing is audited.
      expect((await failure(call(s, 'clerks.update', { clerkId: managerId, active: false }))).code).toBe(
        'last_manager',
      );
      expect((await failure(call(s, 'clerks.update', { clerkId: managerId, role: 'clerk' }))).code).toBe(
        'last_manager',
      );
      // A name taken by another active clerk is refused; a bad PIN too.
      expect((await failure(call(s, 'clerks.update', { clerkId: ann.id, name: 'bob' }))).code).toBe(
        'clerk_name_taken',
      );
      expect((await failure(call(s, 'clerks.resetPin', { clerkId: ann.id, pin: '12' }))).code).toBe(
        'invalid_input',
      );
      expect((await call<ClerkAdminView>(s, 'clerks.manage')).audit).toEqual([]);

      const renamed = await call<ManagedClerk>(s, 'clerks.update', {
        clerkId: ann.id,
        name: 'Anna',
        role: 'manager',
      });
      expect(renamed).toMatchObject({ name: 'Anna', role: 'manager', active: true });
      // With a second manager, the first may step down.
      await call(s, 'clerks.update', { clerkId: ann.id, role: 'clerk' });
      await call(s, 'clerks.update', { clerkId: ann.id, active: false });

      // Deactivated: not listed for sign-in, and cannot sign in even with the right PIN.
      expect((await call<{ name: string }[]>(s, 'clerks.list')).map((c) => c.name)).not.toContain('Anna');
      await call(s, 'session.signOut');
      expect((await failure(call(s, 'session.signIn', { clerkId: ann.id, pin: '2468' }))).code).toBe(
        'invalid_credentials',
      );
      await call(s, 'session.signIn', { clerkId: managerId, pin: '123456' });

      // Reactivated with a new PIN: the old one fails, the new one signs in.
      await call(s, 'clerks.update', { clerkId: ann.id, active: true });
      await call(s, 'clerks.resetPin', { clerkId: ann.id, pin: '8642' });
      const view = await call<ClerkAdminView>(s, 'clerks.manage');
      expect(view.audit.map((a) => a.action).sort()).toEqual(
        ['deactivated', 'pin_reset', 'reactivated', 'renamed', 'role_changed', 'role_changed'].sort(),
      );
      expect(view.audit.every((a) => a.actorName === 'Manager')).toBe(true);
      expect(JSON.stringify(view)).not.toContain('8642');
      await call(s, 'session.signOut');
      expect((await failure(call(s, 'session.signIn', { clerkId: ann.id, pin: '2468' }))).code).toBe(
        'invalid_credentials',
      );
      await call(s, 'session.signIn', { clerkId: ann.id, pin: '8642' });
      // A clerk cannot manage clerks.
      expect((await failure(call(s, 'clerks.manage'))).code).toBe('forbidden');
      expect((await failure(call(s, 'clerks.update', { clerkId: managerId, name: 'X' }))).code).toBe(
        'forbidden',
      );
      // The audit is append-only.
      expect(() => s.terminal.ledger.db.prepare('DELETE FROM clerk_audit').run()).toThrow(/append-only/);
    });
  });
});
