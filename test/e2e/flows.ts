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

/**
 * The confirm-the-number step every sale on the Sell screen passes after Confirm: waits until it shows the account
 * (in its groups, when `grouped` is given, e.g. "555 123 4567"), then sends the sale with one Enter, as a clerk does.
 * Call it right after the key press or click that submitted a valid sale form.
 */
export async function confirmNumber(page: Page, grouped?: string): Promise<void> {
  const step = page.getByTestId('confirm-number');
  await expect(step).toBeVisible();
  if (grouped !== undefined)
    await expect(page.getByTestId('confirm-number-account')).toHaveText(`Account ${grouped}`);
  await expect(page.getByTestId('confirm-number-send')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(step).toHaveCount(0);
}

/** Enrolls with a code and signs in as a new manager: the usual start of a test. */
export async function enrollAndSignIn(page: Page, apiUrl: string, code: string): Promise<void> {
  await enrollWithCode(page, apiUrl, code);
  await createFirstManager(page, 'Maya Manager', '246802');
}

/**
 * Calls a contract method from inside the app's window, as the renderer would (the Electron bridge, or browser
 * mode's HTTP contract with the page's session token); resolves with the value or throws with the error code.
 */
export async function callContract<T>(page: Page, name: string, input: unknown): Promise<T> {
  const res = await page.evaluate(
    async ([method, payload]) => {
      const bridge = (
        window as unknown as Record<string, { call(n: string, i: unknown): Promise<unknown> } | undefined>
      )['refillDesk'];
      if (bridge) return bridge.call(method as string, payload);
      const token = sessionStorage.getItem('refill-desk.session-token') ?? '';
      const r = await fetch(`/rpc/${encodeURIComponent(method as string)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-refill-session': token },
        body: JSON.stringify(payload ?? {}),
      });
      return r.json();
    },
    [name, input] as const,
  );
  const r = res as { ok: boolean; value?: T; error?: { code: string; message: string } };
  if (!r.ok) throw new Error(`${name}: ${r.error?.code} ${r.error?.message}`);
  return r.value as T;
}

/** A card of a generated series, with its PIN (revealed through the contract, as a manager). */
export interface CardWithPin {
  readonly id: string;
  readonly serial: string;
  readonly pin: string;
}

/**
 * Generates a series through the contract as the signed-in manager, waits until its job is done, and reveals the PINs
 * of its first `reveal` cards.
 */
export async function generateSeries(
  page: Page,
  options: { amount: number; quantity: number; prefix: string; reveal?: number; pinLength?: number },
): Promise<{ seriesId: string; cards: CardWithPin[] }> {
  const expiresAt = new Date(Date.now() + 365 * 86_400_000).toISOString();
  let job = await callContract<{ jobId: string; state: string; seriesId: string | null }>(
    page,
    'cards.createSeries',
    {
      amount: options.amount,
      quantity: options.quantity,
      prefix: options.prefix,
      pinLength: options.pinLength ?? 12,
      expiresAt,
      grantValidityDays: null,
    },
  );
  await expect
    .poll(
      async () => {
        job = await callContract(page, 'cards.seriesJob', { jobId: job.jobId });
        return job.state;
      },
      { timeout: 60_000 },
    )
    .toBe('done');
  const pageOfCards = await callContract<{ rows: { id: string; serial: string }[] }>(page, 'cards.list', {
    filter: { prefix: options.prefix },
    offset: 0,
    limit: Math.max(1, Math.min(500, options.reveal ?? 0)),
  });
  const cards: CardWithPin[] = [];
  for (const row of pageOfCards.rows.slice(0, options.reveal ?? 0)) {
    const { pin } = await callContract<{ pin: string }>(page, 'cards.revealPin', { cardId: row.id });
    cards.push({ id: row.id, serial: row.serial, pin });
  }
  return { seriesId: job.seriesId!, cards };
}
