import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerInfo } from '../../../core/contract/types/customers';
import type { RenderedReceipt } from '../../../core/contract/types/receipts';
import type { SaleCreateOutcome, SalesTotals } from '../../../core/contract/types/sales';
import type { LocalBalance } from '../../../core/contract/types/sync';
import { formatMoney } from '../../../core/money/money';
import type { RunningServer } from '../../../server/start-server';
import { pdfText, requireTools } from '../printing/pdf-tools';
import { startCentral } from '../terminal/support/central-api';
import { call, enrollAndSignIn, tempDir } from '../terminal/support/terminal-harness';
import { operatorBalance, seedThroughOperatorApi } from './operator-seed';
import { openSalesTerminal } from './support';

let serverDir: string;
let server: RunningServer;
const cleanup: (() => Promise<void>)[] = [];

beforeAll(async () => {
  requireTools('pdftotext');
  serverDir = tempDir('central-money');
  server = await startCentral(serverDir);
});
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
  await server.close();
  rmSync(serverDir, { recursive: true, force: true });
});

/** One currency's case: prices in minor units, a quantity and the cash handed over. */
interface MoneyCase {
  readonly currency: string;
  readonly face: number;
  readonly wholesale: number;
  readonly retail: number;
  readonly quantity: number;
  readonly tendered: number;
  /** What the receipt must print for total, tendered and change. */
  readonly printed: readonly [string, string, string];
}

const CASES: readonly MoneyCase[] = [
  // 0 decimals: JPY 1,234 x 3 = 3,702; tendered 5,000; change 1,298.
  {
    currency: 'JPY',
    face: 1_300,
    wholesale: 1_111,
    retail: 1_234,
    quantity: 3,
    tendered: 5_000,
    printed: ['JPY 3,702', 'JPY 5,000', 'JPY 1,298'],
  },
  // 2 decimals: USD 19.99 x 3 = 59.97; tendered 100.00; change 40.03.
  {
    currency: 'USD',
    face: 2_000,
    wholesale: 1_851,
    retail: 1_999,
    quantity: 3,
    tendered: 10_000,
    printed: ['USD 59.97', 'USD 100.00', 'USD 40.03'],
  },
  // 3 decimals: KWD 3.125 x 7 = 21.875; tendered 25.000; change 3.125.
  {
    currency: 'KWD',
    face: 3_200,
    wholesale: 3_001,
    retail: 3_125,
    quantity: 7,
    tendered: 25_000,
    printed: ['KWD 21.875', 'KWD 25.000', 'KWD 3.125'],
  },
];

describe('money in currencies with 0, 2 and 3 decimals, terminal against the real central API', () => {
  for (const c of CASES) {
    it(`${c.currency}: totals, change and balances agree to the minor unit; the receipt prints them`, async () => {
      const credits = 10_000_000;
      const seed = await seedThroughOperatorApi(server.url, {
        currency: c.currency,
        credits,
        face: c.face,
        wholesale: c.wholesale,
        retail: c.retail,
      });
      const t = await openSalesTerminal(`money-${c.currency}`);
      cleanup.push(t.close);
      const s = t.services;
      await enrollAndSignIn(s, server.url, seed.code);
      const account = `+81${String(Date.now()).slice(-9)}`;

      const out = await call<SaleCreateOutcome>(s, 'sales.create', {
        packageId: seed.pkg.id,
        customerAccount: account,
        quantity: c.quantity,
        tenderedAmount: c.tendered,
      });
      expect(out.outcome).toBe('confirmed');
      const total = c.retail * c.quantity;
      const wholesale = c.wholesale * c.quantity;
      expect(out.sale).toMatchObject({
        currency: c.currency,
        retailAmount: total,
        wholesaleAmount: wholesale,
        tenderedAmount: c.tendered,
        changeAmount: c.tendered - total,
      });
      expect([
        formatMoney({ amount: total, currency: c.currency }),
        formatMoney({ amount: c.tendered, currency: c.currency }),
        formatMoney({ amount: c.tendered - total, currency: c.currency }),
      ]).toEqual(c.printed);

      // Balances: the server's reseller balance, the terminal's pulled view, and the customer's wallet.
      await call(s, 'sync.now');
      const serverBal = await operatorBalance(server.url, seed.resellerId);
      expect(serverBal).toBe(credits - wholesale);
      expect(await call<LocalBalance>(s, 'ledger.balance')).toMatchObject({
        currency: c.currency,
        serverBalance: serverBal,
        available: serverBal,
        pendingDebits: 0,
      });
      const customer = await call<CustomerInfo | null>(s, 'customers.lookup', { account });
      expect(customer).toMatchObject({ account, walletBalance: c.face * c.quantity, currency: c.currency });
      expect(customer!.lastTopUpAt).not.toBeNull();
      expect(await call(s, 'customers.lookup', { account: '+19990000001' })).toBeNull();

      const totals = await call<SalesTotals>(s, 'sales.totals');
      expect(totals).toMatchObject({
        currency: c.currency,
        today: { count: 1, amount: total },
        shift: { count: 1, cashTaken: total },
      });
      const ledgerTotals = s.terminal.ledger.accountTotals();
      expect(ledgerTotals.cash_drawer).toBe(total);
      expect(ledgerTotals.reseller_credit).toBe(-wholesale);

      const receipt = await call<RenderedReceipt>(s, 'receipts.render', { saleId: out.sale!.id });
      const text = (await pdfText(Buffer.from(receipt.pdfBase64, 'base64'))).replace(/[ \t]+/g, ' ');
      expect(text).toContain(`TOTAL ${c.printed[0]}`);
      expect(text).toContain(`Tendered ${c.printed[1]}`);
      expect(text).toContain(`Change ${c.printed[2]}`);
      const unit = formatMoney({ amount: c.retail, currency: c.currency });
      expect(text).toContain(`${c.quantity} x ${unit}`);
    });
  }
});
