import { AppError } from '../../core/app-error';
import { CARD_REDEEM_FAILED_CODE, CARD_REDEEM_LOCKED_CODE } from '../../core/cards/card-schemas';
import type { RedeemOutcome, RedemptionItem } from '../../core/contract/types/cards';
import {
  accountNumberSchema,
  cardRedeemResultSchema,
  type CardRedeemPayload,
  type OutboxCommand,
  type RejectReason,
} from '../../core/sync/protocol';
import { uuidv7 } from '../../core/uuidv7';
import type { AckRecord, Clock } from '../ledger/ledger-types';
import type { LocalLedger } from '../ledger/local-ledger';
import type { SecretBox } from '../terminal/secret-box';
import type { TerminalIdentityStore } from '../terminal/terminal-identity-store';
import type { CardStore } from './card-store';
import { commandTime } from '../ledger/command-time';

/** Redemptions one customer account may have waiting offline (the server's lockout judges them once they go). */
export const MAX_PENDING_PER_CUSTOMER = 3;
/** Redemptions the whole terminal may have waiting offline. */
export const MAX_PENDING_PER_TERMINAL = 20;

/** The one text of every failed redemption: no oracle. */
export const REDEEM_FAILED_TEXT = 'This card cannot be redeemed. Check the PIN (and serial) and try again.';

/** What redemption at the counter needs. */
export interface CardRedeemDeps {
  readonly store: CardStore;
  readonly ledger: LocalLedger;
  readonly identity: TerminalIdentityStore;
  readonly box: SecretBox;
  readonly pushAndWait: (commandId: string, timeoutMs: number) => Promise<AckRecord | null>;
  readonly onlineWaitMs: () => number;
  readonly clock: Clock;
  readonly onCommitted?: () => void;
}

/** A clerk's redemption, validated by the contract. */
export interface RedeemInput {
  readonly customerAccount: string;
  readonly pin: string;
  readonly serial?: string | undefined;
  readonly redemptionId?: string | undefined;
}

/**
 * Redeems cards at the counter through the outbox, like a sale: a `card.redeem` command (its PIN kept sealed beside
 * it, added only on the wire, dropped once the server answered) is pushed at once and its answer awaited for a few
 * seconds; offline, or with no answer in time, it stays queued and its result arrives with sync. The server decides
 * every redemption (the terminal cannot check a PIN); the outbox makes it exactly once.
 */
export class CardRedeemService {
  /** Redemptions whose clerk is waiting for the online answer right now (the screen shows that answer itself). */
  private readonly atCounter = new Set<string>();

  constructor(private readonly d: CardRedeemDeps) {}

  /** True while the clerk's call is still waiting for this redemption's online answer. */
  answeredAtCounter(id: string): boolean {
    return this.atCounter.has(id);
  }

