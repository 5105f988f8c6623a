import { AppError } from '../../core/app-error';
import type { SaleCreateOutcome, SaleRecord } from '../../core/contract/types/sales';
import type { TerminalInfo } from '../../core/contract/types/terminal';
import { checkOfflineSale, type OfflineDecision } from '../../core/offline/floor-limit';
import {
  saleCreatePayloadSchema,
  type OfflineClaim,
  type OutboxCommand,
  type SaleCreatePayload,
  type SaleVoidPayload,
  type SaleVoidResult,
} from '../../core/sync/protocol';
import { uuidv7 } from '../../core/uuidv7';
import type { AckRecord, Clock } from '../ledger/ledger-types';
import { ACCOUNTS } from '../ledger/ledger-types';
import type { LocalLedger, SyncState } from '../ledger/local-ledger';
import type { TerminalIdentityStore } from '../terminal/terminal-identity-store';
import { checkSameSale, draftSale, priceSale, saleTime } from './sale-draft';
import { formatSaleNumber } from './sale-number';
import type { SaleStore } from './sale-store';

/** What the Sell screen sends. */
export interface SaleInput {
  readonly packageId: string;
  readonly customerAccount: string;
  readonly quantity: number;
  /** Cash the customer handed over (minor units), for the change shown on screen and receipt. */
  readonly tenderedAmount?: number | undefined;
  /** The caller's id for this attempt: a retry with the same id answers the first outcome, selling once. */
  readonly saleId?: string | undefined;
}

/** What the sales service needs. */
export interface SalesDeps {
  readonly ledger: LocalLedger;
  readonly sales: SaleStore;
  readonly identity: TerminalIdentityStore;
  /** Online-first push: resolves with the ack, or null when no answer in time. */
  readonly pushAndWait: (commandId: string, timeoutMs: number) => Promise<AckRecord | null>;
  /** How long a sale waits for the server while online (default 3 s). */
  readonly onlineWaitMs: () => number;
  readonly clock: Clock;
  /** Called after every local commit (pending count changed). */
  readonly onCommitted?: () => void;
  /**
   * Puts the sale in a shift (ShiftService.ensureOpenForSale): called inside the sale's transaction, once its checks
   * passed and before it writes, so a sale refused for its input or by the offline rules opens no shift, and a refusal
   * here (`shift_required`) writes nothing. The shift's open goes into the outbox ahead of the sale.
   */
  readonly openShiftForSale?: (clerkId: string | null) => void;
}

class Refused extends Error {
  constructor(readonly decision: Extract<OfflineDecision, { ok: false }>) {
    super(decision.message);
  }
}

/**
 * What a sale's transaction (SalesService.commitSale) answers: a retried attempt's first outcome, or the sale it
 * committed with what the online-first wait needs (its ids, amounts in minor units, and the clock it was sold at).
 */
type SaleCommit =
  | { readonly replayed: SaleCreateOutcome }
  | {
      readonly replayed: null;
      readonly sale: SaleRecord;
      /** The last contact with the server succeeded: the sale waits for its answer. */
      readonly online: boolean;
      readonly saleId: string;
      readonly commandId: string;
      readonly retail: number;
      readonly wholesale: number;
      readonly nowMs: number;
    };

/**
 * Direct top-up sales. Each sale commits its row, journal entry and outbox command in one transaction, before
 * anything prints. Online-first: when the last contact with the server succeeded the command is pushed at once
 * and the answer awaited for a few seconds; otherwise (or with no answer in time) the offline rules decide.
 *
 * The `offline` flag: a command is written with `offline: false` when pushed online-first. If no answer comes in
 * time and the offline rules accept the sale, the still-pending outbox row is switched to `offline: true` (the
 * flag says the sale was honoured under the offline rules), and every later push sends it so. The first attempt
 * may already have been applied with `offline: false`: the server dedupes by id and fingerprints only type +
 * payload, so the replay answers `duplicate` with the first outcome and no second sale happens.
 */
