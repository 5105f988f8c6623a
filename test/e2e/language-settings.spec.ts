import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { en } from '../../core/i18n/en';
import { LocaleFormat } from '../../core/i18n/locale-format';
import { ru } from '../../core/i18n/ru';
import { expect, test } from './fixtures';
import { callContract, enrollAndSignIn, signIn } from './flows';
import { createTenant } from './operator-api';
import { SCREENS_DIR, axeProblems } from './page-checks';

/** The reseller's credits: written "USD 1,234.50" in English and "1 234,50 USD" in Russian. */
const CREDITS = 123_450;

/** Text as shown, with the non-breaking spaces Intl puts between digit groups as plain spaces. */
const plain = (s: string | null): string => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

async function chooseLanguage(page: Page, language: 'en' | 'ru', saveLabel: string): Promise<void> {
  await page.keyboard.press('Alt+8');
  await page.getByTestId('settings-language').selectOption(language);
  const save = page.getByTestId('settings-save');
  await expect(save).toHaveText(saveLabel);
  await save.click();
}

test('a manager switches the whole window to Russian and back; it is stored, and a clerk sees it read-only', async ({
  app,
  appHost,
}) => {
  // axe-core runs several times on a loaded machine.
  test.setTimeout(300_000);
  const { page } = app;
  await page.setViewportSize({ width: 1366, height: 768 });
  mkdirSync(SCREENS_DIR, { recursive: true });
  const tenant = await createTenant(app.apiUrl, { credits: CREDITS });
  await enrollAndSignIn(page, app.apiUrl, tenant.code);
  const ruFormat = new LocaleFormat('ru-RU');

  // English to start with, and the locale left to the machine.
  await page.keyboard.press('Alt+8');
  await expect(page.getByRole('heading', { level: 1, name: en.settings.title })).toBeVisible();
  await expect(page.getByTestId('settings-language')).toHaveValue('en');
  await expect(page.getByTestId('settings-locale')).toHaveValue('');
  const options = page.getByTestId('settings-language').locator('option');
  await expect(options).toHaveText(['English', 'Русский']);

  // The format example follows what is typed, live, before anything is saved.
  const example = page.getByTestId('settings-locale-example');
  await page.getByTestId('settings-locale').fill('de-CH');
  await expect(example).toContainText(plain(new LocaleFormat('de-CH').money(123_450, 'USD')));
  await page.getByTestId('settings-locale').fill('');

  await chooseLanguage(page, 'ru', en.settings.terminal.save);
  // The whole window switches at once: the page language, the navigation, the Settings screen.
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru-RU');
  await expect(page.getByRole('heading', { level: 1, name: ru.settings.title })).toBeVisible();
  await expect(page.getByTestId('nav-sell')).toContainText(ru.app.screens.sell);
  await expect(page.getByTestId('nav-wallet')).toContainText(ru.app.screens.wallet);
  await expect(page.getByTestId('settings-save')).toHaveText(ru.settings.terminal.save);
  await expect(page.getByRole('heading', { level: 2, name: ru.settings.terminal.title })).toBeVisible();
  await expect(example).toContainText(plain(ruFormat.money(123_450, 'USD')));
  expect(await axeProblems(page)).toEqual([]);
  await page
    .getByTestId('terminal-settings')
    .screenshot({ path: `${SCREENS_DIR}/${appHost}-ru-settings-terminal.png` });
  await page.screenshot({ path: `${SCREENS_DIR}/${appHost}-ru-settings.png` });

  // The Sell screen: Russian heading, money written the Russian way ("1 234,50 USD").
  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('heading', { level: 1, name: ru.app.screens.sell })).toBeVisible();
  const balance = page.getByTestId('status-balance');
  await expect(balance).toContainText(ruFormat.money(CREDITS, 'USD'));
  expect(plain(await balance.textContent())).toContain('1 234,50 USD');
  const prices = await page.locator('.package-price').allTextContents();
  expect(prices.length).toBeGreaterThan(0);
  for (const price of prices) expect(plain(price)).toMatch(/^\d{1,3}( \d{3})*,\d{2} USD$/);
  expect(await axeProblems(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENS_DIR}/${appHost}-ru-sell.png` });

  // Wallet and Sync in Russian too (screenshots to look at for cut-off text).
  await page.keyboard.press('Alt+5');
  await expect(page.getByRole('heading', { level: 1, name: ru.wallet.title })).toBeVisible();
  await expect(
    page.getByRole('heading', { level: 2, name: ru.wallet.balance.title, exact: true }),
  ).toBeVisible();
  await expect(page.getByTestId('wallet-available')).toHaveText(ruFormat.money(CREDITS, 'USD'));
  await expect(page.getByTestId('wallet-auto-topup').getByRole('heading', { level: 2 })).toContainText(
    ru.wallet.auto.title,
  );
  await page.screenshot({ path: `${SCREENS_DIR}/${appHost}-ru-wallet.png` });
  for (const panel of ['wallet-payment-method', 'wallet-auto-topup', 'wallet-alerts', 'wallet-history']) {
    await page.getByTestId(panel).scrollIntoViewIfNeeded();
    await page.getByTestId(panel).screenshot({ path: `${SCREENS_DIR}/${appHost}-ru-${panel}.png` });
  }
  await page.keyboard.press('Alt+7');
  await expect(page.getByRole('heading', { level: 1, name: ru.sync.title })).toBeVisible();
  await expect(page.getByTestId('sync-now')).toHaveText(ru.sync.syncNow);
  await page.screenshot({ path: `${SCREENS_DIR}/${appHost}-ru-sync.png` });

  // It is stored: a reload starts in Russian.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru-RU');
  await expect(page.getByTestId('nav-settings')).toContainText(ru.app.screens.settings);
  await page.keyboard.press('Alt+8');
  await expect(page.getByTestId('settings-language')).toHaveValue('ru');

  // A clerk sees the language and format as values, not editable.
  await callContract(page, 'clerks.create', { name: 'Carl Clerk', pin: '1357', role: 'clerk' });
  await callContract(page, 'session.signOut', {});
  await signIn(page, 'Carl Clerk', '1357');
  await page.keyboard.press('Alt+8');
  await expect(page.getByTestId('settings-read-only')).toHaveText(ru.settings.terminal.readOnly);
  await expect(page.getByTestId('settings-language')).toBeDisabled();
  await expect(page.getByTestId('settings-language')).toHaveValue('ru');
  await expect(page.getByTestId('settings-locale')).toBeDisabled();
  await expect(page.getByTestId('settings-save')).toHaveCount(0);

  // Back to English, by the manager.
  await callContract(page, 'session.signOut', {});
  await signIn(page, 'Maya Manager', '246802');
  await chooseLanguage(page, 'en', ru.settings.terminal.save);
  await expect(page.getByRole('heading', { level: 1, name: en.settings.title })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', /^en/);
  await expect(page.getByTestId('nav-sell')).toContainText(en.app.screens.sell);
  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('heading', { level: 1, name: en.app.screens.sell })).toBeVisible();
  await expect(page.getByTestId('status-balance')).toContainText('USD 1,234.50');
});

test('a manager chooses a number and date format; a malformed one is refused on the screen and nothing changes', async ({
  app,
}) => {
  test.setTimeout(180_000);
  const { page } = app;
  const tenant = await createTenant(app.apiUrl, { credits: CREDITS });
  await enrollAndSignIn(page, app.apiUrl, tenant.code);
  await page.keyboard.press('Alt+8');

  const locale = page.getByTestId('settings-locale');
  await locale.fill('not a locale');
  await expect(locale).toHaveAttribute('aria-invalid', 'true');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('terminal-settings').getByRole('alert')).toHaveText(
    en.settings.terminal.localeInvalid,
  );
  expect(await callContract(page, 'settings.get', {})).toMatchObject({ language: 'en', locale: null });

  // English words with Swiss numbers: the whole window writes money the Swiss way once saved.
  await locale.fill('de-CH');
  await page.getByTestId('settings-save').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de-CH');
  await expect(page.getByRole('heading', { level: 1, name: en.settings.title })).toBeVisible();
  await expect(page.getByTestId('status-balance')).toContainText(
    new LocaleFormat('de-CH').money(CREDITS, 'USD'),
  );
  expect(await callContract(page, 'settings.get', {})).toMatchObject({ language: 'en', locale: 'de-CH' });
  expect(await axeProblems(page)).toEqual([]);
});
