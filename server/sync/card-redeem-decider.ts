import type { CardRedeemPayload, CardRedeemResult } from '../../core/sync/protocol';
import { redeemWithin } from '../cards/card-redemption';
import { reject, type BatchState, type CommandDecider, type ParsedCommand, type Verdict } from './push-batch';

/**
 * `card.redeem`: a redemption a clerk made at the terminal, online-first or queued offline. The redemption itself is
 * one conditional statement (server/cards/card-redemption.ts), so it runs while the batch loads, in command order and
 * in the batch's transaction: a redemption applies exactly once with its command, and a replay repeats the first
 * outcome. Failures count against the terminal's, the customer's and the address's lockout like any redemption.
 * It must load before `sale.create`, whose customer lookup then sees a customer a redemption created.
 */
export class CardRedeemDecider implements CommandDecider<CardRedeemPayload> {
  private readonly verdicts = new Map<string, Verdict>();

  async load(state: BatchState, commands: readonly ParsedCommand<CardRedeemPayload>[]): Promise<void> {
    const { tx, terminal, context } = state;
    for (const { id, payload } of commands) {
      if (this.verdicts.has(id)) continue;
      const attempt = await redeemWithin(
        tx,
        context.cardKeys,
        {
          resellerId: terminal.resellerId,
          customer: { account: payload.customerAccount },
          lockoutKeys: [
            { scope: 'terminal', key: `${terminal.resellerId}:${terminal.terminalId}` },
            { scope: 'customer', key: `${terminal.resellerId}:${payload.customerAccount}` },
            { scope: 'address', key: context.ip },
          ],
        },
        { pin: payload.pin, serial: payload.serial },
      );
      if (attempt.ok) {
        const r = attempt.result;
        const result: CardRedeemResult = {
          cardId: r.cardId,
          serial: r.serial,
          amount: r.amount,
          currency: r.currency,
          customerId: r.customerId,
          walletBalance: r.walletBalance,
          activatedAt: r.activatedAt,
        };
        this.verdicts.set(id, { status: 'applied', result });
      } else if (attempt.lockedForSeconds !== null) {
        this.verdicts.set(
          id,
          reject(
            'card_redeem_locked',
            `Too many failed card redemptions. Try again in ${attempt.lockedForSeconds} seconds.`,
          ),
        );
      } else {
        this.verdicts.set(
          id,
          reject(
            'card_redeem_failed',
            'This card cannot be redeemed. Check the PIN (and serial) and try again.',
          ),
        );
      }
    }
  }

  decide(_state: BatchState, { id }: ParsedCommand<CardRedeemPayload>): Verdict {
    return this.verdicts.get(id) ?? reject('invalid_command', 'redemption was not loaded');
  }
}
