import type { SaleStatus, SaleVoidPayload, SaleVoidResult } from '../../core/sync/protocol';
import { uuidv7 } from '../../core/uuidv7';
import type { Queryable } from '../db/database';
import { toMinor } from '../db/sql-values';
import type { PostingLine } from '../ledger/entry-balance';
import {
  reject,
  type BatchState,
  type CommandDecider,
  type KnownSale,
  type ParsedCommand,
  type Verdict,
} from './push-batch';
import { decideSaleVoid, reversalLines } from './sale-void-decision';

/**
 * `sale.void`: reverses a purchased sale its own terminal refused at the counter (stored, or created earlier in this
 * batch), or records a tombstone when this reseller has no such sale so that sale can never be created later.
 */
export class SaleVoidDecider implements CommandDecider<SaleVoidPayload> {
  async load(state: BatchState, commands: readonly ParsedCommand<SaleVoidPayload>[]): Promise<void> {
    if (commands.length === 0) return;
    const { tx } = state;
    const { resellerId } = state.terminal;
    const ids = [...new Set(commands.map((c) => c.payload.saleId.toLowerCase()))];
    const voided = await tx.query<{ sale_id: string }>(
      'SELECT sale_id FROM sale_voids WHERE reseller_id = $1 AND sale_id = ANY($2::uuid[])',
      [resellerId, ids],
    );
    for (const v of voided) {
      state.voidedSaleIds.add(v.sale_id);
      state.usedSaleIds.add(v.sale_id);
    }
    for (const [id, sale] of await loadVoidableSales(tx, resellerId, ids)) state.knownSales.set(id, sale);
  }

  decide(state: BatchState, { command, id, payload }: ParsedCommand<SaleVoidPayload>): Verdict {
    const w = state.writes;
    const { reseller } = state;
    const saleId = payload.saleId.toLowerCase();
    const sale = state.knownSales.get(saleId) ?? null;
    const decision = decideSaleVoid(sale, {
      terminalId: state.terminal.terminalId,
      createdAtMs: Date.parse(command.createdAt),
      nowMs: state.nowMs,
    });
    if (decision.kind === 'reject') return reject(decision.reason, decision.message);
    if (decision.kind === 'nothing' || !sale) {
      if (!state.voidedSaleIds.has(saleId)) {
        state.voidedSaleIds.add(saleId);
        state.usedSaleIds.add(saleId);
        w.saleVoids.push({ saleId, commandId: id, voided: false });
      }
      const nothing: SaleVoidResult = { saleId, voided: false, resellerBalance: state.balance };
      return { status: 'applied', result: nothing };
    }
    const lines = reversalLines(sale.entryLines);
    w.entries.push({ id: uuidv7(), kind: 'sale_void', commandId: id, memo: sale.view.saleNumber, lines });
    for (const l of lines) if (l.accountId === reseller.creditAccountId) state.balance += l.amount;
    sale.status = 'refunded';
    sale.grantRemaining = 0;
    if (sale.pending) {
      sale.pending.sale.status = 'refunded';
      sale.pending.grant.remaining = 0;
    } else {
      w.refundedSales.push({ saleId, grantId: sale.grantId });
    }
    if (!state.voidedSaleIds.has(saleId)) {
      state.voidedSaleIds.add(saleId);
      w.saleVoids.push({ saleId, commandId: id, voided: true });
    }
    w.changes.push({ kind: 'sale', data: { ...sale.view, status: 'refunded' } });
    const result: SaleVoidResult = { saleId, voided: true, resellerBalance: state.balance };
    return { status: 'applied', result };
  }
}

/**
 * Loads the stored sales of this reseller that `sale.void` commands name, with their grant and their entry's postings.
 * Another reseller's sale is simply not found.
 */
export async function loadVoidableSales(
  tx: Queryable,
  resellerId: string,
  saleIds: readonly string[],
): Promise<Map<string, KnownSale>> {
  const out = new Map<string, KnownSale>();
  if (saleIds.length === 0) return out;
  const rows = await tx.query<{
    id: string;
    sale_number: string;
    terminal_id: string;
    status: SaleStatus;
    offline: boolean;
    customer_account: string;
    package_id: string;
    quantity: number;
    retail_amount: unknown;
    wholesale_amount: unknown;
    currency: string;
    created_at: Date | string;
    received_at: Date | string;
    entry_id: string;
    grant_id: string;
    grant_amount: unknown;
    grant_remaining: unknown;
  }>(
    `SELECT s.id, s.sale_number, s.terminal_id, s.status, s.offline, s.customer_account, s.package_id, s.quantity,
            s.retail_amount, s.wholesale_amount, s.currency, s.created_at, s.received_at, s.entry_id, s.grant_id,
            g.amount AS grant_amount, g.remaining AS grant_remaining
       FROM sales s JOIN grants g ON g.reseller_id = s.reseller_id AND g.id = s.grant_id
      WHERE s.reseller_id = $1 AND s.id = ANY($2::uuid[])`,
    [resellerId, saleIds],
  );
  if (rows.length === 0) return out;
  const postings = await tx.query<{
    entry_id: string;
    account_id: string;
    amount: unknown;
    currency: string;
  }>(
    `SELECT entry_id, account_id, amount, currency FROM postings
      WHERE reseller_id = $1 AND entry_id = ANY($2::uuid[]) ORDER BY entry_id, line`,
    [resellerId, rows.map((r) => r.entry_id)],
  );
  const linesByEntry = new Map<string, PostingLine[]>();
  for (const p of postings) {
    const lines = linesByEntry.get(p.entry_id) ?? [];
    lines.push({ accountId: p.account_id, amount: toMinor(p.amount), currency: p.currency });
    linesByEntry.set(p.entry_id, lines);
  }
  for (const r of rows) {
    const createdAt = new Date(r.created_at);
    out.set(r.id, {
      status: r.status,
      terminalId: r.terminal_id,
      offline: r.offline,
      createdAtMs: createdAt.getTime(),
      receivedAtMs: new Date(r.received_at).getTime(),
      grantId: r.grant_id,
      grantAmount: toMinor(r.grant_amount),
      grantRemaining: toMinor(r.grant_remaining),
      entryLines: linesByEntry.get(r.entry_id) ?? [],
      view: {
        saleId: r.id,
        saleNumber: r.sale_number,
        terminalId: r.terminal_id,
        status: r.status,
        customerAccount: r.customer_account,
        packageId: r.package_id,
        quantity: Number(r.quantity),
        retailAmount: toMinor(r.retail_amount),
        wholesaleAmount: toMinor(r.wholesale_amount),
        currency: r.currency,
        createdAt: createdAt.toISOString(),
      },
      pending: null,
    });
  }
  return out;
}
