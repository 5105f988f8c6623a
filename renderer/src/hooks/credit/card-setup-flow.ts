import type { PaymentMethod, PaymentMethodSetupStatus } from '../../../../core/wallet/wallet-api';

/** Where adding a card stands in `useTopUp`. */
export type CardSetupPhase =
  | { readonly phase: 'idle' }
  | { readonly phase: 'starting' }
  /** The provider's page is open; the card is typed there (never here). */
  | { readonly phase: 'waiting'; readonly setupId: string; readonly hostedUrl: string }
  | { readonly phase: 'saved'; readonly paymentMethod: PaymentMethod }
  | { readonly phase: 'expired' }
  | { readonly phase: 'cancelled' }
  | { readonly phase: 'failed'; readonly error: string };

/** What the status poll answered, or the clerk did. */
export type CardSetupEvent =
  | { readonly type: 'start' }
  | { readonly type: 'opened'; readonly setupId: string; readonly hostedUrl: string }
  | { readonly type: 'status'; readonly status: PaymentMethodSetupStatus }
  | { readonly type: 'cancel' }
  | { readonly type: 'fail'; readonly error: string };

/** The next phase. A status for another setup, or any status once finished, changes nothing. */
export function cardSetupReducer(state: CardSetupPhase, event: CardSetupEvent): CardSetupPhase {
  switch (event.type) {
    case 'start':
      return { phase: 'starting' };
    case 'opened':
      return { phase: 'waiting', setupId: event.setupId, hostedUrl: event.hostedUrl };
    case 'status': {
      if (state.phase !== 'waiting' || event.status.setupId !== state.setupId) return state;
      if (event.status.status === 'completed' && event.status.paymentMethod)
        return { phase: 'saved', paymentMethod: event.status.paymentMethod };
      if (event.status.status === 'expired') return { phase: 'expired' };
      return state;
    }
    case 'cancel':
      return state.phase === 'waiting' || state.phase === 'starting' ? { phase: 'cancelled' } : state;
    case 'fail':
      return { phase: 'failed', error: event.error };
  }
}

/** True while the flow waits for the provider's page (polling goes on). */
export function isPolling(state: CardSetupPhase): state is Extract<CardSetupPhase, { phase: 'waiting' }> {
  return state.phase === 'waiting';
}
