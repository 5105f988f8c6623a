/**
 * Redeem benchmark: 1,000 redemptions of distinct cards through the terminal API on loopback, sent by the terminal's
 * own transport (lockout check, the conditional UPDATE, grant and journal entry, one commit each), one after another,
 * on the embedded PostgreSQL (or a temporary database on REFILL_BENCH_DATABASE_URL). Floor measured in the same run and interleaved: one conditional
 * UPDATE of another card of the same series on the same database (autocommit). Target: ratio = p50 / floor <= 3.
 * Customers: 50 accounts in turn, so the first redemption of each creates it and the rest find it. Also printed, for
 * scale: the p50 of a plain terminal call (GET /v1/terminal/balance), the HTTP and token-check share of any call.
 * The run is cut in three passes; their spread is printed. Read back after: the activated cards counted, the ledger
 * balanced. Last line: `BENCH redeem backend=... p50_ms=... p95_ms=... floor_ms=... ratio=...`.
 */
import { performance } from 'node:perf_hooks';
import { keepAliveFetch } from '../../main/api-client/keep-alive-fetch';
import { loadCardKeys } from '../../server/cards/card-keys';
import { redeemCard } from '../../server/cards/card-redemption';
import { revealSeriesPins } from '../../server/cards/series-pins';
import { TEST_OPERATOR_KEY, apiClient, createTenant } from '../integration/server/api-harness';
import { startBenchServer } from './bench-server';
import { checkServerLedger } from './bench-checks';
import { benchLine, median, MIN_PASSES, percentile, spreadText } from './bench-stats';

const N = Number(process.env.BENCH_N ?? 1_000);
const WARMUP = 20;

/** Runs the redeem benchmark and prints its BENCH line. */
export async function run(): Promise<void> {
  const bench = await startBenchServer('redeem');
  const { server, dataDir } = bench;
  try {
    // The terminal's own transport (node:http, kept-alive sockets).
    const api = apiClient(server.url, keepAliveFetch);
    const keys = loadCardKeys(process.env.REFILL_CARD_KEYS, dataDir);
    const total = 3 * (N + WARMUP);
    const t = await createTenant(api, { credits: 100 * total });
    const minted = await api.call('POST', `/v1/operator/resellers/${t.resellerId}/card-series`, {
      token: TEST_OPERATOR_KEY,
      body: {
        amount: 100,
        currency: 'USD',
        quantity: total,
        prefix: '777',
        expiresAt: new Date(Date.now() + 365 * 86_400_000).toISOString(),
      },
    });
    if (minted.status !== 201) throw new Error(`mint: ${minted.status} ${JSON.stringify(minted.body)}`);
    const cards = await revealSeriesPins(server.db, keys, t.resellerId, minted.body.seriesId);
    const redeemMs: number[] = [];
    const floorMs: number[] = [];
    const apiFloorMs: number[] = [];
    const serviceMs: number[] = [];
    for (let i = 0; i < N + WARMUP; i++) {
      const card = cards[3 * i]!;
      const started = performance.now();
      const r = await api.call('POST', '/v1/terminal/cards/redeem', {
        token: t.token,
        body: { customerAccount: `+1555${String(i % 50).padStart(7, '0')}`, pin: card.pin },
      });
      const ms = performance.now() - started;
      if (r.status !== 200) throw new Error(`redeem: ${r.status} ${JSON.stringify(r.body)}`);
      const other = cards[3 * i + 1]!;
      const floorStarted = performance.now();
      const rows = await server.db.query(
        `UPDATE cards SET status = 'void' WHERE reseller_id = $1 AND id = $2 AND status = 'new' AND expires_at > now()
         RETURNING id`,
        [t.resellerId, other.cardId],
      );
      const f = performance.now() - floorStarted;
      if (rows.length !== 1) throw new Error('the floor UPDATE changed no card');
      // What any terminal call costs here: HTTP on loopback, token check, one read.
      const apiStarted = performance.now();
      const bal = await api.call('GET', '/v1/terminal/balance', { token: t.token });
      const apiMs = performance.now() - apiStarted;
      if (bal.status !== 200) throw new Error(`balance: ${bal.status}`);
      // The same redemption without HTTP and token check: the service on its own.
      const direct = cards[3 * i + 2]!;
      const serviceStarted = performance.now();
      await redeemCard(
        server.db,
        keys,
        {
          resellerId: t.resellerId,
          customer: { account: `+1555${String(i % 50).padStart(7, '0')}` },
          lockoutKeys: [{ scope: 'terminal', key: 'bench' }],
        },
        { pin: direct.pin },
      );
      const svc = performance.now() - serviceStarted;
      if (i >= WARMUP) {
        serviceMs.push(svc);
        redeemMs.push(ms);
        floorMs.push(f);
        apiFloorMs.push(apiMs);
      }
    }
    // Read back: each redemption and each direct service call activated exactly its card; the ledger balanced.
    const activated = await server.db.query<{ n: string }>(
      "SELECT count(*)::text AS n FROM cards WHERE reseller_id = $1 AND status = 'activated'",
      [t.resellerId],
    );
    if (Number(activated[0]?.n) !== 2 * (N + WARMUP))
      throw new Error(`expected ${2 * (N + WARMUP)} activated cards, found ${activated[0]?.n}`);
    await checkServerLedger(server.db, [t.resellerId]);
    // Passes: the run cut in MIN_PASSES consecutive parts, each with its own p50 and floor.
    const part = Math.floor(N / MIN_PASSES);
    const passes = Array.from({ length: MIN_PASSES }, (_, k) => ({
      p50: median(redeemMs.slice(k * part, (k + 1) * part)),
      floor: median(floorMs.slice(k * part, (k + 1) * part)),
    }));
    const p50 = median(passes.map((x) => x.p50));
    const floor = median(passes.map((x) => x.floor));
    const p95 = percentile(redeemMs, 95);
    console.log(`backend: ${server.db.kind} PostgreSQL`);
    console.log(
      `redemption p50 per pass: ${spreadText(
        passes.map((x) => x.p50),
        'ms',
      )}; p95 over all ${p95.toFixed(2)} ms`,
    );
    console.log(
      `floor p50 per pass: ${spreadText(
        passes.map((x) => x.floor),
        'ms',
      )}`,
    );
    console.log(
      `the redemption service alone (no HTTP, no token check) p50 ${median(serviceMs).toFixed(2)} ms`,
    );
    console.log(
      `for scale: GET /v1/terminal/balance (HTTP + token check + one read) p50 ${median(apiFloorMs).toFixed(2)} ms`,
    );
    console.log(`target: ratio <= 3 (${p50 / floor <= 3 ? 'met' : 'NOT met'})`);
    console.log(
      benchLine('redeem', server.db.kind, { p50_ms: p50, p95_ms: p95, floor_ms: floor, ratio: p50 / floor }),
    );
  } finally {
    await bench.close();
  }
}