export class SalesService {
  constructor(private readonly deps: SalesDeps) {
    deps.ledger.registerEffects('sale.create', {
      applied: (command) => deps.sales.confirm((command.payload as SaleCreatePayload).saleId),
      rejected: (command, reason, message) =>
        deps.sales.reverse((command.payload as SaleCreatePayload).saleId, reason, message),
    });
    deps.ledger.registerEffects('sale.void', {
      // The void of a sale refused at the counter. Its sale.create was answered first (outbox order).
      applied: (command, result) => {
        const { saleId } = command.payload as SaleVoidPayload;
        const sale = deps.sales.get(saleId);
        if (!sale) return;
        const voided = (result as Partial<SaleVoidResult> | null)?.voided === true;
        // Reversed by the server: book the reversal here too. Not voided: the server never applied the sale, and
        // the create's rejection already reversed it locally.
        if (voided)
          deps.ledger.reverseCommand(sale.commandId, command.clerkId, 'voided after refusal at the counter');
        if (voided || sale.status === 'in_doubt') {
          deps.sales.reverse(
            saleId,
            'refused_at_counter',
            'Refused at the counter; cancelled on the server.',
          );
        }
      },
      // The customer already used the credit: the sale stands (confirmed_after_refusal) and needs a manager.
      rejected: () => undefined,
    });
  }

  /** Validates, commits and (online) confirms one sale; see SaleCreateOutcome for what to print. */
  async createSale(input: SaleInput, clerkId: string | null): Promise<SaleCreateOutcome> {
    const { ledger, sales } = this.deps;
    let commit: SaleCommit;
    try {
      commit = ledger.transaction(() => this.commitSale(input, clerkId));
    } catch (err) {
      if (err instanceof Refused)
        return { outcome: 'refused', sale: null, reason: err.decision.reason, message: err.decision.message };
      throw err;
    }
    if (commit.replayed) return commit.replayed;
    const { sale, online, saleId, commandId, retail, wholesale, nowMs } = commit;
    this.deps.onCommitted?.();
    if (!online) return { outcome: 'queued', sale };

    const ack = await this.deps.pushAndWait(commandId, this.deps.onlineWaitMs());
    if (ack) return this.fromAck(ack, saleId);
    // No answer in time: the offline rules decide, unless the answer landed meanwhile.
    const decided = ledger.transaction((): SaleCreateOutcome | null => {
      if (!ledger.pendingCommand(commandId)) return null;
      let claim: OfflineClaim;
      try {
        // Judged as of the sale's own time (its createdAt), as the server will judge the claim.
        // Read again: a pull may have changed the limits or the last sync while the push waited.
        claim = this.decideOffline(
          commandId,
          retail,
          wholesale,
          wholesale,
          nowMs,
          this.deps.identity.require(),
          ledger.syncState(),
        );
      } catch (err) {
        if (!(err instanceof Refused)) throw err;
        sales.setStatus(saleId, 'in_doubt');
        // The push may have reached the server: queue a void right behind the sale, so the server cancels it if it
        // applied it (or refuses it if it comes later) instead of crediting a customer who did not pay.
        const voidPayload: SaleVoidPayload = { saleId, reason: 'refused_at_counter' };
        ledger.writeCommand(
          {
            id: uuidv7(this.deps.clock()),
            type: 'sale.void',
            payload: voidPayload,
            createdAt: new Date(this.deps.clock()).toISOString(),
            clerkId,
            offline: false,
          },
          0,
          0,
        );
        return {
          outcome: 'refused',
          sale: sales.get(saleId)!,
          reason: err.decision.reason,
          message: err.decision.message,
        };
      }
      ledger.markHonouredOffline(commandId, retail, claim);
      sales.setStatus(saleId, 'queued');
      return { outcome: 'queued', sale: sales.get(saleId)! };
    });
    this.deps.onCommitted?.();
    return decided ?? this.fromSaleRow(saleId);
  }

