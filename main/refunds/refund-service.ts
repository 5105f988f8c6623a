import { AppError } from '../../core/app-error';
import type { SaleRefundResult } from '../../core/contract/types/sales';
import type { RefundAllowance } from '../../core/sales/refund-schemas';
import { businessStatusOf } from '../../core/sales/sale-view';
import { uuidv7 } from '../../core/uuidv7';
import { ApiClientError } from '../api-client/api-error';
import { onlineCall } from '../api-client/online-call';
import type { TerminalApiClient } from '../api-client/terminal-api-client';
import type { Clock } from '../ledger/ledger-types';
import type { RefundStore } from './refund-store';
import { notEnrolled } from '../terminal/terminal-identity-store';

/** Refusals the central API answers when nothing happened, so a refund id may be forgotten. */
const DEFINITIVE = new Set(['refund_refused', 'not_found', 'forbidden']);

/** What refunding needs. */
export interface RefundServiceDeps {
  readonly store: RefundStore;
  readonly api: () => TerminalApiClient | null;
  /** Pulls the feed right after, so the balance and the sale's status show at once. */
  readonly syncNow: () => Promise<unknown>;
  readonly clock: Clock;
}

/**
 * Refunds a sale through the central API (online only: the rule reads the customer's grant and the month's count as
 * the server holds them). The refund id is recorded before the first try and reused by every retry, so an answer lost
 * on the way can never refund twice; a refusal forgets it (nothing happened). The customer gets the sale's retail
 * amount back in cash; the reseller's credits get the wholesale cost back.
 */
export class RefundService {
  constructor(private readonly d: RefundServiceDeps) {}

  async refund(saleId: string, clerkId: string): Promise<SaleRefundResult> {
    const id = saleId.toLowerCase();
    const sale = this.d.store.sale(id);
    if (!sale) throw new AppError('not_found', 'No such sale on this terminal.');
    const prior = this.d.store.forSale(id);
    if (prior?.state === 'done') return this.result(prior.id, id);
    // A refund asked for before is finished with its id, whatever the sale shows now (the server may have refunded
    // it and its answer was lost: the feed then says refunded).
    if (!prior) {
      const business = businessStatusOf(sale.status, sale.serverStatus);
      if (business === 'not_sold')
        throw new AppError('refund_refused', 'This sale did not go through: nothing to refund.');
      if (sale.status !== 'confirmed' && sale.status !== 'confirmed_after_refusal')
        throw new AppError(
          'refund_refused',
          'This sale has not reached the central API yet. Sync first, then refund it.',
          { condition: 'not_synced' },
        );
    }
    const api = this.d.api();
    if (!api) throw notEnrolled();
    const asked = this.d.store.request({
      id: uuidv7(),
      saleId: id,
      clerkId,
      // A sale refused at the counter that the server applied later was never paid for: no cash goes back.
      cashBack: sale.status === 'confirmed_after_refusal' ? 0 : sale.retailAmount,
      currency: sale.currency,
      at: new Date(this.d.clock()).toISOString(),
    });
    await this.send(api, asked.id, id);
    await this.d.syncNow().catch(() => undefined);
    return this.result(asked.id, id);
  }

  /**
   * Finishes refunds asked for whose answer never came, once the feed says their sale is refunded (after each sync
   * round): the same id again answers the first refund, which is then recorded (cash back, receipt, totals).
   */
  async reconcile(api: TerminalApiClient): Promise<void> {
    for (const r of this.d.store.requestedRefunded()) {
      await this.send(api, r.id, r.saleId).catch(() => undefined);
    }
  }

  /**
   * Sends a refund and records the answer. Only a definitive refusal by the central API itself forgets the id
   * (nothing happened there); anything else keeps it, so the next try reuses it and can never refund twice.
   */
  private async send(api: TerminalApiClient, refundId: string, saleId: string): Promise<void> {
    let answer;
    try {
      answer = await api.refundSale(saleId, refundId);
    } catch (err) {
      if (err instanceof ApiClientError && err.fromApi && DEFINITIVE.has(err.code)) {
        this.d.store.drop(refundId);
        throw err;
      }
      if (err instanceof ApiClientError)
        throw new AppError(
          'offline',
          'The central API did not answer the refund. Try again when online: it is finished with the same refund, never twice.',
        );
      throw err;
    }
    this.d.store.complete(refundId, saleId, {
      number: answer.refundNumber,
      creditsReturned: answer.amount,
      at: answer.refundedAt,
    });
  }

  /** The refunds used this month against the operator's limit (online; the server counts every terminal's). */
  allowance(): Promise<RefundAllowance> {
    return onlineCall(this.d.api, 'The refund counter', (api) => api.refundAllowance());
  }

  private result(refundId: string, saleId: string): SaleRefundResult {
    const r = this.d.store.forSale(saleId)!;
    const sale = this.d.store.sale(saleId)!;
    return {
      refundId,
      refundNumber: r.refundNumber!,
      saleId,
      saleNumber: sale.saleNumber,
      cashBack: r.cashBack,
      creditsReturned: r.creditsReturned!,
      currency: r.currency,
      refundedAt: r.refundedAt!,
    };
  }
}
