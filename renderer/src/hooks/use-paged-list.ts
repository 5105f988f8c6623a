import { useCallback, useEffect, useRef, useState } from 'react';
import { on } from '../contract/contract-client';
import { errorText } from '../errors/error-text';

/** One page of a newest-first list and the cursor of the next. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly next: string | null;
}

/**
 * A paged list read through the contract: loads the first page whenever `fetchPage` changes (i.e. its filters) and
 * again when a sync round ends (the data may have changed), and appends pages on `loadMore`.
 */
export function usePagedList<T>(fetchPage: (before: string | null) => Promise<Page<T>>) {
  const [items, setItems] = useState<readonly T[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Answers can arrive out of order (a slow page for old filters, "Load more" racing a reload): only the
  // latest request may change the list.
  const latest = useRef(0);

  const load = useCallback(
    (before: string | null) => {
      const ticket = ++latest.current;
      fetchPage(before)
        .then((page) => {
          if (ticket !== latest.current) return;
          setItems((cur) => (before ? [...cur, ...page.items] : page.items));
          setNext(page.next);
          setError(null);
        })
        .catch((err: unknown) => {
          if (ticket === latest.current) setError(errorText(err));
        });
    },
    [fetchPage],
  );

  useEffect(() => {
    load(null);
    return on('app.status', (s) => {
      if (!s.syncing) load(null);
    });
  }, [load]);

  return { items, next, error, reload: () => load(null), loadMore: () => load(next) };
}
