import { randomBytes } from 'node:crypto';
import { AppError } from '../../core/app-error';
import { cardBrand, cardDigits, cardUnexpired, luhnValid } from '../../core/wallet/card-number';
import { MAX_CARD_EXPIRY_YEARS_AHEAD, MAX_WALLET_AMOUNT } from '../../core/wallet/wallet-api';
import { uuidv7 } from '../../core/uuidv7';
import type { Database } from '../db/database';
import { toIso, toMinor } from '../db/sql-values';
import type {
  ChargeRequest,
  ChargeResult,
  PaymentProvider,
  SetupSession,
  SetupSessionState,
  TokenizedCard,
} from './payment-provider';

/** How a sandbox card behaves when charged. */
type SandboxBehaviour = 'succeed' | 'card_declined' | 'insufficient_funds' | 'retry_once' | 'provider_down';

/** The sandbox's test cards; any other number that passes Luhn succeeds too. */
const TEST_CARDS: Readonly<Record<string, SandboxBehaviour>> = {
  '4242424242424242': 'succeed',
  '5555555555554444': 'succeed',
  '4000000000000002': 'card_declined',
  '4000000000009995': 'insufficient_funds',
  '4000000000000119': 'retry_once',
  // An outage at the provider: every attempt answers processing_error (retryable), however often it is retried.
  '4000000000000267': 'provider_down',
};

/** How long a hosted card-entry session stays open. */
export const SETUP_SESSION_TTL_MS = 30 * 60 * 1000;

/** Why a card typed on the sandbox page was refused (never echoing the number). */
export type CardEntryRefusal = 'invalid_number' | 'invalid_expiry' | 'expired_card' | 'invalid_cvc';

/** What the sandbox's hosted page submitted. */
export interface CardEntry {
  readonly number: string;
  /** "MM/YY" or "MM/YYYY". */
  readonly expiry: string;
  readonly cvc: string;
}

/**
 * The SANDBOX payment provider: behaves like a real one (hosted card entry served under `/psp-sandbox/`, tokens,
 * test cards that succeed, decline, need a retry or meet an outage, idempotent charges) but moves no money. It keeps
 * per token only what it needs to behave (brand, last4, expiry, behaviour) and its charges in its own table, so
 * idempotency holds across server processes. The card number is checked and dropped in `tokenize`; it is never
 * stored or logged.
 */
export class SandboxPsp implements PaymentProvider {
  /** Called when a session completes (a real provider sends a webhook); the wallet saves the card. */
  onSetupCompleted: ((sessionId: string) => Promise<void>) | null = null;

  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {}

  async createSetupSession(origin: string): Promise<SetupSession> {
    const id = uuidv7();
    const expiresAt = new Date(this.now() + SETUP_SESSION_TTL_MS).toISOString();
    await this.db.query('INSERT INTO psp_sandbox_setup_sessions (id, expires_at) VALUES ($1, $2)', [
      id,
      expiresAt,
    ]);
    return { sessionId: id, hostedUrl: `${origin}/psp-sandbox/setup/${id}`, expiresAt };
  }

  async getSetupSession(sessionId: string): Promise<SetupSessionState> {
    const rows = await this.db.query<{
      status: string;
      expires_at: unknown;
      token: string | null;
      brand: string | null;
      last4: string | null;
      exp_month: number | null;
      exp_year: number | null;
    }>(
      `SELECT s.status, s.expires_at, s.token, c.brand, c.last4, c.exp_month, c.exp_year
         FROM psp_sandbox_setup_sessions s LEFT JOIN psp_sandbox_cards c ON c.token = s.token
        WHERE s.id = $1`,
      [sessionId],
    );
    const s = rows[0];
    if (!s) throw new AppError('not_found', 'no such setup session');
    if (s.status === 'completed' && s.token) {
      return {
        status: 'completed',
        card: {
          token: s.token,
          brand: s.brand!,
          last4: s.last4!,
          expMonth: s.exp_month!,
          expYear: s.exp_year!,
        },
      };
    }
    return { status: Date.parse(toIso(s.expires_at)) <= this.now() ? 'expired' : 'pending' };
  }

