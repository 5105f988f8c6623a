import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppServices } from '../../../main/app/app-services';
import { fakeEnrollAndPull } from './support/local-terminal';
import { call, openTerminal, tempDir } from './support/terminal-harness';

/**
 * An idle session locks on its own once the auto-lock time has passed, and the status bar hears of it at once
 * (an `app.status` event without the clerk's name), not only when someone next touches the counter.
 *
 * The auto-lock is a timer: the test fakes `setTimeout` and moves the injected clock, so nothing waits.
 */

const opened: { services: AppServices; dir: string }[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const o of opened.splice(0)) {
    await o.services.close();
    rmSync(o.dir, { recursive: true, force: true });
  }
});

describe('the auto-lock', () => {
  it('locks an idle session by itself and publishes the status without a clerk', async () => {
    let now = Date.now();
    const dir = tempDir('auto-lock-event');
    const s = await openTerminal(dir, { clock: () => now });
    opened.push({ services: s, dir });
    fakeEnrollAndPull(s, 1_000);
    const clerkNames: (string | null)[] = [];
    const off = s.events.subscribe((m) => {
      if (m.name === 'app.status') clerkNames.push(m.payload.clerkName);
    });
    try {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      // The first clerk is signed in at once: the session starts and its auto-lock timer with it.
      await call(s, 'clerks.create', { name: 'Ann', pin: '123456' });
      expect(clerkNames.at(-1)).toBe('Ann');

      now += 5 * 60_000; // the default auto-lock time, with no input
      vi.advanceTimersByTime(5 * 60_000 + 1_000);
      expect(clerkNames.at(-1)).toBeNull();
    } finally {
      off();
      vi.useRealTimers();
    }
    expect(await call(s, 'session.current')).toMatchObject({ clerk: null });
  });
});
