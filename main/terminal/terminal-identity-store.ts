import type { Database } from 'better-sqlite3';
import { AppError } from '../../core/app-error';
import type { TerminalInfo } from '../../core/contract/types/terminal';
import type { EnrollResponse } from '../../core/sync/protocol';
import {
  mergeBlock,
  TERMINAL_BLOCK_MESSAGES,
  type TerminalBlock,
  type TerminalBlockReason,
} from '../../core/terminal/terminal-block';
import type { SecretBox } from './secret-box';

interface IdentityRow {
  terminal_id: string;
  terminal_name: string;
  reseller_id: string;
  reseller_name: string;
  currency: string;
  sale_prefix: string;
  serial_prefix: string;
  floor_per_sale_max: number;
  floor_total_offline_max: number;
  floor_max_hours_since_sync: number;
  limits_version: number;
  api_url: string;
  token_blob: Buffer;
  token_box_kind: string;
  enrolled_at: string;
  blocked_reason: TerminalBlockReason | null;
  blocked_at: string | null;
}

/** The terminal as the app sees it (everything but the token). */
function toInfo(r: IdentityRow): TerminalInfo {
  return {
    terminalId: r.terminal_id,
    terminalName: r.terminal_name,
    resellerId: r.reseller_id,
    resellerName: r.reseller_name,
    currency: r.currency,
    salePrefix: r.sale_prefix,
    serialPrefix: r.serial_prefix,
    floorLimits: {
      perSaleMax: r.floor_per_sale_max,
      totalOfflineMax: r.floor_total_offline_max,
      maxHoursSinceSync: r.floor_max_hours_since_sync,
    },
    limitsVersion: r.limits_version,
    apiUrl: r.api_url,
    enrolledAt: r.enrolled_at,
  };
}

/** The row's block, or null when the terminal is not blocked. */
function toBlock(r: IdentityRow): TerminalBlock | null {
  if (!r.blocked_reason) return null;
  return {
    reason: r.blocked_reason,
    message: TERMINAL_BLOCK_MESSAGES[r.blocked_reason],
    since: r.blocked_at ?? r.enrolled_at,
  };
}

/** Reads and writes the terminal identity row; the token goes in and out only through the SecretBox. */
/** What every read that needs an enrolled terminal answers before enrollment. */
export function notEnrolled(): AppError {
  return new AppError('not_enrolled', 'This terminal is not enrolled yet.');
}

export class TerminalIdentityStore {
  private readonly selectRow;
  private readonly insertRow;
  private readonly updateApiUrl;
  private readonly updateBlock;

  constructor(
    private readonly db: Database,
    private readonly box: SecretBox,
  ) {
    this.selectRow = db.prepare('SELECT * FROM terminal_identity WHERE singleton = 1');
    this.insertRow = db.prepare(
      `INSERT INTO terminal_identity (singleton, terminal_id, terminal_name, reseller_id, reseller_name, currency,
         sale_prefix, serial_prefix, floor_per_sale_max, floor_total_offline_max, floor_max_hours_since_sync, api_url,
         token_blob, token_box_kind, enrolled_at, limits_version) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.updateApiUrl = db.prepare('UPDATE terminal_identity SET api_url = ? WHERE singleton = 1');
    this.updateBlock = db.prepare(
      'UPDATE terminal_identity SET blocked_reason = ?, blocked_at = ? WHERE singleton = 1',
    );
  }

  /** The enrolled terminal, or null before enrollment. */
  get(): TerminalInfo | null {
    const r = this.selectRow.get() as IdentityRow | undefined;
    return r ? toInfo(r) : null;
  }

  /** The enrolled terminal (null before enrollment) and its block (null when none), from one read of the row. */
  state(): { readonly terminal: TerminalInfo | null; readonly block: TerminalBlock | null } {
    const r = this.selectRow.get() as IdentityRow | undefined;
    return r ? { terminal: toInfo(r), block: toBlock(r) } : { terminal: null, block: null };
  }

  /** The enrolled terminal and its block (null when none), from one read of the row; `not_enrolled` before enrollment. */
  requireState(): { readonly terminal: TerminalInfo; readonly block: TerminalBlock | null } {
    const r = this.selectRow.get() as IdentityRow | undefined;
    if (!r) throw notEnrolled();
    return { terminal: toInfo(r), block: toBlock(r) };
  }

  /** The enrolled terminal, or an AppError `not_enrolled`. */
  require(): TerminalInfo {
    const t = this.get();
    if (!t) throw notEnrolled();
    return t;
  }

  /** Decrypts the API token (kept in memory only by the caller). */
  token(): string {
    const r = this.selectRow.get() as IdentityRow | undefined;
    if (!r) throw notEnrolled();
    if (r.token_box_kind !== this.box.kind) {
      throw new AppError(
        'token_unreadable',
        `The terminal token was sealed by ${r.token_box_kind}; re-enroll this terminal.`,
      );
    }
    return this.box.decrypt(r.token_blob);
  }

  /** Changes the central API address the terminal talks to (already validated and normalized). */
  setApiUrl(apiUrl: string): void {
    if (this.updateApiUrl.run(apiUrl).changes === 0) throw notEnrolled();
  }

  /** Why the central API no longer serves this terminal, or null while it is in good standing. */
  block(): TerminalBlock | null {
    const r = this.selectRow.get() as IdentityRow | undefined;
    return r ? toBlock(r) : null;
  }

  /**
   * Records that the API refused the terminal for `reason` (a revocation is kept whatever comes later); keeps the
   * first time a reason was seen. Answers true when the stored state changed.
   */
  setBlock(reason: TerminalBlockReason, now: string): boolean {
    const r = this.selectRow.get() as IdentityRow | undefined;
    if (!r) return false;
    const next = mergeBlock(r.blocked_reason, reason);
    if (next === r.blocked_reason) return false;
    this.updateBlock.run(next, now);
    return true;
  }

  /** Clears the blocked state (the caller decided it is lifted). Answers true when there was one. */
  clearBlock(): boolean {
    const r = this.selectRow.get() as IdentityRow | undefined;
    if (!r?.blocked_reason) return false;
    this.updateBlock.run(null, null);
    return true;
  }

  /** Stores a fresh enrollment (token encrypted); refuses if already enrolled. */
  save(apiUrl: string, e: EnrollResponse, now: string): void {
    if (this.selectRow.get()) throw new AppError('already_enrolled', 'This terminal is already enrolled.');
    this.insertRow.run(
      e.terminalId,
      e.terminalName,
      e.reseller.id,
      e.reseller.name,
      e.reseller.currency,
      e.salePrefix,
      e.serialPrefix,
      e.floorLimits.perSaleMax,
      e.floorLimits.totalOfflineMax,
      e.floorLimits.maxHoursSinceSync,
      apiUrl,
      this.box.encrypt(e.token),
      this.box.kind,
      now,
      e.limitsVersion,
    );
  }
}
