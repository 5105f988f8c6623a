import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/uuidv7';
import type { AppServices } from '../../../main/app/app-services';
import { callError } from '../sales/support';
import { fakeEnrollAndPull } from './support/local-terminal';
import { call, openTerminal, tempDir } from './support/terminal-harness';

/**
 * Signing in as a clerk this terminal does not know answers exactly like a wrong PIN (same code, same words), so
 * the answer never tells whether a clerk exists.
 */

const opened: { services: AppServices; dir: string }[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) {
    await o.services.close();
    rmSync(o.dir, { recursive: true, force: true });
  }
});

describe('signing in as an unknown clerk', () => {
  it('is refused with the same answer as a wrong PIN', async () => {
    const dir = tempDir('unknown-clerk');
    const s = await openTerminal(dir);
    opened.push({ services: s, dir });
    fakeEnrollAndPull(s, 1_000);
    const ann = await call<{ id: string }>(s, 'clerks.create', { name: 'Ann', pin: '123456' });
    await call(s, 'session.signOut');

    const wrongPin = await callError(s, 'session.signIn', { clerkId: ann.id, pin: '999999' });
    expect(wrongPin).toMatchObject({ code: 'invalid_credentials', message: 'Unknown clerk or wrong PIN.' });
    const unknown = await callError(s, 'session.signIn', { clerkId: uuidv7(), pin: '123456' });
    expect(unknown).toEqual(wrongPin);
  });
});
