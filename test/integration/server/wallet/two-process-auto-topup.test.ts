import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushResponseSchema } from '../../../../core/sync/protocol';
import { createTenant, ledgerViolations, saleCommand } from '../api-harness';
import { spawnServerProcess, stopServerProcess, type ServerProcess } from '../server-process';
import { serverBackends, type OpenedBackend } from '../server-backends';
import { CARDS, addCard, cardNumberForms, dumpDatabase, putRule } from './wallet-fixtures';

// Two server processes on one PostgreSQL: burst suppression must hold across them, enforced by the database.
describe.each(serverBackends())('auto top-up under a burst on two server processes ($name)', (backend) => {
  let opened: OpenedBackend;
  let a: ServerProcess;
  let b: ServerProcess;
  const logs: string[] = [];
  beforeAll(async () => {
    opened = await backend.open({ isolated: true });
    [a, b] = await Promise.all([spawnServerProcess(opened.url), spawnServerProcess(opened.url)]);
    for (const p of [a, b]) {
      p.child.stdout!.on('data', (c: Buffer) => logs.push(c.toString()));
      p.child.stderr!.on('data', (c: Buffer) => logs.push(c.toString()));
    }
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a && stopServerProcess(a.child), b && stopServerProcess(b.child)]);
    await opened?.cleanup();
  });

  it('100 concurrent debits crossing the threshold make exactly one charge and one grant', async () => {
    const t = await createTenant(a.api, { credits: 100 * 950 });
    await addCard(a.api, t.token, CARDS.visa);
    await putRule(b.api, t.resellerId, {
      threshold: 50_000,
      amount: 200_000,
      maxPerDay: 10,
      maxAmountPerMonth: 10_000_000,
      enabled: true,
    });
    const alerts = await a.api.call('PUT', '/v1/terminal/wallet/alerts', {
      token: t.token,
      body: { alertLevel: 60_000, webhookUrl: null },
    });
    expect(alerts.status).toBe(200);
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        (i % 2 ? a : b).api.call('POST', '/v1/terminal/sync/push', {
          token: t.token,
          body: { commands: [saleCommand(t, { account: `+1555200${i % 10}` })] },
        }),
      ),
    );
    for (const r of answers) {
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(pushResponseSchema.parse(r.body).outcomes[0]!.status).toBe('applied');
    }
    // A clean stop waits for each process's background auto top-up work: after it, nothing is left in flight.
    expect(await Promise.all([stopServerProcess(a.child), stopServerProcess(b.child)])).toEqual([0, 0]);

    const db = opened.db;
    const attempts = await db.query<{ outcome: string }>(
      'SELECT outcome FROM auto_topup_attempts WHERE reseller_id = $1',
      [t.resellerId],
    );
    expect(attempts).toEqual([{ outcome: 'succeeded' }]);
    const purchases = await db.query<{ id: string; status: string }>(
      'SELECT id, status FROM wallet_purchases WHERE reseller_id = $1',
      [t.resellerId],
    );
    expect(purchases.map((p) => p.status)).toEqual(['succeeded']);
    const charges = await db.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM psp_sandbox_charges c
         JOIN payment_methods m ON m.psp_token = c.token WHERE m.reseller_id = $1`,
      [t.resellerId],
    );
    expect(charges[0]!.n).toBe('1');
    const grants = await db.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM journal_entries WHERE reseller_id = $1 AND memo = $2',
      [t.resellerId, `purchase ${purchases[0]!.id}`],
    );
    expect(grants[0]!.n).toBe('1');
    const bal = await db.query<{ balance: string }>(
      `SELECT a.balance::text AS balance FROM resellers r
         JOIN accounts a ON a.reseller_id = r.id AND a.id = r.credit_account_id WHERE r.id = $1`,
      [t.resellerId],
    );
    expect(bal[0]!.balance).toBe('200000');
    const notices = await db.query<{ type: string }>(
      "SELECT data->>'type' AS type FROM changes WHERE reseller_id = $1 AND kind = 'wallet_notice' ORDER BY seq",
      [t.resellerId],
    );
    expect(notices.map((n) => n.type)).toEqual(
      expect.arrayContaining(['balance_alert', 'auto_topup_succeeded']),
    );
    expect(notices.filter((n) => n.type === 'balance_alert')).toHaveLength(1);
    expect(await ledgerViolations(db, [t.resellerId])).toEqual([]);

    // The card number reached neither process's log nor the database.
    const dump = await dumpDatabase(db);
    for (const form of cardNumberForms(CARDS.visa)) {
      expect(dump.includes(form)).toBe(false);
      expect(logs.join('').includes(form)).toBe(false);
    }
  });
});
