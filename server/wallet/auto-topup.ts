import { AppError } from '../../core/app-error';
import { uuidv7 } from '../../core/uuidv7';
import { decideAutoTopUp, utcDayStart, utcMonthStart } from '../../core/wallet/auto-topup-decision';
import type { AutoTopUpAttempt, AutoTopUpRule, AutoTopUpRuleInput } from '../../core/wallet/wallet-api';
import type { Queryable } from '../db/database';
import { toIso, toIsoOrNull, toMinor } from '../db/sql-values';
import { lockReseller } from '../resellers/reseller-lock';
import { appendChanges } from '../sync/change-feed';
import { currentPaymentMethod } from './payment-methods';
import { canHold } from './credit-grant';
import { collectionMode, completePurchase, insertPurchase } from './purchases';
import type { WalletDeps } from './wallet-deps';
import { walletNoticeChange } from './wallet-notices';
import { queueWebhookEvent } from './webhook-outbox';

interface RuleRow {
  currency: string;
  threshold: unknown;
  amount: unknown;
  max_per_day: number;
  max_amount_per_month: unknown;
  enabled: boolean;
  paused_until: unknown;
  consecutive_declines: number;
  disabled_reason: AutoTopUpRule['disabledReason'];
  updated_at: unknown;
}

const RULE_COLUMNS = `currency, threshold, amount, max_per_day, max_amount_per_month, enabled, paused_until,
  consecutive_declines, disabled_reason, updated_at`;

function ruleFromRow(r: RuleRow): AutoTopUpRule {
  return {
    currency: r.currency.trim(),
    threshold: toMinor(r.threshold),
    amount: toMinor(r.amount),
    maxPerDay: r.max_per_day,
    maxAmountPerMonth: toMinor(r.max_amount_per_month),
    enabled: r.enabled,
    pausedUntil: toIsoOrNull(r.paused_until),
    consecutiveDeclines: r.consecutive_declines,
    disabledReason: r.disabled_reason,
    updatedAt: toIso(r.updated_at),
  };
}

/** A reseller's auto top-up rules (one per credit currency). */
export async function listAutoTopUpRules(deps: WalletDeps, resellerId: string): Promise<AutoTopUpRule[]> {
  const rows = await deps.db.query<RuleRow>(
    `SELECT ${RULE_COLUMNS} FROM auto_topup_rules WHERE reseller_id = $1 ORDER BY currency`,
    [resellerId],
  );
  return rows.map(ruleFromRow);
}

/**
 * Sets a wallet's rule (reseller or operator). A person setting it clears what the system did to it: the pause, the
 * decline count and the reason it was turned off. Only the reseller's own credit currency has a wallet.
 */
export async function putAutoTopUpRule(
  deps: WalletDeps,
  resellerId: string,
  currency: string,
  input: AutoTopUpRuleInput,
): Promise<AutoTopUpRule> {
  return deps.db.transaction(async (tx) => {
    const r = await lockReseller(tx, resellerId);
    if (currency.toUpperCase() !== r.currency) {
      throw new AppError('invalid_input', `this reseller's wallet holds ${r.currency} credits`);
    }
    const rows = await tx.query<RuleRow>(
      `INSERT INTO auto_topup_rules (reseller_id, currency, threshold, amount, max_per_day, max_amount_per_month,
                                     enabled, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (reseller_id, currency) DO UPDATE SET threshold = EXCLUDED.threshold, amount = EXCLUDED.amount,
         max_per_day = EXCLUDED.max_per_day, max_amount_per_month = EXCLUDED.max_amount_per_month,
         enabled = EXCLUDED.enabled, paused_until = NULL, consecutive_declines = 0, disabled_reason = NULL,
         updated_at = EXCLUDED.updated_at
       RETURNING ${RULE_COLUMNS}`,
      [
        resellerId,
        r.currency,
        input.threshold,
        input.amount,
        input.maxPerDay,
        input.maxAmountPerMonth,
        input.enabled,
        new Date(deps.now()).toISOString(),
      ],
    );
    return ruleFromRow(rows[0]!);
  });
}

