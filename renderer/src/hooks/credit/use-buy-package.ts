import { useCallback, useState } from 'react';
import type { WalletPackages } from '../../../../core/contract/types/wallet';
import type { Purchase } from '../../../../core/wallet/wallet-api';
import { call } from '../../contract/contract-client';
import { errorText } from '../../errors/error-text';
import { useRemoteValue, type RemoteValue } from './use-remote-value';

/** Where a purchase stands in `useBuyPackage`. */
export type BuyState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'buying'; readonly packageId: string }
  | { readonly phase: 'done'; readonly purchase: Purchase }
  | { readonly phase: 'failed'; readonly packageId: string; readonly error: string };

/** Credit packages on sale, and `buy` (manager, online). */
export interface BuyPackage {
  readonly packages: RemoteValue<WalletPackages>;
  readonly state: BuyState;
  /** Buys a package with the saved card; a retry after a lost answer finishes the same purchase, never twice. */
  buy(packageId: string): Promise<Purchase | null>;
  /** Back to idle (e.g. after showing the result). */
  reset(): void;
}

/**
 * Lists the credit packages (stale-while-offline) and buys one. The purchase id is made and kept in main until the
 * central API answers, so pressing Buy again after an "offline" error can never charge twice.
 */
export function useBuyPackage(): BuyPackage {
  const read = useCallback(() => call('wallet.packages', {}), []);
  const packages = useRemoteValue(read);
  const [state, setState] = useState<BuyState>({ phase: 'idle' });
  const { reload } = packages;
  const buy = useCallback(
    async (packageId: string): Promise<Purchase | null> => {
      setState({ phase: 'buying', packageId });
      try {
        const purchase = await call('wallet.buyPackage', { packageId });
        setState({ phase: 'done', purchase });
        return purchase;
      } catch (err) {
        setState({ phase: 'failed', packageId, error: errorText(err) });
        return null;
      } finally {
        reload();
      }
    },
    [reload],
  );
  return { packages, state, buy, reset: () => setState({ phase: 'idle' }) };
}
