/**
 * The payment provider (PSP) as the wallet uses it: a hosted card-entry session that yields a token, and charges of a
 * token with an idempotency key. The card number lives only on the provider's side; the wallet keeps the token,
 * brand, last4 and expiry. The only implementation here is the sandbox (`sandbox-psp.ts`); a real provider goes
 * behind the same interface.
 */

/** A hosted card-entry session the provider opened. */
export interface SetupSession {
  readonly sessionId: string;
  /** The provider's page where the card is typed (absolute URL). */
  readonly hostedUrl: string;
  readonly expiresAt: string;
}

/** A card the provider tokenized. */
export interface TokenizedCard {
  readonly token: string;
  readonly brand: string;
  readonly last4: string;
  readonly expMonth: number;
  readonly expYear: number;
}

/** The state of a setup session. */
export type SetupSessionState =
  { readonly status: 'pending' | 'expired' } | { readonly status: 'completed'; readonly card: TokenizedCard };

/** What a charge did. `processing_error` is retryable with the same idempotency key. */
export type ChargeResult =
  | { readonly status: 'succeeded'; readonly chargeId: string }
  | { readonly status: 'declined'; readonly chargeId: string; readonly declineCode: string }
  | { readonly status: 'processing_error'; readonly chargeId: string };

/** A charge request; the same idempotency key never charges twice, and answers the first result again. */
export interface ChargeRequest {
  readonly idempotencyKey: string;
  readonly token: string;
  readonly amount: number;
  readonly currency: string;
}

/** A payment provider. */
export interface PaymentProvider {
  /** Opens a hosted card-entry session; `origin` is the API's own origin (the sandbox serves its page there). */
  createSetupSession(origin: string): Promise<SetupSession>;
  /** Reads a setup session's state. */
  getSetupSession(sessionId: string): Promise<SetupSessionState>;
  /** Charges a token. Throws `idempotency_key_reused` when the key was used for another amount or token. */
  charge(request: ChargeRequest): Promise<ChargeResult>;
  /**
   * Reads the charge made with an idempotency key, or null when none was made; never charges. Used for a purchase
   * whose card was deleted since: only a charge already made is honoured.
   */
  retrieveCharge(idempotencyKey: string): Promise<ChargeResult | null>;
}
