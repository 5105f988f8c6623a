import { useCallback, useEffect, useRef, useState } from 'react';
import type { OutcomesNotShown } from '../../../core/contract/types/sales';
import { call, on } from '../contract/contract-client';
import { errorText } from '../errors/error-text';

/**
 * The sales made before the app restarted whose outcome no clerk saw (`sales.outcomesNotShown`): loaded on mount and
 * again after every sync round (their final state arrives with sync). `data` is null until the first answer.
 */
export function useOutcomesNotShown(limit = 50) {
  const [data, setData] = useState<OutcomesNotShown | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Only the latest request may change the list (a slow answer must not overwrite a newer one).
  const latest = useRef(0);

  const reload = useCallback(() => {
    const ticket = ++latest.current;
    call('sales.outcomesNotShown', { limit })
      .then((d) => {
        if (ticket !== latest.current) return;
        setData(d);
        setError(null);
      })
      .catch((err: unknown) => {
        if (ticket === latest.current) setError(errorText(err));
      });
  }, [limit]);

  useEffect(() => {
    reload();
    return on('app.status', (s) => {
      if (!s.syncing) reload();
    });
  }, [reload]);

  return { data, error, reload };
}
