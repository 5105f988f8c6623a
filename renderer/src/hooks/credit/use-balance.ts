import { useCallback, useEffect } from 'react';
import type { WalletBalanceView } from '../../../../core/contract/types/wallet';
import { call, on } from '../../contract/contract-client';
import { useRemoteValue, type RemoteValue } from './use-remote-value';

/**
 * The reseller's credit balance as the terminal knows it (`wallet.balance`): the server's view as last pulled, this
 * terminal's pending debits and the last sync. It is local, so it reads offline too; `stale` is true while the
 * terminal is offline (the server's view may be behind). Follows every status change (a sale, a sync round).
 */
export function useBalance(): RemoteValue<WalletBalanceView> {
  const read = useCallback(() => call('wallet.balance', {}), []);
  const remote = useRemoteValue(read);
  const { reload } = remote;
  useEffect(() => {
    let last = '';
    return on('app.status', (s) => {
      const key = `${s.availableBalance}|${s.pendingCount}|${s.lastSyncAt}|${s.online}`;
      if (key !== last) {
        last = key;
        reload();
      }
    });
  }, [reload]);
  // The local read never fails offline: its own flag says whether the server's view may be behind.
  return { ...remote, stale: remote.value?.stale ?? remote.stale };
}
