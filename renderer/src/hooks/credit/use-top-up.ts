import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { PaymentMethodDeleted } from '../../../../core/contract/types/wallet';
import type { PaymentMethod } from '../../../../core/wallet/wallet-api';
import { call } from '../../contract/contract-client';
import { errorText } from '../../errors/error-text';
import { cardSetupReducer, isPolling, type CardSetupPhase } from './card-setup-flow';
import { useRemoteValue, type RemoteValue } from './use-remote-value';

/** How often the setup's status is asked while the provider's page is open. */
const POLL_MS = 1_500;

/** Opens the provider's hosted page; answers the window (null when the browser blocked it). */
export type HostedPageOpener = (url: string) => Window | null;

/** The default opener: a child window (Electron lets only the API's origin open one; a browser opens a popup). */
export const openHostedPage: HostedPageOpener = (url) =>
  window.open(url, 'refill-card-setup', 'popup,width=520,height=720');

/** The saved card and the flow that adds one. */
export interface TopUp {
  readonly methods: RemoteValue<readonly PaymentMethod[]>;
  readonly setup: CardSetupPhase;
  /** False when the browser blocked the window: show the hosted page's link for the clerk to open. */
  readonly windowOpened: boolean;
  /** Asks the provider for a hosted card-entry page, opens it, and polls until the card is saved (or expired). */
  addCard(): Promise<void>;
  /** Stops waiting (and closes the page, if this window opened it). */
  cancel(): void;
  /** Deletes the saved card; auto top-up turns off. */
  remove(paymentMethodId: string): Promise<PaymentMethodDeleted>;
}

/**
 * The payment method behind top-ups: lists the saved card (stale-while-offline) and adds one through the provider's
 * hosted page (the card number is typed there, never in this app), polling the setup's status until it completes.
 */
export function useTopUp(open: HostedPageOpener = openHostedPage): TopUp {
  const read = useCallback(() => call('wallet.paymentMethods', {}), []);
  const methods = useRemoteValue(read);
  const [setup, dispatch] = useReducer(cardSetupReducer, { phase: 'idle' });
  const popup = useRef<Window | null>(null);
  const [windowOpened, setWindowOpened] = useState(true);
  const { reload } = methods;

  const addCard = useCallback(async () => {
    dispatch({ type: 'start' });
    try {
      const s = await call('wallet.startCardSetup', {});
      popup.current = open(s.hostedUrl);
      setWindowOpened(popup.current !== null);
      dispatch({ type: 'opened', setupId: s.setupId, hostedUrl: s.hostedUrl });
    } catch (err) {
      dispatch({ type: 'fail', error: errorText(err) });
    }
  }, [open]);

  const setupId = isPolling(setup) ? setup.setupId : null;
  useEffect(() => {
    if (!setupId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = (): void => {
      call('wallet.cardSetupStatus', { setupId })
        .then((status) => {
          if (stopped) return;
          dispatch({ type: 'status', status });
          if (status.status === 'pending') timer = setTimeout(poll, POLL_MS);
        })
        .catch((err: unknown) => {
          // A missed answer (offline for a moment) is retried; the page stays open.
          if (!stopped) timer = setTimeout(poll, POLL_MS);
          void err;
        });
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [setupId]);

  useEffect(() => {
    if (setup.phase === 'saved') {
      popup.current?.close();
      reload();
    }
  }, [setup.phase, reload]);

  const cancel = useCallback(() => {
    popup.current?.close();
    popup.current = null;
    dispatch({ type: 'cancel' });
  }, []);

  const remove = useCallback(
    async (paymentMethodId: string) => {
      try {
        return await call('wallet.deletePaymentMethod', { paymentMethodId });
      } finally {
        reload();
      }
    },
    [reload],
  );

  return { methods, setup, windowOpened, addCard, cancel, remove };
}
