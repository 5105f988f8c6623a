import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../main/app/app-services';
import { ClerkStore } from '../../../main/clerks/clerk-store';
import { SessionManager } from '../../../main/clerks/session-manager';
import { fakeEnrollAndPull } from './support/local-terminal';
import { call, openTerminal, tempDir } from './support/terminal-harness';

const opened: { services: AppServices; dir: string }[] = [];
async function fresh(): Promise<AppServices> {
  const dir = tempDir('clerks');
  const services = await openTerminal(dir);
  opened.push({ services, dir });
  return services;
}
afterEach(async () => {
  for (const o of opened.splice(0)) {
    await o.services.close();
    rmSync(o.dir, { recursive: true, force: true });
  }
});

const code = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { code?: string }) => e.code,
  );

describe('clerks and sessions', () => {
  it('bootstraps the first manager after enrollment, then only managers add clerks', async () => {
    const s = await fresh();
    expect(await code(call(s, 'clerks.create', { name: 'Ann', pin: '123456' }))).toBe('not_enrolled');
    fakeEnrollAndPull(s, 1_000);
    expect(await call(s, 'session.current')).toMatchObject({
      clerk: null,
      bootstrapNeeded: true,
      autoLockMinutes: 5,
    });
    const ann = await call<{ id: string; role: string }>(s, 'clerks.create', {
      name: 'Ann',
      pin: '123456',
      role: 'clerk',
    });
    expect(ann.role).toBe('manager');
    expect(await call(s, 'session.current')).toMatchObject({
      clerk: { id: ann.id, name: 'Ann' },
      bootstrapNeeded: false,
    });
    const bob = await call<{ id: string; role: string }>(s, 'clerks.create', { name: 'Bob', pin: '5678' });
    expect(bob.role).toBe('clerk');
    expect(await code(call(s, 'clerks.create', { name: 'bob', pin: '5678' }))).toBe('clerk_name_taken');
    expect(await code(call(s, 'clerks.create', { name: 'Cy', pin: '12' }))).toBe('invalid_input');
    await call(s, 'session.signOut');
    expect(await code(call(s, 'clerks.create', { name: 'Dee', pin: '1111' }))).toBe('signed_out');
    expect(await code(call(s, 'catalog.packages'))).toBe('signed_out');
    await call(s, 'session.signIn', { clerkId: bob.id, pin: '5678' });
    expect(await code(call(s, 'clerks.create', { name: 'Dee', pin: '1111' }))).toBe('forbidden');
    expect((await call<unknown[]>(s, 'clerks.list')).map((c) => (c as { name: string }).name)).toEqual([
      'Ann',
      'Bob',
    ]);
    const stored = s.terminal.ledger.db.prepare('SELECT pin_hash FROM clerks WHERE id = ?').get(bob.id) as {
      pin_hash: string;
    };
    expect(stored.pin_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(stored.pin_hash).not.toContain('5678');
  });

  it('tells the operator to enroll the terminal before the first clerk can be added', async () => {
    const s = await fresh();
    await expect(call(s, 'clerks.create', { name: 'Ann', pin: '123456' })).rejects.toMatchObject({
      code: 'not_enrolled',
      message: 'Enroll this terminal before adding clerks.',
    });
    expect(await call(s, 'clerks.list')).toEqual([]);
  });

  it('locks a clerk for a minute after 5 wrong PINs, even for the right PIN', async () => {
    const s = await fresh();
    fakeEnrollAndPull(s, 1_000);
    const ann = await call<{ id: string }>(s, 'clerks.create', { name: 'Ann', pin: '123456' });
    await call(s, 'session.signOut');
    for (let i = 0; i < 4; i++)
      expect(await code(call(s, 'session.signIn', { clerkId: ann.id, pin: '9999' }))).toBe(
        'invalid_credentials',
      );
    expect(await code(call(s, 'session.signIn', { clerkId: ann.id, pin: '9999' }))).toBe('clerk_locked');
    expect(await code(call(s, 'session.signIn', { clerkId: ann.id, pin: '123456' }))).toBe('clerk_locked');
    const listed = await call<{ lockedUntil: string | null }[]>(s, 'clerks.list');
    expect(Date.parse(listed[0]!.lockedUntil!)).toBeGreaterThan(Date.now() + 50_000);
  });

  it('auto-locks after inactivity; clerk input and actions count as activity, background reads do not', async () => {
    // An injected clock: the session's idle time is what the test says, however slow the machine.
    let now = Date.now();
    const dir = tempDir('clerks');
    const s = await openTerminal(dir, { clock: () => now });
    opened.push({ services: s, dir });
    const pkg = fakeEnrollAndPull(s, 1_000);
    const MINUTE = 60_000;
    const ann = await call<{ id: string }>(s, 'clerks.create', { name: 'Ann', pin: '123456' });
    expect(await call(s, 'session.current')).toMatchObject({ autoLockMinutes: 5, clerk: { id: ann.id } });
    for (let i = 0; i < 4; i++) {
      now += 4 * MINUTE;
      await call(s, 'session.activity'); // the renderer reports keyboard/pointer input: keeps the session alive
    }
    // 16 minutes signed in, never 5 idle: still signed in.
    expect(await call(s, 'session.current')).toMatchObject({ clerk: { id: ann.id } });
    // Background refreshes (lists reloaded after each sync round, status polls) do not keep it alive.
    for (let i = 0; i < 5; i++) {
      now += i < 4 ? MINUTE : MINUTE - 1;
      await call(s, 'catalog.packages');
      await call(s, 'app.status');
    }
    // 5 minutes less 1 ms since the last input: still signed in; 5 minutes exactly: locked.
    expect(await call(s, 'session.current')).toMatchObject({ clerk: { id: ann.id } });
    now += 1;
    expect(
      await code(call(s, 'sales.create', { packageId: pkg.id, customerAccount: '+4470000001', quantity: 1 })),
    ).toBe('signed_out');
    expect(await call(s, 'session.current')).toMatchObject({ clerk: null, lockedClerkId: ann.id });
    expect((await call<{ clerkName: string | null }>(s, 'app.status')).clerkName).toBeNull();
    await call(s, 'session.signIn', { clerkId: ann.id, pin: '123456' });
    const sale = await call<{ outcome: string; sale: { clerkId: string } }>(s, 'sales.create', {
      packageId: pkg.id,
      customerAccount: '+4470000001',
      quantity: 1,
    });
    expect(sale).toMatchObject({ outcome: 'queued', sale: { clerkId: ann.id } });
    expect(s.terminal.ledger.peekOutbox(1)[0]!.clerkId).toBe(ann.id);
  });
  it('locks at once on session.lock, as auto-lock does: the clerk is offered first and signs back in', async () => {
    const s = await fresh();
    const pkg = fakeEnrollAndPull(s, 1_000);
    const ann = await call<{ id: string }>(s, 'clerks.create', { name: 'Ann', pin: '123456' });
    expect(await call(s, 'session.lock')).toMatchObject({ clerk: null, lockedClerkId: ann.id });
    expect((await call<{ clerkName: string | null }>(s, 'app.status')).clerkName).toBeNull();
    expect(
      await code(call(s, 'sales.create', { packageId: pkg.id, customerAccount: '+4470000001', quantity: 1 })),
    ).toBe('signed_out');
    // Locking again, with nobody signed in, changes nothing.
    expect(await call(s, 'session.lock')).toMatchObject({ clerk: null, lockedClerkId: ann.id });
    await call(s, 'session.signIn', { clerkId: ann.id, pin: '123456' });
    expect(await call(s, 'session.current')).toMatchObject({ clerk: { id: ann.id }, lockedClerkId: null });
    // Signing out, unlike locking, offers nobody first.
    expect(await call(s, 'session.signOut')).toMatchObject({ clerk: null, lockedClerkId: null });
  });

  it('its timer locks an idle session by itself and tells the host, with no call to wake it', async () => {
    const s = await fresh();
    fakeEnrollAndPull(s, 1_000);
    const ann = await call<{ id: string }>(s, 'clerks.create', { name: 'Ann', pin: '123456' });
    // A session manager of its own over the terminal's clerks, idle after 200 ms: the test waits for its report.
    const changes: number[] = [];
    let lockReported: () => void = () => undefined;
    const locked = new Promise<void>((resolve) => (lockReported = resolve));
    const session = new SessionManager({
      store: new ClerkStore(s.terminal.ledger.db),
      clock: Date.now,
      autoLockMs: () => 200,
      enrolled: () => true,
      onChange: () => {
        changes.push(Date.now());
        if (changes.length === 2) lockReported(); // the sign-in, then the lock
      },
    });
    try {
      await session.signIn(ann.id, '123456');
      await locked;
      expect(changes[1]! - changes[0]!).toBeGreaterThanOrEqual(200);
      expect(session.state()).toMatchObject({ clerk: null, lockedClerkId: ann.id });
    } finally {
      session.close();
    }
  });
});
