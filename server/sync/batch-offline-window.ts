import { OfflineWindowIndex } from '../../core/offline/offline-window';
import type { OfflineClaim } from '../../core/sync/protocol';
import type { Queryable } from '../db/database';
import { toMinor } from '../db/sql-values';
import { loadLimitsVersions, offlineHardCap, type LimitsVersion } from '../terminals/terminal-limits';
import type { OfflineContext } from './offline-claim-decision';

/**
 * The pushing terminal's offline window as the server holds it for one batch: every offline decision it has of that
 * terminal (sales and card batches, stored or applied earlier in the batch), the limits versions the batch's claims
 * name, and the reseller-wide hard cap. Shared by every command type, so a card batch and a sale count against the
 * same window, as they did on the terminal.
 */
export class BatchOfflineWindow {
  private readonly index = new OfflineWindowIndex();
  private readonly limits = new Map<number, LimitsVersion>();
  private hardCap = 0;

  /** Loads what the claims need (nothing when the batch has none). */
  async load(
    tx: Queryable,
    terminal: { readonly resellerId: string; readonly terminalId: string },
    claims: readonly OfflineClaim[],
  ): Promise<void> {
    if (claims.length === 0) return;
    const { resellerId, terminalId } = terminal;
    for (const [v, l] of await loadLimitsVersions(
      tx,
      resellerId,
      terminalId,
      claims.map((c) => c.limitsVersion),
    ))
      this.limits.set(v, l);
    const from = Math.min(...claims.map((c) => c.windowStart));
    const to = Math.max(...claims.map((c) => c.seq));
    const rows = await tx.query<{ seq: unknown; amount: unknown }>(
      `SELECT offline_seq AS seq, retail_amount AS amount FROM sales
        WHERE reseller_id = $1 AND terminal_id = $2 AND offline_seq >= $3 AND offline_seq <= $4
       UNION ALL
       SELECT offline_seq, amount * quantity FROM card_series
        WHERE reseller_id = $1 AND terminal_id = $2 AND offline_seq >= $3 AND offline_seq <= $4`,
      [resellerId, terminalId, from, to],
    );
    for (const r of rows) this.index.add({ seq: toMinor(r.seq), retailAmount: toMinor(r.amount) });
    this.hardCap = await offlineHardCap(tx, resellerId);
  }

  /** True when the terminal's decision `seq` is already known (stored, or applied earlier in the batch). */
  has(seq: number): boolean {
    return this.index.has(seq);
  }

  /** Counts an applied offline decision for the commands after it in the batch. */
  add(seq: number, amount: number): void {
    this.index.add({ seq, retailAmount: amount });
  }

  /** What the decision rules need for one claim. */
  context(
    claim: OfflineClaim,
    terminal: { readonly enrolledAtMs: number; readonly lastSyncAtMs: number },
  ): OfflineContext {
    const limits = this.limits.get(claim.limitsVersion) ?? null;
    return {
      claim,
      limits: limits?.limits ?? null,
      limitsSupersededAtMs: limits?.supersededAtMs ?? null,
      enrolledAtMs: terminal.enrolledAtMs,
      exposure: this.index.exposure(claim.windowStart, claim.seq),
      lastSyncStampMs: terminal.lastSyncAtMs,
      hardCap: this.hardCap,
    };
  }
}
