import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../main/app/app-services';
import type { Package } from '../../../core/sync/protocol';
import { uuidv7 } from '../../../core/uuidv7';
import { fakeEnrollAndPull, testPackage } from './support/local-terminal';
import { openTerminal, tempDir } from './support/terminal-harness';

/**
 * Every refusal of `SalesService.createSale` before anything is written: each answers its stable code, and the
 * ledger, the outbox and the sales list stay empty. The terminal runs on an injected clock.
 */

const opened: { services: AppServices; dir: string }[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) {
    await o.services.close().catch(() => undefined);
    rmSync(o.dir, { recursive: true, force: true });
  }
});

/** The fake enrollment stamps its sync with the real time; the injected clock starts there and moves only when set. */
const START = Date.now();

/** An enrolled, synced (offline) terminal on a clock the test sets; `pkg` costs 100 retail, 90 wholesale. */
async function enrolled(): Promise<{ services: AppServices; pkg: Package; setNow(ms: number): void }> {
  const dir = tempDir('sales-validation');
  let now = START;
  const services = await openTerminal(dir, { clock: () => now });
  opened.push({ services, dir });
  const pkg = fakeEnrollAndPull(services, 10_000);
  return { services, pkg, setNow: (ms) => (now = ms) };
}

/** Adds packages to the local catalog as a pull would. */
function pull(services: AppServices, ...pkgs: Package[]): void {
  const { ledger } = services.terminal;
  const cursor = String(Number(ledger.syncState().cursor ?? '0') + pkgs.length);
  ledger.applyChanges(
    pkgs.map((data, i) => ({
      seq: String(Number(cursor) - pkgs.length + i + 1),
      kind: 'package' as const,
      data,
    })),
    cursor,
    false,
    ledger.ackWatermark(),
    new Date(START).toISOString(),
  );
}

/** Nothing was written: no outbox command, no sale, no pending debit. */
function expectNothingWritten(services: AppServices): void {
  const { ledger, saleQueries } = services.terminal;
  expect(ledger.peekOutbox(10)).toEqual([]);
  expect(ledger.balanceView()).toMatchObject({ pendingDebits: 0, pendingCount: 0 });
  expect(saleQueries.list({ limit: 10, before: null }).items).toEqual([]);
}

const account = '+4470000001';

