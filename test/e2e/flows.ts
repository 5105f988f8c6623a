import { expect, type Page } from '@playwright/test';

/** Enrolls a fresh terminal through the enrollment screen with an address and code. */
export async function enrollWithCode(
  page: Page,
  apiUrl: string,
  code: string,
  terminalName = 'Counter 1',
): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Set up this terminal' })).toBeVisible();
  await page.getByTestId('enroll-api-url').fill(apiUrl);
  await page.getByTestId('enroll-code').fill(code);
  await page.getByTestId('enroll-name').fill(terminalName);
  await page.getByTestId('enroll-submit').click();
  await expect(page.getByRole('heading', { name: 'Create the first manager' })).toBeVisible();
}

/** Creates the first manager after enrollment; ends signed in on the Sell screen. */
export async function createFirstManager(page: Page, name: string, pin: string): Promise<void> {
  await page.getByTestId('manager-name').fill(name);
  await page.getByTestId('manager-pin').fill(pin);
  await page.getByTestId('manager-create').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sell' })).toBeVisible();
  await expect(page.getByTestId('status-clerk')).toContainText(name);
}

/** Signs a clerk in from the sign-in screen (keyboard: type the PIN, Enter). */
export async function signIn(page: Page, name: string, pin: string): Promise<void> {
  await page.getByTestId(`clerk-${name}`).click();
  await page.getByTestId('signin-pin').fill(pin);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status-clerk')).toContainText(name);
}

/** Enrolls with a code and signs in as a new manager: the usual start of a test. */
export async function enrollAndSignIn(page: Page, apiUrl: string, code: string): Promise<void> {
  await enrollWithCode(page, apiUrl, code);
  await createFirstManager(page, 'Maya Manager', '246802');
}
