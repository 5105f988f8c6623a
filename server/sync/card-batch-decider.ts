import { MAX_CLOCK_DRIFT_MS } from '../../core/offline/offline-window';
import { parseSerial } from '../../core/cards/card-serial';
import type { CardBatchPayload, CardBatchResult } from '../../core/sync/protocol';
import { uuidv7 } from '../../core/uuidv7';
import { ensureCardLiabilityAccount } from '../cards/card-liability';
import { checkClaimBasis, checkClaimExposure } from './offline-claim-decision';
import { reject, type BatchState, type CommandDecider, type ParsedCommand, type Verdict } from './push-batch';

/** A reserve pair the pushing terminal holds, as loaded for the batch. */
interface HeldPair {
  readonly serial: string;
  readonly pinLength: number;
}

/**
 * `card.batch`: a series the terminal drew from its PIN reserve (offline, or online without minting), activating
 * those pairs as new cards and moving their face value from the reseller's credits into its card liability account.
 * Offline, the face value counts against the same offline window as sales, judged by the rule the terminal applied.
 */
export class CardBatchDecider implements CommandDecider<CardBatchPayload> {
  private readonly held = new Map<string, HeldPair>();
  private readonly usedCardIds = new Set<string>();
  private readonly usedSeriesIds = new Set<string>();
  private liabilityId = '';

  async load(state: BatchState, commands: readonly ParsedCommand<CardBatchPayload>[]): Promise<void> {
    if (commands.length === 0) return;
    const { tx, terminal, reseller } = state;
    const ids = [...new Set(commands.flatMap((c) => c.payload.cardIds.map((id) => id.toLowerCase())))];
    const rows = await tx.query<{ id: string; serial: string; pin_length: number }>(
      `SELECT id, serial, pin_length FROM card_reserve
        WHERE reseller_id = $1 AND terminal_id = $2 AND id = ANY($3::uuid[])`,
      [terminal.resellerId, terminal.terminalId, ids],
    );
    for (const r of rows) this.held.set(r.id, { serial: r.serial, pinLength: Number(r.pin_length) });
    const series = await tx.query<{ id: string }>(
      'SELECT id FROM card_series WHERE reseller_id = $1 AND id = ANY($2::uuid[])',
      [terminal.resellerId, commands.map((c) => c.payload.seriesId.toLowerCase())],
    );
    for (const r of series) this.usedSeriesIds.add(r.id);
    this.liabilityId = await ensureCardLiabilityAccount(tx, terminal.resellerId, reseller.currency);
  }

  decide(state: BatchState, { command, id, payload }: ParsedCommand<CardBatchPayload>): Verdict {
    const { terminal, reseller } = state;
    const createdAtMs = Date.parse(command.createdAt);
    if (!(createdAtMs <= state.nowMs + MAX_CLOCK_DRIFT_MS))
      return reject('invalid_command', 'the batch is dated in the future (check the terminal clock)');
    if (payload.currency !== reseller.currency)
      return reject('currency_mismatch', `batch in ${payload.currency}, reseller in ${reseller.currency}`);
    if (!(Date.parse(payload.expiresAt) > createdAtMs))
      return reject('invalid_payload', 'the expiry date of a series must be after it was made');
    const seriesId = payload.seriesId.toLowerCase();
    if (this.usedSeriesIds.has(seriesId)) return reject('invalid_payload', 'this series id is already used');
    const ids = payload.cardIds.map((c) => c.toLowerCase());
    if (new Set(ids).size !== ids.length)
      return reject('invalid_payload', 'a card appears twice in the batch');
    const pairs: HeldPair[] = [];
    for (const cardId of ids) {
      const pair = this.held.get(cardId);
      if (!pair || this.usedCardIds.has(cardId))
        return reject('reserve_card_unknown', `card ${cardId} is not a reserve pair this terminal holds`);
      pairs.push(pair);
    }
    const parsed = pairs.map((p) => parseSerial(p.serial));
    const prefix = parsed[0]?.prefix;
    if (
      parsed.some((p) => !p || p.prefix !== prefix) ||
      pairs.some((p) => p.pinLength !== pairs[0]!.pinLength)
    )
      return reject('invalid_payload', 'the cards of a batch share one series prefix and PIN length');
    const total = payload.amount * ids.length;
    if (!Number.isSafeInteger(total))
      return reject('invalid_payload', 'the face value of this batch is too large');

    const claim = command.offlineClaim ?? null;
    if (claim) {
      if (state.offline.has(claim.seq))
        return reject('invalid_command', `offline decision ${claim.seq} of this terminal was already used`);
      const o = state.offline.context(claim, terminal);
      const basis = checkClaimBasis(o);
      if (!basis.ok) return reject(basis.reason, basis.message);
      const exposure = checkClaimExposure(o, {
        amount: total,
        createdAtMs,
        lastSyncAtMs: basis.lastSyncAtMs,
        balanceAfter: state.balance - total,
      });
      if (!exposure.ok) return reject(exposure.reason, exposure.message);
    } else if (state.balance - total < 0) {
      return reject('insufficient_credits', 'reseller credit balance is too low for this series');
    }

    const entryId = uuidv7();
    state.writes.entries.push({
      id: entryId,
      kind: 'card_series',
      commandId: id,
      memo: `series ${prefix!} x${ids.length} (reserve)`,
      lines: [
        { accountId: reseller.creditAccountId, amount: -total, currency: reseller.currency },
        { accountId: this.liabilityId, amount: total, currency: reseller.currency },
      ],
    });
    state.writes.cardBatches.push({
      seriesId,
      cardIds: ids,
      prefix: prefix!,
      firstNumber: Math.min(...parsed.map((p) => p!.number)),
      pinLength: pairs[0]!.pinLength,
      amount: payload.amount,
      currency: payload.currency,
      expiresAt: payload.expiresAt,
      grantValidityDays: payload.grantValidityDays,
      entryId,
      offlineSeq: claim?.seq ?? null,
    });
    for (const cardId of ids) this.usedCardIds.add(cardId);
    this.usedSeriesIds.add(seriesId);
    state.balance -= total;
    if (claim) state.offline.add(claim.seq, total);
    const result: CardBatchResult = {
      seriesId,
      quantity: ids.length,
      totalValue: total,
      entryId,
      resellerBalance: state.balance,
    };
    return { status: 'applied', result };
  }
}