  /**
   * The sale's one IMMEDIATE transaction (call inside `ledger.transaction`): reads the terminal, answers a retried
   * attempt's first outcome, checks and prices the sale, then (offline rules first when the last contact failed)
   * writes its row, journal entry and outbox command. Its checks read the state its writes commit against, and its
   * reads take no read lock of their own. A refusal throws (Refused, AppError) and nothing is written.
   */
  private commitSale(input: SaleInput, clerkId: string | null): SaleCommit {
    const { ledger, sales } = this.deps;
    const { terminal, block } = this.deps.identity.requireState();
    if (block) throw new AppError('terminal_blocked', block.message, { reason: block.reason });
    if (input.saleId) {
      const earlier = sales.get(input.saleId.toLowerCase());
      if (earlier) return { replayed: this.replay(earlier, input) };
    }
    // The contract takes a package id in either case; the catalog keeps them in lower case.
    const priced = priceSale(input, sales.package(input.packageId.toLowerCase()), terminal.currency, {
      sellsInactive: false,
    });
    const { pkg, retail, wholesale } = priced;

    const syncState = ledger.syncState();
    const online = syncState.lastContactOnline;
    const nowMs = this.deps.clock();
    const createdAt = saleTime(nowMs, syncState.clockOffsetMs);
    const saleId = input.saleId?.toLowerCase() ?? uuidv7(nowMs);
    const commandId = uuidv7(nowMs);
    const claim = online
      ? null
      : this.decideOffline(commandId, retail, wholesale, 0, nowMs, terminal, syncState);
    this.deps.openShiftForSale?.(clerkId);
    const saleNumber = formatSaleNumber(terminal.salePrefix, ledger.nextCounter('sale_number'));
    const { payload, record: sale } = draftSale(
      priced,
      input,
      { id: saleId, saleNumber, commandId, clerkId, createdAt, online },
      saleCreatePayloadSchema,
      false,
    );
    sales.insert(sale);
    const command: OutboxCommand = {
      id: commandId,
      type: 'sale.create',
      payload,
      createdAt,
      clerkId,
      offline: !online,
      ...(claim ? { offlineClaim: claim } : {}),
    };
    ledger.writeOperation({
      command,
      debit: wholesale,
      offlineAmount: online ? 0 : retail,
      entryKind: 'sale',
      memo: `sale ${saleNumber}`,
      postings: [
        { account: ACCOUNTS.resellerCredit, amount: -wholesale, currency: pkg.currency },
        { account: ACCOUNTS.costOfSales, amount: wholesale, currency: pkg.currency },
        { account: ACCOUNTS.cashDrawer, amount: retail, currency: pkg.currency },
        { account: ACCOUNTS.salesRevenue, amount: -retail, currency: pkg.currency },
      ],
    });
    return { replayed: null, sale, online, saleId, commandId, retail, wholesale, nowMs };
  }

  /** The committed sale, or null. */
  get(saleId: string): SaleRecord | null {
    return this.deps.sales.get(saleId);
  }

  /**
   * Judges a sale under the offline rules and, when they accept it, numbers it in the offline window and returns the
   * claim its command carries (the server judges that claim with the same rule). Throws Refused otherwise. Call
   * inside the ledger transaction. `alreadyCounted` is this sale's own debit when it is already in the outbox (the
   * online attempt), so it is not counted twice; `saleAtMs` is the sale's createdAt. `terminal` and `sync` must be
   * read in the same synchronous run as this call. The offline window is read once: the rule judges it and the
   * decision is numbered from it.
   */
  private decideOffline(
    commandId: string,
    retail: number,
    debit: number,
    alreadyCounted: number,
    saleAtMs: number,
    terminal: TerminalInfo,
    sync: SyncState,
  ): OfflineClaim {
    const { ledger } = this.deps;
    const window = ledger.offlineWindow();
    const view = ledger.balanceView(window);
    const decision = checkOfflineSale({
      retailAmount: retail,
      debitAmount: debit,
      limits: terminal.floorLimits,
      exposure: view.pendingOfflineTotal, // the offline window's exposure (LocalLedger.balanceView)
      availableBalance: view.available + alreadyCounted,
      lastSyncAt: sync.lastSyncAt,
      saleAtMs,
      clockOffsetMs: sync.clockOffsetMs,
    });
    if (!decision.ok) throw new Refused(decision);
    return ledger.recordOfflineDecision(commandId, retail, terminal.limitsVersion, sync.lastSyncAt!, window);
  }

  private fromAck(ack: AckRecord, saleId: string): SaleCreateOutcome {
    const sale = this.deps.sales.get(saleId)!;
    if (ack.status === 'applied') return { outcome: 'confirmed', sale };
    return {
      outcome: 'rejected',
      sale,
      reason: ack.reason!,
      message: ack.message ?? 'Rejected by the server.',
    };
  }

  /** A retried attempt (same sale id): the first attempt's outcome, provided it is the same sale. */
  private replay(sale: SaleRecord, input: SaleInput): SaleCreateOutcome {
    checkSameSale(sale, input, false);
    switch (sale.status) {
      case 'queued':
      case 'pending':
        return { outcome: 'queued', sale };
      case 'in_doubt':
        return {
          outcome: 'refused',
          sale,
          reason: 'offline_per_sale_limit',
          message: sale.message ?? 'This sale was refused at the counter.',
        };
      default:
        return this.fromSaleRow(sale.id);
    }
  }

  private fromSaleRow(saleId: string): SaleCreateOutcome {
    const sale = this.deps.sales.get(saleId)!;
    if (sale.status === 'reversed') {
      return {
        outcome: 'rejected',
        sale,
        reason: (sale.reason ?? 'forbidden') as Extract<SaleCreateOutcome, { outcome: 'rejected' }>['reason'],
        message: sale.message ?? 'Rejected by the server.',
      };
    }
    return { outcome: 'confirmed', sale };
  }
}
