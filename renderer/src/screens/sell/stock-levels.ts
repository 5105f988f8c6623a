import { useCallback, useEffect, useMemo, useState } from 'react';
import type { StockItem, StockOverview } from '../../../../core/contract/types/stock';
import { call, on } from '../../contract/contract-client';

/** This terminal's stock per package, reloaded after each sale (`version`) and each finished sync. */
export function useStockLevels(version: number): {
  readonly overview: StockOverview | null;
  readonly byPackage: ReadonlyMap<string, StockItem>;
  readonly reload: () => void;
} {
  const [overview, setOverview] = useState<StockOverview | null>(null);
  const reload = useCallback(() => {
    call('stock.levels', {})
      .then(setOverview)
      .catch(() => setOverview(null));
  }, []);
  useEffect(() => {
    reload();
  }, [reload, version]);
  useEffect(
    () =>
      on('app.status', (s) => {
        if (!s.syncing) reload();
      }),
    [reload],
  );
  const byPackage = useMemo(
    () => new Map((overview?.items ?? []).map((i) => [i.packageId, i] as const)),
    [overview],
  );
  return { overview, byPackage, reload };
}
