import type { OfflineHeadroom } from '../../../core/offline/floor-limit';
import { useAppStore } from '../store/app-store';

/**
 * What is left of the offline limits while the terminal is offline (and not blocked): the per-sale limit and the
 * total still allowed until it syncs. Null online, when blocked, or before the terminal and status are known.
 */
export function useOfflineHeadroom(): OfflineHeadroom | null {
  const status = useAppStore((s) => s.status);
  const limits = useAppStore((s) => s.terminal?.terminal?.floorLimits ?? null);
  if (!status || status.online || status.blocked || status.offlineAllowance === null || !limits) return null;
  return { perSaleMax: limits.perSaleMax, totalLeft: status.offlineAllowance };
}