  /**
   * The hosted page's POST: checks the card (Luhn, expiry, CVC), tokenizes it and completes the session. Answers the
   * card's public fields, or why it was refused.
   */
  async submitCard(
    sessionId: string,
    entry: CardEntry,
  ): Promise<
    { ok: true; card: TokenizedCard } | { ok: false; refusal: CardEntryRefusal | 'session_closed' }
  > {
    const state = await this.getSetupSession(sessionId).catch(() => null);
    if (!state || state.status !== 'pending') return { ok: false, refusal: 'session_closed' };
    const digits = cardDigits(entry.number);
    if (!digits || !luhnValid(digits)) return { ok: false, refusal: 'invalid_number' };
    const exp = /^\s*([0-9]{1,2})\s*\/\s*([0-9]{2}|[0-9]{4})\s*$/.exec(entry.expiry);
    if (!exp) return { ok: false, refusal: 'invalid_expiry' };
    const month = Number(exp[1]);
    const year = exp[2]!.length === 2 ? 2000 + Number(exp[2]) : Number(exp[2]);
    if (month < 1 || month > 12) return { ok: false, refusal: 'invalid_expiry' };
    if (!cardUnexpired(month, year, this.now())) return { ok: false, refusal: 'expired_card' };
    // Like real providers: an expiry decades ahead is a typo, not a card.
    if (year > new Date(this.now()).getUTCFullYear() + MAX_CARD_EXPIRY_YEARS_AHEAD) {
      return { ok: false, refusal: 'invalid_expiry' };
    }
    if (!/^[0-9]{3,4}$/.test(entry.cvc.trim())) return { ok: false, refusal: 'invalid_cvc' };
    const card: TokenizedCard = {
      token: `tok_sandbox_${randomBytes(12).toString('hex')}`,
      brand: cardBrand(digits),
      last4: digits.slice(-4),
      expMonth: month,
      expYear: year,
    };
    const behaviour = TEST_CARDS[digits] ?? 'succeed';
    const done = await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO psp_sandbox_cards (token, brand, last4, exp_month, exp_year, behaviour)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [card.token, card.brand, card.last4, card.expMonth, card.expYear, behaviour],
      );
      return tx.query(
        `UPDATE psp_sandbox_setup_sessions SET status = 'completed', token = $2
          WHERE id = $1 AND status = 'pending' RETURNING id`,
        [sessionId, card.token],
      );
    });
    if (done.length === 0) return { ok: false, refusal: 'session_closed' };
    await this.onSetupCompleted?.(sessionId);
    return { ok: true, card };
  }

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    return this.db.transaction(async (tx) => {
      const cards = await tx.query<{ behaviour: SandboxBehaviour }>(
        'SELECT behaviour FROM psp_sandbox_cards WHERE token = $1',
        [request.token],
      );
      const behaviour = cards[0]?.behaviour;
      if (!behaviour) throw new AppError('invalid_input', 'unknown payment token');
      // A real provider caps one charge; the sandbox declines anything past what a wallet may buy at once.
      const tooLarge = !Number.isSafeInteger(request.amount) || request.amount > MAX_WALLET_AMOUNT;
      const first: ChargeResult['status'] = tooLarge
        ? 'declined'
        : behaviour === 'succeed'
          ? 'succeeded'
          : behaviour === 'retry_once' || behaviour === 'provider_down'
            ? 'processing_error'
            : 'declined';
      const declineCode = tooLarge ? 'amount_too_large' : first === 'declined' ? behaviour : null;
      const inserted = await tx.query<{ charge_id: string }>(
        `INSERT INTO psp_sandbox_charges (idempotency_key, charge_id, token, amount, currency, status, decline_code)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (idempotency_key) DO NOTHING RETURNING charge_id`,
        [
          request.idempotencyKey,
          uuidv7(),
          request.token,
          request.amount,
          request.currency,
          first,
          declineCode,
        ],
      );
      if (inserted[0]) return chargeResult(first, inserted[0].charge_id, declineCode);
      const rows = await tx.query<{
        charge_id: string;
        token: string;
        amount: unknown;
        currency: string;
        status: ChargeResult['status'];
        decline_code: string | null;
      }>(
        `SELECT charge_id, token, amount, currency, status, decline_code FROM psp_sandbox_charges
          WHERE idempotency_key = $1 FOR UPDATE`,
        [request.idempotencyKey],
      );
      const c = rows[0]!;
      if (
        c.token !== request.token ||
        toMinor(c.amount) !== request.amount ||
        c.currency !== request.currency
      ) {
        throw new AppError(
          'idempotency_key_reused',
          'this idempotency key was used for a charge of another amount or card',
        );
      }
      if (c.status !== 'processing_error') return chargeResult(c.status, c.charge_id, c.decline_code);
      // A card that fails once per key: the first attempt stored processing_error; the retry succeeds. During an
      // outage every retry fails again. Either way the attempt is counted, as a provider's dashboard shows it.
      const retried: ChargeResult['status'] =
        behaviour === 'provider_down' ? 'processing_error' : 'succeeded';
      await tx.query(
        'UPDATE psp_sandbox_charges SET status = $2, attempts = attempts + 1 WHERE idempotency_key = $1',
        [request.idempotencyKey, retried],
      );
      return chargeResult(retried, c.charge_id, null);
    });
  }

  async retrieveCharge(idempotencyKey: string): Promise<ChargeResult | null> {
    const rows = await this.db.query<{
      charge_id: string;
      status: ChargeResult['status'];
      decline_code: string | null;
    }>('SELECT charge_id, status, decline_code FROM psp_sandbox_charges WHERE idempotency_key = $1', [
      idempotencyKey,
    ]);
    const c = rows[0];
    return c ? chargeResult(c.status, c.charge_id, c.decline_code) : null;
  }
}

function chargeResult(
  status: ChargeResult['status'],
  chargeId: string,
  declineCode: string | null,
): ChargeResult {
  if (status === 'declined') return { status, chargeId, declineCode: declineCode ?? 'card_declined' };
  return { status, chargeId };
}
