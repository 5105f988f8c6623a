/* eslint-disable @typescript-eslint/no-explicit-any -- tests probe untyped JSON answers of the API */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revealSeriesPins } from '../../../server/cards/series-pins';
import {
  TEST_OPERATOR_KEY,
  anotherTerminal,
  apiClient,
  createTenant,
  ledgerViolations,
  type ApiClient,
} from '../server/api-harness';
import { serverBackends, type OpenedBackend } from '../server/server-backends';
import { mintThroughOperator, useTestCardKeys } from './card-harness';

const root = resolve(__dirname, '../../..');
// Set before the processes start: they inherit REFILL_CARD_KEYS, as every instance sharing a database must.
const keys = useTestCardKeys();

/** Spawns `server/main.ts` on the database at `url` and resolves once it prints its listening line. */
function spawnServer(url: string): Promise<{ child: ChildProcess; api: ApiClient }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: url,
      REFILL_OPERATOR_KEY: TEST_OPERATOR_KEY,
      REFILL_DATA_DIR: mkdtempSync(join(tmpdir(), 'refill-cards-proc-')),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((res, rej) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) res({ child, api: apiClient(m[1]!) });
    });
    child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
    child.on('exit', (code) => rej(new Error(`server exited ${code}: ${err}`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((res) => {
    if (child.exitCode !== null) return res(child.exitCode);
    child.on('exit', (code) => res(code));
    child.kill('SIGTERM');
  });
}

describe.each(serverBackends())('concurrent redemptions on two server processes ($name)', (backend) => {
  let opened: OpenedBackend;
  let a: { child: ChildProcess; api: ApiClient };
  let b: { child: ChildProcess; api: ApiClient };
  beforeAll(async () => {
    opened = await backend.open({ isolated: true });
    // One first, so it runs the migrations; then the second.
    a = await spawnServer(opened.url);
    b = await spawnServer(opened.url);
  }, 90_000);
  afterAll(async () => {
    const codes = await Promise.all([a && stop(a.child), b && stop(b.child)]);
    await opened?.cleanup();
    expect(codes).toEqual([0, 0]);
  });

  it('redeems one card once and credits once under 50 concurrent attempts', async () => {
    const t = await createTenant(a.api, { credits: 100_000 });
    const t2 = await anotherTerminal(b.api, t);
    const series = await mintThroughOperator(a.api, t.resellerId, { amount: 1_234, quantity: 3 });
    const [card, first, second] = await revealSeriesPins(opened.db, keys, t.resellerId, series.seriesId);
    // Two customers exist already (their redemption path is one statement); the other attempts name new accounts
    // (created in the redemption's transaction).
    const known = ['+15557770000', '+15557770001'];
    for (const [i, c] of [first!, second!].entries()) {
      const r = await a.api.call('POST', '/v1/terminal/cards/redeem', {
        token: t.token,
        body: { customerAccount: known[i], pin: c.pin },
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        (i % 2 ? b : a).api.call('POST', '/v1/terminal/cards/redeem', {
          token: (i % 4 < 2 ? t : t2).token,
          body: {
            customerAccount: i % 3 === 0 ? known[i % 2] : `+1555777${String(i).padStart(4, '0')}`,
            pin: card!.pin,
          },
        }),
      ),
    );
    const ok = answers.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    for (const r of answers.filter((x) => x.status !== 200)) {
      expect([r.status, r.body.code]).toSatisfy(
        ([status, code]: [number, string]) =>
          (status === 400 && code === 'card_redeem_failed') ||
          (status === 429 && code === 'card_redeem_locked'),
      );
    }
    const counts = await opened.db.query<any>(
      `SELECT (SELECT count(*) FROM grants WHERE reseller_id = $1 AND source_id = $2)::int AS grants,
              (SELECT count(*) FROM journal_entries WHERE reseller_id = $1 AND kind = 'card_redemption')::int AS entries,
              (SELECT count(*) FROM cards WHERE reseller_id = $1 AND status = 'activated')::int AS activated,
              (SELECT sum(balance) FROM accounts WHERE reseller_id = $1 AND kind = 'customer_wallet')::int AS wallets,
              (SELECT balance FROM accounts WHERE reseller_id = $1 AND kind = 'card_liability')::int AS liability`,
      [t.resellerId, card!.cardId],
    );
    expect(counts[0]).toEqual({ grants: 1, entries: 3, activated: 3, wallets: 3 * 1_234, liability: 0 });
    expect(await ledgerViolations(opened.db, [t.resellerId])).toEqual([]);
  });
});
