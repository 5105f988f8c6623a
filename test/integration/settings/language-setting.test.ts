import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClerkSummary } from '../../../core/contract/types/clerks';
import type { TerminalSettings } from '../../../core/contract/types/settings';
import type { AppServices } from '../../../main/app/app-services';
import { callError } from '../sales/support';
import { fakeEnrollAndPull } from '../terminal/support/local-terminal';
import { call, openTerminal, tempDir } from '../terminal/support/terminal-harness';

const MANAGER_PIN = '123456';
const CLERK_PIN = '5678';

let dir: string;
let s: AppServices;
let manager: ClerkSummary;
let clerk: ClerkSummary;

const settings = (): Promise<TerminalSettings> => call<TerminalSettings>(s, 'settings.get');

beforeAll(async () => {
  dir = tempDir('language-setting');
  s = await openTerminal(dir);
  fakeEnrollAndPull(s, 100_000);
  manager = await call<ClerkSummary>(s, 'clerks.create', { name: 'Mona', pin: MANAGER_PIN, role: 'manager' });
  clerk = await call<ClerkSummary>(s, 'clerks.create', { name: 'Carl', pin: CLERK_PIN, role: 'clerk' });
});
afterAll(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the language and locale settings', () => {
  it('start in English with the locale left to the machine', async () => {
    expect(await settings()).toMatchObject({ language: 'en', locale: null });
  });

  it('a manager saves Russian and a locale; they are stored and read again after a restart', async () => {
    await call(s, 'session.signIn', { clerkId: manager.id, pin: MANAGER_PIN });
    const saved = await call<TerminalSettings>(s, 'settings.update', { language: 'ru', locale: 'de-CH' });
    expect(saved).toMatchObject({ language: 'ru', locale: 'de-CH' });
    expect(await settings()).toMatchObject({ language: 'ru', locale: 'de-CH' });

    await s.close();
    s = await openTerminal(dir);
    expect(await settings()).toMatchObject({ language: 'ru', locale: 'de-CH' });

    // Null gives the choice back to the language and the machine; the language stays.
    await call(s, 'session.signIn', { clerkId: manager.id, pin: MANAGER_PIN });
    expect(await call(s, 'settings.update', { locale: null })).toMatchObject({
      language: 'ru',
      locale: null,
    });
    expect(await call(s, 'settings.update', { locale: 'ru-RU' })).toMatchObject({ locale: 'ru-RU' });
  });

  it('refuses a malformed locale with a clear error and changes nothing, not even the rest of the patch', async () => {
    await call(s, 'session.signIn', { clerkId: manager.id, pin: MANAGER_PIN });
    const before = await settings();
    for (const locale of ['not a locale', 'en_US!', '', 'x'.repeat(36)]) {
      const err = await callError(s, 'settings.update', { language: 'en', shopName: 'Changed', locale });
      expect(err?.code, locale).toBe('invalid_input');
      expect(err?.message, locale).toMatch(/locale/);
    }
    const bad = await callError(s, 'settings.update', { locale: 'not a locale' });
    expect(bad?.message).toContain('not a locale (write it like en-US or ru-RU)');
    expect(await settings()).toEqual(before);
  });

  it('refuses a language the app does not speak, naming the problem, and changes nothing', async () => {
    await call(s, 'session.signIn', { clerkId: manager.id, pin: MANAGER_PIN });
    const before = await settings();
    for (const language of ['de', 'EN', 'english', '']) {
      const err = await callError(s, 'settings.update', { language, locale: 'en-GB' });
      expect(err?.code, language).toBe('invalid_input');
      expect(err?.message, language).toContain('not a language this app speaks');
    }
    expect(await settings()).toEqual(before);
  });

  it('refuses a clerk who is not a manager, and one signed out; they still read the settings', async () => {
    await call(s, 'session.signIn', { clerkId: manager.id, pin: MANAGER_PIN });
    const before = await settings();
    await call(s, 'session.signIn', { clerkId: clerk.id, pin: CLERK_PIN });
    const refused = await callError(s, 'settings.update', { language: 'en', locale: 'en-US' });
    expect(refused).toMatchObject({ code: 'forbidden', message: 'Only a manager can do this.' });
    expect(await settings()).toEqual(before);

    await call(s, 'session.signOut');
    expect(await callError(s, 'settings.update', { language: 'en' })).toMatchObject({ code: 'signed_out' });
    expect(await settings()).toEqual(before);
  });
});
