/**
 * Mint benchmark: one series of 100,000 cards (12-digit PINs) minted through the operator API on loopback and stored
 * by the central API on its embedded PostgreSQL (or a temporary database on REFILL_BENCH_DATABASE_URL): CSPRNG PINs,
 * HMAC lookup rows, AES-256-GCM ciphertexts, cards and the journal entry, in one transaction. Baseline measured in the
 * same run: generating the same number of PINs in memory (`newPin`). Target: >= 20,000 cards/s on the embedded
 * database. Three rounds; their spread is printed. Read back after: every card and PIN lookup row stored, the ledger balanced.
 * Last line: `BENCH mint backend=... cards_per_s=... raw_pins_per_s=... ratio=...` (ratio = cards_per_s / raw_pins_per_s).
 */
import { performance } from 'node:perf_hooks';
import { newPin } from '../../server/cards/pin-crypto';
import { TEST_OPERATOR_KEY, apiClient, createTenant } from '../integration/server/api-harness';
import { startBenchServer } from './bench-server';
import { checkServerLedger } from './bench-checks';
import { benchLine, median, MIN_PASSES, spreadText } from './bench-stats';

const QUANTITY = Number(process.env.BENCH_N ?? 100_000);
const AMOUNT = 500;
const ROUNDS = MIN_PASSES;

/** Runs the mint benchmark and prints its BENCH line. */
export async function run(): Promise<void> {
  const bench = await startBenchServer('mint');
  const { server } = bench;
  try {
    const api = apiClient(server.url);
    const t = await createTenant(api, { credits: AMOUNT * QUANTITY * (ROUNDS + 1) });
    // Warm-up: a small series (connections, plans).
    await mint(api, t.resellerId, 1_000, '9');
    const mintSeconds: number[] = [];
    const rawSeconds: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const started = performance.now();
      await mint(api, t.resellerId, QUANTITY, String(100 + round));
      mintSeconds.push((performance.now() - started) / 1000);
      const rawStarted = performance.now();
      let sink = 0;
      for (let i = 0; i < QUANTITY; i++) sink += newPin(12).length;
      rawSeconds.push((performance.now() - rawStarted) / 1000);
      if (sink !== QUANTITY * 12) throw new Error('PIN generator broke');
      console.log(
        `round ${round + 1}: ${QUANTITY} cards minted in ${mintSeconds[round]!.toFixed(2)} s; ` +
          `the same PINs in memory in ${rawSeconds[round]!.toFixed(3)} s`,
      );
    }
    // Read back: every card stored with its PIN lookup row, the ledger balanced.
    const stored = await server.db.query<{ cards: string; lookups: string }>(
      `SELECT (SELECT count(*) FROM cards WHERE reseller_id = $1)::text AS cards,
              (SELECT count(*) FROM card_pin_lookup WHERE reseller_id = $1)::text AS lookups`,
      [t.resellerId],
    );
    const want = 1_000 + ROUNDS * QUANTITY;
    if (Number(stored[0]?.cards) !== want || Number(stored[0]?.lookups) !== want)
      throw new Error(`expected ${want} cards with PIN lookups, found ${JSON.stringify(stored[0])}`);
    await checkServerLedger(server.db, [t.resellerId]);
    const cardsPerS = Math.round(QUANTITY / median(mintSeconds));
    const rawPerS = Math.round(QUANTITY / median(rawSeconds));
    console.log(`backend: ${server.db.kind} PostgreSQL`);
    console.log(
      `minted: ${spreadText(
        mintSeconds.map((s) => QUANTITY / s),
        'cards/s',
        0,
      )}`,
    );
    console.log(
      `PINs in memory: ${spreadText(
        rawSeconds.map((s) => QUANTITY / s),
        'PINs/s',
        0,
      )}`,
    );
    console.log(`target: >= 20,000 cards/s (${cardsPerS >= 20_000 ? 'met' : 'NOT met'})`);
    console.log(
      benchLine('mint', server.db.kind, {
        cards_per_s: cardsPerS,
        raw_pins_per_s: rawPerS,
        ratio: cardsPerS / rawPerS,
      }),
    );
  } finally {
    await bench.close();
  }
}

async function mint(api: ReturnType<typeof apiClient>, resellerId: string, quantity: number, prefix: string) {
  const r = await api.call('POST', `/v1/operator/resellers/${resellerId}/card-series`, {
    token: TEST_OPERATOR_KEY,
    body: {
      amount: AMOUNT,
      currency: 'USD',
      quantity,
      prefix,
      pinLength: 12,
      expiresAt: new Date(Date.now() + 365 * 86_400_000).toISOString(),
    },
  });
  if (r.status !== 201) throw new Error(`mint: ${r.status} ${JSON.stringify(r.body)}`);
}
