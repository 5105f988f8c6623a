import type { FloorLimits } from '../../sync/protocol';

/** The enrolled terminal as the UI sees it (never the token). */
export interface TerminalInfo {
  readonly terminalId: string;
  readonly terminalName: string;
  readonly resellerId: string;
  readonly resellerName: string;
  readonly currency: string;
  readonly salePrefix: string;
  readonly serialPrefix: string;
  readonly floorLimits: FloorLimits;
  /** The version of `floorLimits` (offline sales name it). */
  readonly limitsVersion: number;
  readonly apiUrl: string;
  readonly enrolledAt: string;
}

/** What `terminal.state` answers: enrolled or not, and whether a one-click demo enrollment is offered. */
export interface TerminalState {
  readonly enrolled: boolean;
  readonly terminal: TerminalInfo | null;
  /** The launcher's central API (prefilled in the enrollment form), or null. */
  readonly defaultApiUrl: string | null;
  /** Demo enrollment: available when `defaultApiUrl` serves `/v1/demo`. */
  readonly demo: { readonly available: boolean; readonly resellerName: string | null };
}
