import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../main/app/app-services';
import type { OutboxCommand } from '../../../core/sync/protocol';
import { uuidv7 } from '../../../core/uuidv7';
import { fakeEnrollAndPull } from './support/local-terminal';
import { openTerminal, tempDir } from './support/terminal-harness';

/**
 * The Sync screen's command list (LocalLedger.listCommands / describeCommand) over every state a command can be in:
 * pending, applied, rejected, quarantined; paged newest first; each command type summarised in one line.
 */

const opened: { services: AppServices; dir: string }[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) {
    await o.services.close().catch(() => undefined);
    rmSync(o.dir, { recursive: true, force: true });
  }
});

async function terminal(): Promise<AppServices> {
  const dir = tempDir('command-list');
  const services = await openTerminal(dir);
  opened.push({ services, dir });
  fakeEnrollAndPull(services, 10_000);
  return services;
}

function command(type: string, payload: unknown): OutboxCommand {
  return { id: uuidv7(), type, payload, createdAt: new Date().toISOString(), clerkId: null, offline: false };
}

describe('the Sync screen command list', () => {
  it('summarises each command type in one line, pending or acknowledged', async () => {
    const services = await terminal();
    const { ledger } = services.terminal;
    const saleId = uuidv7();
    const cmds = [
      command('sale.void', { saleId, reason: 'refused_at_counter' }),
      command('card.batch', { cardIds: [uuidv7(), uuidv7(), uuidv7()] }),
      command('card.batch', { cardIds: 'broken' }),
      command('card.redeem', { customerAccount: '+4470000001' }),
      command('future.kind', { anything: 1 }),
    ];
    ledger.transaction(() => cmds.forEach((c) => ledger.writeCommand(c, 0, 0)));
    // A payload that is not JSON (written by hand, or damaged) still lists, by its type.
    const broken = command('sale.create', {});
    ledger.transaction(() => ledger.writeCommand(broken, 0, 0));
    ledger.db.prepare('UPDATE outbox SET payload = ? WHERE id = ?').run('{not json', broken.id);

    const summaries = ledger.listCommands('pending', 50, null).items.map((i) => i.summary);
    expect(summaries).toEqual([
      'sale.create',
      'future.kind',
      'Card redemption for +4470000001',
      'Card series from the PIN reserve: ? cards',
      'Card series from the PIN reserve: 3 cards',
      `Cancel refused sale ${saleId.slice(-8)} on the server`,
    ]);
    expect(ledger.describeCommand(cmds[1]!.id)).toBe('Card series from the PIN reserve: 3 cards');
    expect(ledger.describeCommand(uuidv7())).toBeNull();

    ledger.applyOutcomes([{ id: cmds[3]!.id, status: 'applied', result: null }]);
    expect(ledger.describeCommand(cmds[3]!.id)).toBe('Card redemption for +4470000001');
  });

  it('summarises stock given back by its quantity and the last 8 characters of the package id', async () => {
    const services = await terminal();
    const { ledger } = services.terminal;
    const packageId = uuidv7();
    const release = command('stock.release', { packageId, quantity: 4 });
    ledger.transaction(() => ledger.writeCommand(release, 0, 0));
    expect(ledger.describeCommand(release.id)).toBe(`Stock given back: 4 x ${packageId.slice(-8)}`);
  });

  it('lists a repeated outcome by what the first one decided: applied without a reason, rejected with one', async () => {
    const services = await terminal();
    const { ledger } = services.terminal;
    const [first, second] = [0, 1].map((i) => command('future.kind', { i }));
    ledger.transaction(() => [first, second].forEach((c) => ledger.writeCommand(c!, 0, 0)));
    ledger.applyOutcomes([
      { id: first!.id, status: 'duplicate', original: 'applied', result: { ok: true } },
      { id: second!.id, status: 'duplicate', original: 'rejected' },
    ]);
    expect(ledger.listCommands('applied', 10, null).items).toEqual([
      expect.objectContaining({ id: first!.id, state: 'applied', reason: null, needsManager: false }),
    ]);
    expect(ledger.listCommands('rejected', 10, null).items).toEqual([
      expect.objectContaining({ id: second!.id, state: 'rejected', reason: 'forbidden' }),
    ]);
  });

  it('pages newest first with an opaque cursor, and stops when nothing is left', async () => {
    const services = await terminal();
    const { ledger } = services.terminal;
    const cmds = Array.from({ length: 5 }, (_, i) => command('future.kind', { i }));
    ledger.transaction(() => cmds.forEach((c) => ledger.writeCommand(c, 0, 0)));
    const first = ledger.listCommands('pending', 2, null);
    expect(first.items.map((i) => i.id)).toEqual([cmds[4]!.id, cmds[3]!.id]);
    expect(first.next).not.toBeNull();
    const second = ledger.listCommands('pending', 2, first.next);
    expect(second.items.map((i) => i.id)).toEqual([cmds[2]!.id, cmds[1]!.id]);
    const third = ledger.listCommands('pending', 2, second.next);
    expect(third.items.map((i) => i.id)).toEqual([cmds[0]!.id]);
    expect(third.next).toBeNull();
    expect(first.items[0]).toMatchObject({
      state: 'pending',
      attempts: 0,
      reason: null,
      ackedAt: null,
      needsManager: false,
    });
    // Counting attempts: nothing to count for an empty batch; a batch counts once for each of its rows.
    ledger.markAttempt([]);
    ledger.markAttempt(cmds.slice(0, 2));
    expect(ledger.listCommands('pending', 5, null).items.map((i) => i.attempts)).toEqual([0, 0, 0, 1, 1]);
  });

  it('lists applied, rejected and quarantined commands apart, marking the ones a manager must see', async () => {
    const services = await terminal();
    const { ledger } = services.terminal;
    const [applied, ordinary, dishonest, held] = [0, 1, 2, 3].map((i) => command('future.kind', { i }));
    ledger.transaction(() =>
      [applied, ordinary, dishonest, held].forEach((c) => ledger.writeCommand(c!, 0, 0)),
    );
    ledger.applyOutcomes([
      { id: applied!.id, status: 'applied', result: { ok: true } },
      {
        id: ordinary!.id,
        status: 'rejected',
        reason: 'insufficient_credits',
        message: 'Not enough credits.',
      },
      { id: dishonest!.id, status: 'rejected', reason: 'forbidden', message: 'Not yours.' },
      // Already acknowledged: an outcome for a command no longer in the outbox changes nothing.
      { id: uuidv7(), status: 'applied', result: null },
    ]);
    expect(ledger.quarantine(held!.id, 'invalid_command', 'The API refused the request.')).toBe(true);
    expect(ledger.quarantine(held!.id, 'invalid_command', 'again')).toBe(false);

    expect(ledger.listCommands('pending', 10, null).items).toEqual([]);
    expect(ledger.listCommands('applied', 10, null).items).toEqual([
      expect.objectContaining({
        id: applied!.id,
        state: 'applied',
        reason: null,
        message: null,
        needsManager: false,
      }),
    ]);
    const rejected = ledger.listCommands('rejected', 10, null).items;
    expect(rejected.map((r) => [r.id, r.reason, r.needsManager])).toEqual([
      [dishonest!.id, 'forbidden', true],
      [ordinary!.id, 'insufficient_credits', false],
    ]);
    expect(rejected[0]!.ackedAt).toEqual(expect.any(String));
    const quarantined = ledger.listCommands('quarantined', 10, null);
    expect(quarantined.items).toEqual([
      expect.objectContaining({
        id: held!.id,
        state: 'quarantined',
        reason: 'invalid_command',
        message: 'The API refused the request.',
        needsManager: true,
      }),
    ]);
    expect(quarantined.next).toBeNull();
  });
});
