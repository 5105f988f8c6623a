import { decodeBarcodes, pdfText } from '../integration/printing/pdf-tools';
import {
  TEST_PRINTER,
  setupCupsPdfPrinter,
  waitForPrintedPdf,
} from '../integration/printing/cups-pdf-output';
import { expect, test } from './fixtures';
import { confirmNumber, enrollAndSignIn } from './flows';
import { createTenant } from './operator-api';
import { toastSaying } from './page-checks';

test('a manager picks the receipt printer; sales print on it through CUPS, reprints say COPY', async ({
  app,
  appHost,
}) => {
  test.setTimeout(90_000);
  setupCupsPdfPrinter();
  const { page } = app;
  const tenant = await createTenant(app.apiUrl);
  await enrollAndSignIn(page, app.apiUrl, tenant.code);

  await page.keyboard.press('Alt+8');
  await page.getByTestId('settings-printer').selectOption(TEST_PRINTER);
  await page.getByTestId('settings-paper').selectOption('58mm');
  await page.getByTestId('settings-shop-name').fill('Corner Kiosk');
  await page.getByTestId('settings-auto-print').check();
  await page.getByTestId('settings-save').click();
  await expect(toastSaying(page, /^Settings saved$/)).toBeVisible();
  await page.screenshot({ path: `test-results/screens/${appHost}-settings.png`, fullPage: true });

  await page.keyboard.press('Alt+1');
  const since = Date.now();
  await page.getByTestId('package-TOPUP5').click();
  await page.getByTestId('sale-account').fill('+15550007777');
  await page.keyboard.press('Enter');
  await confirmNumber(page);
  await expect(page.getByTestId('sale-result-status')).toHaveText('Confirmed online');
  const saleNumber = (await page.getByTestId('sale-result-number').textContent())!;

  // Printed automatically after the sale committed: the CUPS PDF printer's output reads back.
  const printed = await waitForPrintedPdf(saleNumber, { since });
  const text = await pdfText(printed);
  expect(text).toContain('Corner Kiosk');
  expect(text).toContain(saleNumber);
  expect(text).toContain('CONFIRMED ONLINE');
  expect(text).not.toContain('15550007777');
  expect(await decodeBarcodes(printed)).toContain(saleNumber);

  // A reprint from the screen is marked COPY.
  await page.getByTestId('receipt-print').click();
  await expect(toastSaying(page, `(COPY) sent to ${TEST_PRINTER}`)).toBeVisible();
  const copy = await waitForPrintedPdf(`${saleNumber}_COPY`, { since });
  expect(await pdfText(copy)).toContain('COPY');
});