  /** Redeems, or queues, a card for a customer account. */
  async redeem(input: RedeemInput, clerkId: string): Promise<RedeemOutcome> {
    const { store, ledger, identity, box } = this.d;
    identity.require();
    const block = identity.block();
    if (block) throw new AppError('terminal_blocked', block.message, { reason: block.reason });
    if (input.redemptionId) {
      const earlier = store.redemption(input.redemptionId.toLowerCase());
      if (earlier) return outcomeOf(earlier);
    }
    const account = accountNumberSchema.safeParse(input.customerAccount);
    if (!account.success)
      throw new AppError(
        'invalid_account',
        'The account number must be 4 to 20 digits, optionally starting with +.',
      );
    const pin = input.pin.replace(/[\s-]/g, '');
    if (!/^[0-9]{5,20}$/.test(pin)) throw new AppError(CARD_REDEEM_FAILED_CODE, REDEEM_FAILED_TEXT);
    const serial = input.serial?.trim() || null;
    const pending = store.pendingRedemptions(account.data);
    if (pending.forCustomer >= MAX_PENDING_PER_CUSTOMER || pending.all >= MAX_PENDING_PER_TERMINAL)
      throw new AppError(
        'too_many_pending',
        'Too many redemptions are waiting for the server; wait until the terminal is back online.',
      );
    const nowMs = this.d.clock();
    const id = input.redemptionId?.toLowerCase() ?? uuidv7(nowMs);
    const createdAt = commandTime(nowMs);
    const payload: Omit<CardRedeemPayload, 'pin'> = {
      customerAccount: account.data,
      ...(serial ? { serial } : {}),
    };
    ledger.transaction(() => {
      store.insertRedemption({
        id,
        customerAccount: account.data,
        serial,
        pinSealed: box.encrypt(pin),
        clerkId,
        createdAt,
      });
      const command: OutboxCommand = { id, type: 'card.redeem', payload, createdAt, clerkId, offline: false };
      ledger.writeCommand(command, 0, 0);
    });
    this.d.onCommitted?.();
    if (!ledger.syncState().lastContactOnline) return { status: 'pending', redemptionId: id };
    this.atCounter.add(id);
    let ack: Awaited<ReturnType<CardRedeemDeps['pushAndWait']>>;
    try {
      ack = await this.d.pushAndWait(id, this.d.onlineWaitMs());
    } finally {
      this.atCounter.delete(id);
    }
    const now = store.redemption(id)!;
    if (!ack || now.state === 'pending') return { status: 'pending', redemptionId: id };
    return outcomeOf(now);
  }

  /** The wire form of a queued `card.redeem`: its payload with the PIN unsealed (never stored in the outbox). */
  wireCommand(command: OutboxCommand): OutboxCommand {
    if (command.type !== 'card.redeem') return command;
    const sealed = this.d.store.redemptionPin(command.id);
    if (!sealed) return command;
    return { ...command, payload: { ...(command.payload as object), pin: this.d.box.decrypt(sealed) } };
  }

  /** Records the server's answer (inside the ledger's transaction); the sealed PIN is dropped either way. */
  settle(
    commandId: string,
    answer: { applied: true; result: unknown } | { applied: false; reason: RejectReason; message: string },
  ): void {
    const at = new Date(this.d.clock()).toISOString();
    if (answer.applied) {
      const r = cardRedeemResultSchema.safeParse(answer.result);
      if (r.success) {
        this.d.store.settleRedemption(
          commandId,
          {
            state: 'redeemed',
            serial: r.data.serial,
            amount: r.data.amount,
            currency: r.data.currency,
            walletBalance: r.data.walletBalance,
          },
          at,
        );
        return;
      }
    }
    const message =
      !answer.applied && answer.reason === CARD_REDEEM_LOCKED_CODE ? answer.message : REDEEM_FAILED_TEXT;
    this.d.store.settleRedemption(commandId, { state: 'failed', message }, at);
  }

  /** Recent redemptions at this terminal. */
  recent(limit: number): RedemptionItem[] {
    return this.d.store.recentRedemptions(limit);
  }

  /** One redemption (for the settled event). */
  get(id: string): RedemptionItem | null {
    return this.d.store.redemption(id);
  }
}

/** What a recorded redemption answers the clerk. */
function outcomeOf(r: RedemptionItem): RedeemOutcome {
  if (r.state === 'pending') return { status: 'pending', redemptionId: r.id };
  if (r.state === 'redeemed')
    return {
      status: 'redeemed',
      redemptionId: r.id,
      serial: r.serial ?? '',
      amount: r.amount ?? 0,
      currency: r.currency ?? '',
      walletBalance: r.walletBalance ?? 0,
    };
  const seconds = /([0-9]+) seconds/.exec(r.message ?? '')?.[1];
  if (seconds && r.message !== REDEEM_FAILED_TEXT)
    throw new AppError(CARD_REDEEM_LOCKED_CODE, r.message!, { retryAfterSeconds: Number(seconds) });
  throw new AppError(CARD_REDEEM_FAILED_CODE, REDEEM_FAILED_TEXT);
}
