import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import type { CardReserveState } from '../../../core/contract/types/cards';
import { seedReseller, useCentral } from './support/central-api';
import { call, openTerminal } from './support/terminal-harness';
import { enrollTill, goOffline, syncOk } from './support/till';

const central = useCentral('central-draw-crash');
const WORKER = join(import.meta.dirname, 'card-draw-worker.ts');
const KILLS = 3;

/** Runs the worker until it reported `draws` committed draws (progress, never time), then kills it with SIGKILL. */
async function drawThenKill(dataDir: string, clerkId: string, draws: number): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, dataDir, clerkId, '123456'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let drawn = 0;
  await new Promise<void>((resolve, reject) => {
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error(`worker exited ${code}`)),
    );
    createInterface({ input: child.stdout }).on('line', (line) => {
      // Lines the worker wrote before the signal landed still arrive: they are not counted (it is killed already).
      if (!line.startsWith('DRAWN') || drawn === draws) return;
      drawn += 1;
      if (drawn === draws) child.kill('SIGKILL');
    });
  });
  return drawn;
}

describe('drawing a series from the PIN reserve', () => {
  it('loses and duplicates nothing when the app is killed with SIGKILL in the middle of draws', async () => {
    const seed = await seedReseller(central.server, {
      credits: 1_000_000,
      floorLimits: { perSaleMax: 100_000, totalOfflineMax: 1_000_000, maxHoursSinceSync: 24 },
    });
    const limits = { perSaleMax: 100_000, totalOfflineMax: 1_000_000, maxHoursSinceSync: 24 };
    const t = await enrollTill(central.server, central.cleanup, seed.resellerId, limits, { reserveSize: 60 });
    await syncOk(t);
    expect((await call<CardReserveState>(t.s, 'cards.reserve')).free).toBe(60);
    await goOffline(t);
    const clerkId = t.s.terminal.session.state().clerk!.id;
    const dataDir = t.s.terminal.ledger.db.name.replace(/[/\\][^/\\]+$/, '');
    await t.s.close();

    for (let k = 1; k <= KILLS; k++) expect(await drawThenKill(dataDir, clerkId, 2 + k)).toBe(2 + k);

    const s = await openTerminal(dataDir);
    central.cleanup.push(() => s.close());
    const db = s.terminal.ledger.db;
    const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
    const reserveLeft = count('SELECT count(*) AS n FROM card_reserve');
    const cards = count('SELECT count(*) AS n FROM cards');
    // Every pair is in exactly one place: still in the reserve, or a card with its PIN.
    expect(reserveLeft + cards).toBe(60);
    expect(count('SELECT count(*) AS n FROM card_pins')).toBe(cards);
    expect(count('SELECT count(*) AS n FROM cards WHERE id IN (SELECT id FROM card_reserve)')).toBe(0);
    // Each drawn card belongs to exactly one queued batch command, which names exactly its cards.
    const batches = db.prepare("SELECT id, payload FROM outbox WHERE type = 'card.batch'").all() as {
      id: string;
      payload: string;
    }[];
    expect(batches.length).toBeGreaterThanOrEqual(3 + 4 + 5);
    let named = 0;
    for (const b of batches) {
      const ids = (JSON.parse(b.payload) as { cardIds: string[] }).cardIds;
      const local = (
        db.prepare('SELECT id FROM cards WHERE batch_command_id = ?').all(b.id) as { id: string }[]
      ).map((r) => r.id);
      expect(local.sort()).toEqual([...ids].sort());
      named += ids.length;
    }
    expect(named).toBe(cards);
    // The offline window numbered each batch once, and the books hold its debit once.
    expect(count('SELECT count(*) AS n FROM offline_decisions')).toBe(batches.length);
    expect(s.terminal.ledger.balanceView().pendingDebits).toBe(cards * 100);
  });
});
