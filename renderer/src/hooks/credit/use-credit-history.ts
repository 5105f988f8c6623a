import { useCallback, useRef, useState } from 'react';
import type { WalletHistoryCsvPiece, WalletHistoryItem } from '../../../../core/contract/types/wallet';
import { call } from '../../contract/contract-client';
import { errorText } from '../../errors/error-text';
import { useAppStore } from '../../store/app-store';
import { usePagedList } from '../use-paged-list';

/** The history's filters as the screen holds them: a journal kind and a UTC range [from, to), each optional. */
export interface CreditHistoryFilter {
  readonly kind?: string;
  readonly from?: string;
  readonly to?: string;
}

/** Where a CSV export stands. */
export type CsvExport =
  | { readonly phase: 'idle' }
  | { readonly phase: 'running'; readonly rows: number }
  | { readonly phase: 'done'; readonly rows: number; readonly csv: string }
  | { readonly phase: 'failed'; readonly error: string };

/** The credit account's movements, paged and filtered, with a CSV export of the same filter. */
export interface CreditHistory {
  readonly items: readonly WalletHistoryItem[];
  readonly next: string | null;
  readonly error: string | null;
  /** True when the terminal is offline and rows are shown from before. */
  readonly stale: boolean;
  loadMore(): void;
  reload(): void;
  readonly csv: CsvExport;
  /** Reads the whole filtered history piece by piece (one server page per call) into CSV text. */
  exportCsv(): Promise<string | null>;
  /** Stops an export in progress after its current piece. */
  cancelExport(): void;
}

/** Drops empty filters (the contract wants them absent). */
function present(filter: CreditHistoryFilter): CreditHistoryFilter {
  return Object.fromEntries(
    Object.entries(filter).filter(([, v]) => v !== undefined && v !== ''),
  ) as CreditHistoryFilter;
}

/**
 * The wallet's history (`wallet.history`, manager, online) with the existing paged-list hook: first page when the
 * filter changes and after each sync round, "load more" appends. Offline, the rows already shown stay, marked stale.
 */
export function useCreditHistory(filter: CreditHistoryFilter, pageSize = 50): CreditHistory {
  const { kind, from, to } = filter;
  const fetchPage = useCallback(
    (before: string | null) =>
      call('wallet.history', { ...present({ kind, from, to }), before, limit: pageSize }).then((p) => ({
        items: p.items,
        next: p.next,
      })),
    [kind, from, to, pageSize],
  );
  const list = usePagedList(fetchPage);
  const online = useAppStore((s) => s.status?.online ?? true);
  const [csv, setCsv] = useState<CsvExport>({ phase: 'idle' });
  const cancelled = useRef(false);

  const exportCsv = useCallback(async (): Promise<string | null> => {
    cancelled.current = false;
    let text = '';
    let rows = 0;
    let cursor: string | null = null;
    setCsv({ phase: 'running', rows });
    try {
      do {
        const piece: WalletHistoryCsvPiece = await call('wallet.historyCsv', {
          ...present({ kind, from, to }),
          cursor,
        });
        text += piece.csv;
        rows += piece.rows;
        cursor = piece.next;
        setCsv({ phase: 'running', rows });
        if (cancelled.current) {
          setCsv({ phase: 'idle' });
          return null;
        }
      } while (cursor !== null);
      setCsv({ phase: 'done', rows, csv: text });
      return text;
    } catch (err) {
      setCsv({ phase: 'failed', error: errorText(err) });
      return null;
    }
  }, [kind, from, to]);

  return {
    items: list.items,
    next: list.next,
    error: list.error,
    stale: !online && list.items.length > 0,
    loadMore: list.loadMore,
    reload: list.reload,
    csv,
    exportCsv,
    cancelExport: () => {
      cancelled.current = true;
    },
  };
}