/**
 * Runs the auto top-up rule after a debit of `resellerId`. Under the reseller's lock it loads the facts (balance,
 * rule, today's count and the month's amount in UTC, the saved card, an attempt in flight) and asks the pure
 * decision. A charge is recorded first as an in-flight attempt plus a pending purchase (the unique index on in-flight
 * attempts makes a second one impossible, whichever process tries), then charged outside the transaction. A skip is
 * recorded and told to the terminals, once per reason in a row. Answers the attempt it started or recorded, or null.
 */
export async function evaluateAutoTopUp(deps: WalletDeps, resellerId: string): Promise<string | null> {
  // Most debits leave nothing to do: a look without the lock spares a busy reseller's lock a second taker.
  const glance = await deps.db.query<{ threshold: unknown; balance: unknown }>(
    `SELECT t.threshold, a.balance FROM auto_topup_rules t
       JOIN resellers r ON r.id = t.reseller_id AND r.currency = t.currency
       JOIN accounts a ON a.reseller_id = r.id AND a.id = r.credit_account_id
      WHERE t.reseller_id = $1 AND t.enabled`,
    [resellerId],
    { prepare: true },
  );
  const g = glance[0];
  if (!g || toMinor(g.balance) >= toMinor(g.threshold)) return null;
  const started = await deps.db.transaction(async (tx) => {
    const r = await lockReseller(tx, resellerId);
    const rules = await tx.query<RuleRow>(
      `SELECT ${RULE_COLUMNS} FROM auto_topup_rules WHERE reseller_id = $1 AND currency = $2`,
      [resellerId, r.currency],
    );
    const rule = rules[0];
    if (!rule || !rule.enabled || r.balance >= toMinor(rule.threshold)) return null;
    const nowMs = deps.now();
    const facts = await attemptFacts(tx, resellerId, r.currency, nowMs);
    const pm = await currentPaymentMethod(tx, resellerId);
    // On invoice collection the top-up is invoiced, never charged to a card: no card is needed.
    const invoiced = (await collectionMode(tx, resellerId)) === 'invoice';
    const decision = decideAutoTopUp(
      {
        threshold: toMinor(rule.threshold),
        amount: toMinor(rule.amount),
        maxPerDay: rule.max_per_day,
        maxAmountPerMonth: toMinor(rule.max_amount_per_month),
        enabled: rule.enabled,
        pausedUntilMs: rule.paused_until === null ? null : Date.parse(toIso(rule.paused_until)),
      },
      { ...facts, balance: r.balance, hasPaymentMethod: invoiced || pm !== null, nowMs },
    );
    if (decision.kind === 'none') return null;
    // Never start a purchase whose grant the balance could not hold (it would be charged and never credited).
    if (decision.kind !== 'skip' && !canHold(r.balance, decision.amount)) return null;
    const attemptId = uuidv7();
    const nowIso = new Date(nowMs).toISOString();
    if (decision.kind === 'skip') {
      if (facts.lastOutcome === decision.outcome) return null;
      await tx.query(
        `INSERT INTO auto_topup_attempts (reseller_id, id, currency, amount, balance_before, outcome, reason,
                                          created_at, completed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
        [
          resellerId,
          attemptId,
          r.currency,
          rule.amount,
          r.balance,
          decision.outcome,
          decision.reason,
          nowIso,
        ],
      );
      await queueWebhookEvent(
        tx,
        resellerId,
        'wallet.auto_topup_skipped',
        {
          resellerId,
          currency: r.currency,
          outcome: decision.outcome,
          reason: decision.reason,
          balance: r.balance,
        },
        nowMs,
      );
      await appendChanges(tx, resellerId, [
        walletNoticeChange(
          {
            resellerId,
            type: 'auto_topup_skipped',
            currency: r.currency,
            balance: r.balance,
            amount: toMinor(rule.amount),
            message: `Auto top-up skipped: ${decision.reason}.`,
          },
          nowMs,
        ),
      ]);
      return { attemptId, purchaseId: null };
    }
    const purchaseId = uuidv7();
    const inserted = await tx.query(
      `INSERT INTO auto_topup_attempts (reseller_id, id, currency, amount, balance_before, outcome, reason,
                                        purchase_id, created_at)
       VALUES ($1, $2, $3, $4, $5, 'in_flight', 'balance under the threshold', $6, $7)
       ON CONFLICT (reseller_id, currency) WHERE outcome = 'in_flight' DO NOTHING RETURNING id`,
      [resellerId, attemptId, r.currency, decision.amount, r.balance, purchaseId, nowIso],
    );
    if (inserted.length === 0) return null;
    if (invoiced) {
      // Credits are granted when the operator marks the invoice paid; until then the attempt stays in flight.
      const invoiceId = uuidv7();
      await tx.query('INSERT INTO wallet_invoices (id, reseller_id, purchase_id) VALUES ($1, $2, $3)', [
        invoiceId,
        resellerId,
        purchaseId,
      ]);
      await insertPurchase(tx, resellerId, {
        id: purchaseId,
        packageId: null,
        source: 'auto_topup',
        credits: decision.amount,
        price: decision.amount,
        currency: r.currency,
        status: 'invoiced',
        invoiceId,
        token: null,
        createdAt: nowIso,
      });
      return { attemptId, purchaseId: null };
    }
    await insertPurchase(tx, resellerId, {
      id: purchaseId,
      packageId: null,
      source: 'auto_topup',
      credits: decision.amount,
      price: decision.amount,
      currency: r.currency,
      status: 'pending',
      invoiceId: null,
      token: pm!.token,
      createdAt: nowIso,
    });
    return { attemptId, purchaseId };
  });
  if (!started) return null;
  if (started.purchaseId) await completePurchase(deps, resellerId, started.purchaseId);
  return started.attemptId;
}

/**
 * What the decision needs from the wallet's attempts: in flight, today's count, the month's amount, the last one. A
 * purchase in flight is an auto top-up attempt in flight, or any pending (card) purchase, manual ones included, or an
 * unpaid invoice: at most one purchase per wallet is in flight.
 */
async function attemptFacts(
  tx: Queryable,
  resellerId: string,
  currency: string,
  nowMs: number,
): Promise<{ inFlight: boolean; todayCount: number; monthAmount: number; lastOutcome: string | null }> {
  const rows = await tx.query<{ in_flight: boolean; today: unknown; month: unknown; last: string | null }>(
    `SELECT (EXISTS (SELECT 1 FROM auto_topup_attempts WHERE reseller_id = $1 AND currency = $2
                      AND outcome = 'in_flight')
             OR EXISTS (SELECT 1 FROM wallet_purchases WHERE reseller_id = $1
                      AND status IN ('pending', 'invoiced'))) AS in_flight,
            (SELECT count(*) FROM auto_topup_attempts WHERE reseller_id = $1 AND currency = $2
                AND outcome IN ('in_flight', 'succeeded') AND created_at >= $3) AS today,
            (SELECT coalesce(sum(amount), 0) FROM auto_topup_attempts WHERE reseller_id = $1 AND currency = $2
                AND outcome IN ('in_flight', 'succeeded') AND created_at >= $4) AS month,
            (SELECT outcome FROM auto_topup_attempts WHERE reseller_id = $1 AND currency = $2
              ORDER BY created_at DESC, id DESC LIMIT 1) AS last`,
    [
      resellerId,
      currency,
      new Date(utcDayStart(nowMs)).toISOString(),
      new Date(utcMonthStart(nowMs)).toISOString(),
    ],
  );
  const f = rows[0]!;
  return {
    inFlight: f.in_flight,
    todayCount: toMinor(f.today),
    monthAmount: toMinor(f.month),
    lastOutcome: f.last,
  };
}

/** A reseller's auto top-up attempts, newest first. */
export async function listAutoTopUpAttempts(
  deps: WalletDeps,
  resellerId: string,
  limit: number,
): Promise<AutoTopUpAttempt[]> {
  const rows = await deps.db.query<{
    id: string;
    currency: string;
    amount: unknown;
    balance_before: unknown;
    outcome: AutoTopUpAttempt['outcome'];
    reason: string;
    purchase_id: string | null;
    created_at: unknown;
    completed_at: unknown;
  }>(
    `SELECT id, currency, amount, balance_before, outcome, reason, purchase_id, created_at, completed_at
       FROM auto_topup_attempts WHERE reseller_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
    [resellerId, limit],
  );
  return rows.map((r) => ({
    attemptId: r.id,
    currency: r.currency.trim(),
    amount: toMinor(r.amount),
    balanceBefore: toMinor(r.balance_before),
    outcome: r.outcome,
    reason: r.reason,
    purchaseId: r.purchase_id,
    createdAt: toIso(r.created_at),
    completedAt: toIsoOrNull(r.completed_at),
  }));
}
