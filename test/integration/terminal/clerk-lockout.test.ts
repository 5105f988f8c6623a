import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../main/app/app-services';
import { hashPin } from '../../../main/clerks/pin-hash';
import { fakeEnrollAndPull } from './support/local-terminal';
import { call, openTerminal, tempDir } from './support/terminal-harness';

const MINUTE = 60_000;
const dirs: string[] = [];
const open: AppServices[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The clock every terminal in a test reads: moved only by the test, so no wait depends on the machine's speed. */
let now = 0;
async function openAt(dir: string): Promise<AppServices> {
  const s = await openTerminal(dir, { clock: () => now });
  open.push(s);
  return s;
}

/** A fresh terminal, enrolled, on the test clock set to 2026-03-02 09:00 UTC, with no clerk yet. */
async function freshTerminal(): Promise<{ dir: string; s: AppServices }> {
  now = Date.parse('2026-03-02T09:00:00Z');
  const dir = tempDir('lockout');
  dirs.push(dir);
  const s = await openAt(dir);
  fakeEnrollAndPull(s, 1_000);
  return { dir, s };
}

/** Adds Ann (the first clerk: a manager, signed in) and Bob (a clerk, PIN 1357); answers Bob's id. */
async function addAnnAndBob(s: AppServices): Promise<string> {
  await call(s, 'clerks.create', { name: 'Ann', pin: '123456' });
  return (await call<{ id: string }>(s, 'clerks.create', { name: 'Bob', pin: '1357' })).id;
}

/** The error code, or 'ok'. */
const outcome = (p: Promise<unknown>): Promise<string | undefined> =>
  p.then(
    () => 'ok',
    (e: { code?: string }) => e.code,
  );

/** Types five wrong PINs; answers how long the lockout they caused lasts (ms), from the error's details. */
async function lockOut(s: AppServices, clerkId: string): Promise<number> {
  for (let i = 0; i < 4; i++)
    expect(await outcome(call(s, 'session.signIn', { clerkId, pin: '0000' }))).toBe('invalid_credentials');
  const err = await call(s, 'session.signIn', { clerkId, pin: '0000' }).then(
    () => null,
    (e: { code: string; message: string; details: { lockedUntil: string } }) => e,
  );
  expect(err?.code).toBe('clerk_locked');
  return Date.parse(err!.details.lockedUntil) - now;
}

describe('clerk PIN lockout (real SQLite, injected clock)', () => {
  it('doubles each lockout, keeps the count across a restart, and resets it on a correct PIN', async () => {
    const fresh = await freshTerminal();
    const { dir } = fresh;
    let { s } = fresh;
    const bobId = await addAnnAndBob(s);
    await call(s, 'session.signOut');

    expect(await lockOut(s, bobId)).toBe(1 * MINUTE);
    // Even the right PIN is refused while locked, and the error says how long is left.
    now += 30_000;
    const locked = await call(s, 'session.signIn', { clerkId: bobId, pin: '1357' }).then(
      () => null,
      (e: { code: string; message: string }) => e,
    );
    expect(locked).toMatchObject({
      code: 'clerk_locked',
      message: 'Too many wrong PINs. Try again in 30 s.',
    });
    now += 30_000;
    expect(await lockOut(s, bobId)).toBe(2 * MINUTE);

    // A restart keeps both the lock in force and the count behind it.
    await s.close();
    open.splice(0);
    s = await openAt(dir);
    const listed = await call<{ id: string; lockedUntil: string | null }[]>(s, 'clerks.list');
    expect(Date.parse(listed.find((c) => c.id === bobId)!.lockedUntil!)).toBe(now + 2 * MINUTE);
    expect(await outcome(call(s, 'session.signIn', { clerkId: bobId, pin: '1357' }))).toBe('clerk_locked');
    now += 2 * MINUTE;
    expect(await lockOut(s, bobId)).toBe(4 * MINUTE);
    now += 4 * MINUTE;
    expect(await lockOut(s, bobId)).toBe(8 * MINUTE);
    // Counted per clerk: Ann's first lockout is still a minute.
    const ann = listed.find((c) => c.id !== bobId)!;
    expect(await lockOut(s, ann.id)).toBe(1 * MINUTE);

    // A correct PIN after the wait resets the escalation.
    now += 8 * MINUTE;
    expect(await outcome(call(s, 'session.signIn', { clerkId: bobId, pin: '1357' }))).toBe('ok');
    await call(s, 'session.signOut');
    expect(await lockOut(s, bobId)).toBe(1 * MINUTE);
    const row = s.terminal.ledger.db.prepare('SELECT lockouts FROM clerks WHERE id = ?').get(bobId);
    expect(row).toEqual({ lockouts: 1 });
  });

  it('refuses even the right PIN of a clerk whose stored hash is not an scrypt hash', async () => {
    const { s } = await freshTerminal();
    const bobId = await addAnnAndBob(s);
    // Same six fields, another scheme name (a hash written by some other tool).
    s.terminal.ledger.db
      .prepare('UPDATE clerks SET pin_hash = ? WHERE id = ?')
      .run((await hashPin('1357')).replace(/^scrypt\$/, 'argon2$'), bobId);
    await call(s, 'session.signOut');
    expect(await outcome(call(s, 'session.signIn', { clerkId: bobId, pin: '1357' }))).toBe(
      'invalid_credentials',
    );
    expect(await call(s, 'session.current')).toMatchObject({ clerk: null });
  });

  it('requires 6+ digits for new managers, keeps 4–8 for clerks, and flags an older short manager PIN', async () => {
    const { s } = await freshTerminal();
    // The first clerk is always a manager, so a 4-digit PIN is refused even when asked for a clerk.
    expect(await outcome(call(s, 'clerks.create', { name: 'Ann', pin: '1234', role: 'clerk' }))).toBe(
      'invalid_pin',
    );
    const ann = await call<{ id: string }>(s, 'clerks.create', { name: 'Ann', pin: '123456' });
    expect(await call(s, 'session.current')).toMatchObject({ managerPinTooShort: false });
    expect(await outcome(call(s, 'clerks.create', { name: 'Max', pin: '12345', role: 'manager' }))).toBe(
      'invalid_pin',
    );
    const max = await call<{ id: string }>(s, 'clerks.create', {
      name: 'Max',
      pin: '24681357',
      role: 'manager',
    });
    expect(await outcome(call(s, 'clerks.create', { name: 'Cy', pin: '1234', role: 'clerk' }))).toBe('ok');

    // A manager made before the rule (4-digit PIN hash in the database) still signs in, and is asked to change it.
    s.terminal.ledger.db
      .prepare('UPDATE clerks SET pin_hash = ? WHERE id = ?')
      .run(await hashPin('4321'), max.id);
    await call(s, 'session.signOut');
    expect(await call(s, 'session.signIn', { clerkId: max.id, pin: '4321' })).toMatchObject({
      clerk: { id: max.id },
      managerPinTooShort: true,
    });
    await call(s, 'session.signOut');
    expect(await call(s, 'session.signIn', { clerkId: ann.id, pin: '123456' })).toMatchObject({
      clerk: { id: ann.id },
      managerPinTooShort: false,
    });
  });
});
