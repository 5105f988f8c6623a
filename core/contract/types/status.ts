import type { TerminalBlock } from '../../terminal/terminal-block';

/** The status bar's state: connection, sync progress and who is at the terminal. */
export interface AppStatus {
  /** Whether the last contact with the central API succeeded. */
  readonly online: boolean;
  /** Commands written locally and not yet acknowledged by the server. */
  readonly pendingCount: number;
  /** ISO time (UTC) of the last successful sync, or null. */
  readonly lastSyncAt: string | null;
  /** The last sync error's message (it names the address tried), or null. */
  readonly lastError: string | null;
  /** Why the central API no longer serves this terminal (no sales until it does), or null. */
  readonly blocked: TerminalBlock | null;
  /**
   * Set when this terminal's clock is further from the server's than offline sales allow (core/offline): says how far
   * and which way. Offline sales stop, and a clock ahead of the server's stops every sale, until it is fixed.
   */
  readonly clockWarning: string | null;
  /** True while a sync is under way. */
  readonly syncing: boolean;
  /** The enrolled terminal's name, or null before enrollment. */
  readonly terminalName: string | null;
  /** The signed-in clerk's name, or null. */
  readonly clerkName: string | null;
  /** True once the terminal is enrolled. */
  readonly enrolled: boolean;
  /** The reseller's currency, or null before enrollment. */
  readonly currency: string | null;
  /** Last pulled balance minus pending debits (minor units), or null before the first pull. */
  readonly availableBalance: number | null;
  /**
   * How much more can be sold offline in total now (retail, minor units): the total offline limit minus what is sold
   * offline and not yet synced; null if unknown. The per-sale limit is the terminal's `floorLimits.perSaleMax`.
   */
  readonly offlineAllowance: number | null;
}
