/* eslint-disable @typescript-eslint/no-explicit-any -- tests probe untyped JSON answers of the API */
import { expect } from 'vitest';
import type { Database } from '../../../../server/db/database';
import type { PaymentProvider } from '../../../../server/psp/payment-provider';
import type { SandboxPsp } from '../../../../server/psp/sandbox-psp';
import { TEST_OPERATOR_KEY, type ApiClient } from '../api-harness';

/** The sandbox's test cards. */
export const CARDS = {
  visa: '4242424242424242',
  mastercard: '5555555555554444',
  declined: '4000000000000002',
  insufficientFunds: '4000000000009995',
  retryOnce: '4000000000000119',
  providerDown: '4000000000000267',
} as const;

/** A card expiry two years ahead, as typed on the hosted page. */
export function futureExpiry(): string {
  const d = new Date();
  return `${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String((d.getUTCFullYear() + 2) % 100).padStart(2, '0')}`;
}

/** Posts the sandbox's hosted card form like a browser does; answers the HTTP status and the HTML. */
export async function submitCardForm(
  hostedUrl: string,
  form: { number: string; expiry: string; cvc: string },
): Promise<{ status: number; html: string }> {
  const res = await fetch(hostedUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, html: await res.text() };
}

/** Saves a card for the terminal's reseller through the sandbox's hosted page; answers the saved method. */
export async function addCard(api: ApiClient, token: string, number: string): Promise<any> {
  const setup = await api.call('POST', '/v1/terminal/wallet/payment-methods/setup', { token });
  expect(setup.status, JSON.stringify(setup.body)).toBe(201);
  const page = await fetch(setup.body.hostedUrl);
  expect(page.status).toBe(200);
  const posted = await submitCardForm(setup.body.hostedUrl, { number, expiry: futureExpiry(), cvc: '123' });
  expect(posted.status, posted.html).toBe(200);
  const status = await api.call('GET', `/v1/terminal/wallet/payment-methods/setup/${setup.body.setupId}`, {
    token,
  });
  expect(status.body.status).toBe('completed');
  return status.body.paymentMethod;
}

/**
 * Sets a reseller's auto top-up rule through the operator API; unless given, 5 a day, 100,000 a month, enabled.
 */
export async function putRule(
  api: ApiClient,
  resellerId: string,
  rule: {
    threshold: number;
    amount: number;
    maxPerDay?: number;
    maxAmountPerMonth?: number;
    enabled?: boolean;
  },
): Promise<any> {
  const r = await api.call('PUT', `/v1/operator/resellers/${resellerId}/auto-topup-rules/USD`, {
    token: TEST_OPERATOR_KEY,
    body: { maxPerDay: 5, maxAmountPerMonth: 100_000, enabled: true, ...rule },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

/** Creates an active USD credit package. */
export async function createCreditPackage(api: ApiClient, credits: number, price: number): Promise<any> {
  const r = await api.call('POST', '/v1/operator/credit-packages', {
    token: TEST_OPERATOR_KEY,
    body: { name: `Credits ${credits}`, credits, price, currency: 'USD' },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

/** Every row of every table of the public schema as text (to grep for what must never be stored). */
export async function dumpDatabase(db: Database): Promise<string> {
  const tables = await db.query<{ tablename: string }>(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  );
  const parts: string[] = [];
  for (const t of tables) {
    const rows = await db.query<{ row: string }>(`SELECT t::text AS row FROM "${t.tablename}" t`);
    parts.push(`${t.tablename}: ${rows.map((r) => r.row).join('\n')}`);
  }
  return parts.join('\n');
}

/** The digits of a card number as they could appear anywhere (plain or grouped by four). */
export function cardNumberForms(number: string): string[] {
  return [number, number.replace(/(\d{4})(?=\d)/g, '$1 '), number.replace(/(\d{4})(?=\d)/g, '$1-')];
}

/** The sandbox provider with its `charge` replaced: fault injection (a crash right after charging, an outage). */
export function withCharge(sandbox: SandboxPsp, charge: PaymentProvider['charge']): PaymentProvider {
  return {
    createSetupSession: (o) => sandbox.createSetupSession(o),
    getSetupSession: (id) => sandbox.getSetupSession(id),
    retrieveCharge: (k) => sandbox.retrieveCharge(k),
    charge,
  };
}
