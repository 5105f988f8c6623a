import { judgeOfflineWindow, MAX_CLOCK_DRIFT_MS } from '../../core/offline/offline-window';
import type { FloorLimits, OfflineClaim, RejectReason } from '../../core/sync/protocol';

/** What an offline command (a sale, a card batch) brings to its decision: its claim and what the server holds for it. */
export interface OfflineContext {
  readonly claim: OfflineClaim;
  /** The limits of the version the claim names, or null when the server never published that version. */
  readonly limits: FloorLimits | null;
  /** When the next limits version replaced the one the claim names, ms (null while current). */
  readonly limitsSupersededAtMs: number | null;
  /** When the terminal was enrolled, ms: no honest claim names a sync before it. */
  readonly enrolledAtMs: number;
  /** The offline window's exposure before this command, over the offline decisions the server has of this terminal. */
  readonly exposure: number;
  /** The latest sync stamp the server handed this terminal, ms. */
  readonly lastSyncStampMs: number;
  /** How far below zero offline decisions may take the reseller's balance (the reseller-wide hard cap). */
  readonly hardCap: number;
}

/** A refusal with a stable reason. */
export interface ClaimRefusal {
  readonly ok: false;
  readonly reason: RejectReason;
  readonly message: string;
}

const refuse = (reason: RejectReason, message: string): ClaimRefusal => ({ ok: false, reason, message });

/**
 * The claim's footing, before any amount: a limits version the server published, a sync it stamped, after the
 * terminal's enrolment, with limits not replaced before that sync. Answers the claimed sync time (ms) or a refusal.
 */
export function checkClaimBasis(o: OfflineContext): { ok: true; lastSyncAtMs: number } | ClaimRefusal {
  if (!o.limits)
    return refuse('unknown_version', `floor limits version ${o.claim.limitsVersion} was never published`);
  const lastSyncAtMs = Date.parse(o.claim.lastSyncAt);
  if (lastSyncAtMs > o.lastSyncStampMs)
    return refuse('invalid_command', 'the offline claim names a sync the server never stamped');
  if (lastSyncAtMs < o.enrolledAtMs - MAX_CLOCK_DRIFT_MS)
    return refuse('invalid_command', 'the offline claim names a sync from before the terminal was enrolled');
  if (isStale(o.limitsSupersededAtMs, lastSyncAtMs)) {
    return refuse(
      'unknown_version',
      `floor limits version ${o.claim.limitsVersion} was replaced before the sync the claim names`,
    );
  }
  return { ok: true, lastSyncAtMs };
}

/** At its last sync the terminal had every version published before it: one replaced by then cannot be in use. */
export function isStale(supersededAtMs: number | null, lastSyncAtMs: number): boolean {
  return supersededAtMs !== null && supersededAtMs < lastSyncAtMs - MAX_CLOCK_DRIFT_MS;
}

/**
 * The amount against the offline window (the rule the terminal applied, core/offline/offline-window.ts) and the
 * reseller's hard cap on offline debt. `amount` is what the window counts (a sale's retail, a card batch's face
 * value); `balanceAfter` the reseller's credits once this command is applied.
 */
export function checkClaimExposure(
  o: OfflineContext,
  c: {
    readonly amount: number;
    readonly createdAtMs: number;
    readonly lastSyncAtMs: number;
    readonly balanceAfter: number;
  },
): { ok: true } | ClaimRefusal {
  const window = judgeOfflineWindow({
    retailAmount: c.amount,
    limits: o.limits!,
    exposure: o.exposure,
    saleAtMs: c.createdAtMs,
    lastSyncAtMs: c.lastSyncAtMs,
  });
  if (!window.ok) return refuse('floor_limit_exceeded', window.message);
  if (c.balanceAfter < -o.hardCap) {
    return refuse(
      'floor_limit_exceeded',
      `offline decisions would take the reseller below -${o.hardCap}, the hard cap of its terminals`,
    );
  }
  return { ok: true };
}