describe('SalesService.createSale input validation', () => {
  it('refuses a terminal that is not enrolled', async () => {
    const dir = tempDir('sales-validation');
    const services = await openTerminal(dir, { clock: () => START });
    opened.push({ services, dir });
    await expect(
      services.terminal.sales.createSale(
        { packageId: uuidv7(), customerAccount: account, quantity: 1 },
        null,
      ),
    ).rejects.toMatchObject({ code: 'not_enrolled' });
    expect(services.terminal.ledger.peekOutbox(10)).toEqual([]);
  });

  it('refuses a blocked terminal', async () => {
    const { services, pkg } = await enrolled();
    services.terminal.identity.setBlock('suspended', new Date(START).toISOString());
    await expect(
      services.terminal.sales.createSale({ packageId: pkg.id, customerAccount: account, quantity: 1 }, null),
    ).rejects.toMatchObject({ code: 'terminal_blocked', details: { reason: 'suspended' } });
    expectNothingWritten(services);
  });

  it('refuses a bad account number', async () => {
    const { services, pkg } = await enrolled();
    for (const customerAccount of ['', '123', '+1-555-0100', '123456789012345678901', 'abcd1234']) {
      await expect(
        services.terminal.sales.createSale({ packageId: pkg.id, customerAccount, quantity: 1 }, null),
        customerAccount,
      ).rejects.toMatchObject({ code: 'invalid_account' });
    }
    expectNothingWritten(services);
  });

  it('refuses a quantity that is not a whole number from 1 to 100', async () => {
    const { services, pkg } = await enrolled();
    for (const quantity of [0, -1, 101, 1.5, Number.NaN]) {
      await expect(
        services.terminal.sales.createSale({ packageId: pkg.id, customerAccount: account, quantity }, null),
        String(quantity),
      ).rejects.toMatchObject({ code: 'invalid_quantity' });
    }
    expectNothingWritten(services);
  });

  it('refuses a package that is unknown, no longer sold, in another currency, or without a price', async () => {
    const { services } = await enrolled();
    const inactive = testPackage({ code: 'OLD', active: false });
    const euro = testPackage({ code: 'EURO', currency: 'EUR' });
    const free = testPackage({ code: 'FREE', retailPrice: 0, wholesalePrice: 0 });
    pull(services, inactive, euro, free);
    const sell = (packageId: string) =>
      services.terminal.sales.createSale({ packageId, customerAccount: account, quantity: 1 }, null);
    await expect(sell(uuidv7())).rejects.toMatchObject({ code: 'package_not_found' });
    await expect(sell(inactive.id)).rejects.toMatchObject({ code: 'package_inactive' });
    await expect(sell(euro.id)).rejects.toMatchObject({ code: 'currency_mismatch' });
    await expect(sell(free.id)).rejects.toMatchObject({ code: 'invalid_amount' });
    expectNothingWritten(services);
  });

  it('refuses cash tendered below the price (of the whole quantity), and sells at exactly the price', async () => {
    const { services, pkg } = await enrolled();
    const { sales } = services.terminal;
    await expect(
      sales.createSale(
        { packageId: pkg.id, customerAccount: account, quantity: 1, tenderedAmount: 99 },
        null,
      ),
    ).rejects.toMatchObject({ code: 'insufficient_tender' });
    await expect(
      sales.createSale(
        { packageId: pkg.id, customerAccount: account, quantity: 3, tenderedAmount: 299 },
        null,
      ),
    ).rejects.toMatchObject({ code: 'insufficient_tender' });
    expectNothingWritten(services);
    const exact = await sales.createSale(
      { packageId: pkg.id, customerAccount: account, quantity: 3, tenderedAmount: 300 },
      null,
    );
    expect(exact).toMatchObject({ outcome: 'queued', sale: { retailAmount: 300, changeAmount: 0 } });
  });

  it('refuses a sale id reused for a different sale, naming the earlier one', async () => {
    const { services, pkg } = await enrolled();
    const { sales, ledger } = services.terminal;
    const saleId = uuidv7();
    const first = await sales.createSale(
      { saleId, packageId: pkg.id, customerAccount: account, quantity: 1 },
      null,
    );
    expect(first.outcome).toBe('queued');
    for (const other of [
      { quantity: 2 },
      { customerAccount: '+4470000002' },
      { packageId: testPackage().id },
    ]) {
      await expect(
        sales.createSale(
          { saleId, packageId: pkg.id, customerAccount: account, quantity: 1, ...other },
          null,
        ),
      ).rejects.toMatchObject({
        code: 'sale_id_reused',
        details: { saleId, saleNumber: first.sale!.saleNumber },
      });
    }
    expect(ledger.peekOutbox(10)).toHaveLength(1);
  });

  it('refuses a clock outside the accepted years or more than 5 minutes ahead of the server', async () => {
    const { services, pkg, setNow } = await enrolled();
    const { sales, ledger } = services.terminal;
    const sell = () => sales.createSale({ packageId: pkg.id, customerAccount: account, quantity: 1 }, null);
    setNow(Number.NaN);
    await expect(sell()).rejects.toMatchObject({
      code: 'clock_wrong',
      message: expect.stringContaining('an invalid date'),
    });
    setNow(Date.parse('1999-12-31T23:59:59.000Z'));
    await expect(sell()).rejects.toMatchObject({ code: 'clock_wrong' });
    setNow(START);
    // The server's clock read 5 minutes and 1 ms behind this terminal's: the terminal is ahead, by too much.
    ledger.recordServerTime(new Date(START - 5 * 60_000 - 1).toISOString(), START);
    await expect(sell()).rejects.toMatchObject({
      code: 'clock_wrong',
      message: expect.stringContaining('5 min ahead'),
    });
    expectNothingWritten(services);
    // Exactly 5 minutes ahead is within the allowed drift.
    ledger.recordServerTime(new Date(START - 5 * 60_000).toISOString(), START);
    expect((await sell()).outcome).toBe('queued');
  });
});
