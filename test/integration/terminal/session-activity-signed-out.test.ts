import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../main/app/app-services';
import { fakeEnrollAndPull } from './support/local-terminal';
import { call, openTerminal, tempDir } from './support/terminal-harness';

/**
 * `session.activity` (the renderer reporting keyboard and pointer input) answers whether a clerk is still signed in,
 * so the counter can show the sign-in screen: false after signing out and after the session auto-locked.
 */

const opened: { services: AppServices; dir: string }[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) {
    await o.services.close();
    rmSync(o.dir, { recursive: true, force: true });
  }
});

describe('session.activity', () => {
  it('answers signed in while a session is live, and signed out after sign-out or auto-lock', async () => {
    let now = Date.now();
    const dir = tempDir('session-activity');
    const s = await openTerminal(dir, { clock: () => now });
    opened.push({ services: s, dir });
    fakeEnrollAndPull(s, 1_000);
    const ann = await call<{ id: string }>(s, 'clerks.create', { name: 'Ann', pin: '123456' });
    expect(await call(s, 'session.activity')).toEqual({ signedIn: true });

    await call(s, 'session.signOut');
    expect(await call(s, 'session.activity')).toEqual({ signedIn: false });

    await call(s, 'session.signIn', { clerkId: ann.id, pin: '123456' });
    expect(await call(s, 'session.activity')).toEqual({ signedIn: true });
    now += 5 * 60_000; // five idle minutes: the session locks
    expect(await call(s, 'session.activity')).toEqual({ signedIn: false });
  });
});
