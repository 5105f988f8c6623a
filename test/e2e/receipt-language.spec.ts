import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { localization } from '../../core/i18n/catalog';
import { en } from '../../core/i18n/en';
import { ru } from '../../core/i18n/ru';
import { decodeBarcodes, pdfText } from '../integration/printing/pdf-tools';
import { expect, test } from './fixtures';
import { confirmNumber, enrollAndSignIn } from './flows';
import { createTenant } from './operator-api';
import { toastSaying } from './page-checks';

/** Spaces of every kind (ru-RU groups digits with no-break spaces) as one plain space. */
const squash = (text: string) => text.replace(/[ \t\u00a0\u202f]+/g, ' ');

test('a manager switches the terminal to Russian; the receipt of the next sale prints in Russian (Cyrillic, ru-RU money)', async ({
  app,
  appHost,
}) => {
  test.setTimeout(90_000);
  const { page } = app;
  await page.setViewportSize({ width: 1366, height: 768 });
  const shots = '/tmp/shots-i18n-printing';
  mkdirSync(shots, { recursive: true });
  const tenant = await createTenant(app.apiUrl);
  await enrollAndSignIn(page, app.apiUrl, tenant.code);

  // Settings: the language select, then the panel's Save.
  await page.keyboard.press('Alt+8');
  await page.getByTestId('settings-shop-name').fill('Связь у дома');
  await page.getByTestId('settings-language').selectOption('ru');
  await page.getByTestId('settings-save').click();
  // (said in the language the screen speaks as it saves: either is right here)
  await expect(
    toastSaying(page, new RegExp(`^(${en.settings.terminal.saved}|${ru.settings.terminal.saved})$`)),
  ).toBeVisible();

  // A top-up sold as usual.
  await page.keyboard.press('Alt+1');
  await page.getByTestId('package-TOPUP5').click();
  await page.getByTestId('sale-account').fill('+15550007777');
  await page.keyboard.press('Enter');
  await confirmNumber(page);
  await expect(page.getByTestId('sale-result-status')).toHaveText(ru.sell.result.confirmed);
  await page.screenshot({ path: `${shots}/${appHost}-sell-ru.png` });
  const saleNumber = (await page.getByTestId('sale-result-number').textContent())!;

  // Its receipt saved as a PDF: the Russian labels, in Cyrillic, read back with pdftotext.
  const downloaded = page.waitForEvent('download');
  await page.getByTestId('sale-result').getByTestId('receipt-save').click();
  const download = await downloaded;
  const file = `${shots}/${appHost}-receipt-ru.pdf`;
  await download.saveAs(file);
  const pdf = readFileSync(file);
  const text = squash(await pdfText(pdf));
  const t = ru.receipt;
  for (const label of [t.terminal, t.clerk, t.time, t.sale, t.total, t.status.confirmed])
    expect(text).toContain(label);
  expect(text).toMatch(/[А-Яа-яЁё]{4,}/);
  expect(text).toContain('Связь у дома');
  expect(text).toContain(saleNumber);
  // Money as ru-RU writes it: "5,00 USD" (decimal comma, code after the figure).
  const fmt = localization('ru', null, undefined).fmt;
  expect(text).toContain(`${t.total} ${squash(fmt.money(500, 'USD'))}`);
  for (const english of [en.receipt.terminal, en.receipt.total, en.receipt.status.confirmed])
    expect(text).not.toContain(english);
  expect(await decodeBarcodes(pdf)).toEqual([saleNumber]);
  execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', file, `${shots}/${appHost}-receipt-ru`]);
});
