import { AppError } from '../../core/app-error';
import type { CardSeriesJob } from '../../core/contract/types/cards';
import { checkOfflineSale } from '../../core/offline/floor-limit';
import { cardBatchPayloadSchema, type OutboxCommand } from '../../core/sync/protocol';
import { uuidv7 } from '../../core/uuidv7';
import { ApiClientError } from '../api-client/api-error';
import type { TerminalApiClient } from '../api-client/terminal-api-client';
import { ACCOUNTS, type Clock } from '../ledger/ledger-types';
import type { LocalLedger } from '../ledger/local-ledger';
import type { SecretBox } from '../terminal/secret-box';
import type { TerminalIdentityStore } from '../terminal/terminal-identity-store';
import type { CardStore } from './card-store';
import { notEnrolled } from '../terminal/terminal-identity-store';
import { commandTime } from '../ledger/command-time';

/** A series as the form asks for it (validated by the contract). */
export interface SeriesRequest {
  readonly amount: number;
  readonly quantity: number;
  readonly prefix: string;
  readonly pinLength: number;
  readonly expiresAt: string;
  readonly ownerId?: string | undefined;
  readonly grantValidityDays: number | null;
}

/** What the series service needs. */
export interface CardSeriesDeps {
  readonly store: CardStore;
  readonly ledger: LocalLedger;
  readonly identity: TerminalIdentityStore;
  readonly box: SecretBox;
  readonly api: () => TerminalApiClient | null;
  /** Runs a sync round (the minted cards come to the mirror with the change feed). */
  readonly syncNow: () => Promise<unknown>;
  readonly clock: Clock;
  readonly onProgress: (job: CardSeriesJob) => void;
  /** Called after a local write (the status bar's pending count changed). */
  readonly onCommitted?: () => void;
}

/** PINs fetched per page after minting. */
const PIN_PAGE = 1_000;
/** A big series takes the central API a while: the mint call may wait this long. */
const MINT_TIMEOUT_MS = 300_000;

/**
 * Generates card series. Online, the central API mints the series (one request, idempotent by the series id this
 * terminal makes) and the terminal then fetches the PINs page by page and stores them sealed, reporting progress;
 * offline (the last contact failed), the series is drawn from the PIN reserve in one local transaction that also
 * queues its `card.batch` under the offline rules. Jobs run in the background; the window never waits for them.
 */
export class CardSeriesService {
  private readonly jobs = new Map<string, CardSeriesJob>();

  constructor(private readonly d: CardSeriesDeps) {}

  /** A job's state. */
  job(jobId: string): CardSeriesJob {
    const job = this.jobs.get(jobId.toLowerCase());
    if (!job) throw new AppError('not_found', 'No such series job.');
    return job;
  }

  /** Starts a series; answers its job at once. */
  start(request: SeriesRequest, clerkId: string): CardSeriesJob {
    const terminal = this.d.identity.require();
    const block = this.d.identity.block();
    if (block) throw new AppError('terminal_blocked', block.message, { reason: block.reason });
    const online = this.d.ledger.syncState().lastContactOnline && this.d.api() !== null;
    if (!online) return this.drawOffline(request, clerkId, terminal.currency, terminal.resellerId);
    const jobId = uuidv7(this.d.clock());
    const seriesId = uuidv7(this.d.clock());
    const job: CardSeriesJob = {
      jobId,
      state: 'running',
      phase: 'minting',
      done: 0,
      total: request.quantity,
      offline: false,
      seriesId,
      firstSerial: null,
      lastSerial: null,
      error: null,
    };
    this.update(job);
    void this.mintOnline(job, request, terminal.currency).catch((err: unknown) => {
      const e =
        err instanceof AppError || err instanceof ApiClientError
          ? { code: err.code, message: err.message }
          : { code: 'series_failed', message: err instanceof Error ? err.message : String(err) };
      this.update({ ...this.jobs.get(jobId)!, state: 'failed', error: e });
    });
    return job;
  }

  private update(job: CardSeriesJob): void {
    this.jobs.set(job.jobId, job);
    this.d.onProgress(job);
  }

  private async mintOnline(job: CardSeriesJob, r: SeriesRequest, currency: string): Promise<void> {
    const api = this.d.api();
    if (!api) throw notEnrolled();
    const minted = await api.mintSeries(
      {
        seriesId: job.seriesId!,
        amount: r.amount,
        currency,
        quantity: r.quantity,
        prefix: r.prefix,
        pinLength: r.pinLength,
        expiresAt: r.expiresAt,
        grantValidityDays: r.grantValidityDays,
        ...(r.ownerId ? { ownerId: r.ownerId } : {}),
      },
      MINT_TIMEOUT_MS,
    );
    let current: CardSeriesJob = {
      ...job,
      phase: 'storing',
      firstSerial: minted.firstSerial,
      lastSerial: minted.lastSerial,
    };
    this.update(current);
    let after: string | null = null;
    for (;;) {
      const page = await api.seriesPins(minted.seriesId, after, PIN_PAGE);
      const { store, ledger, box } = this.d;
      ledger.transaction(() => {
        for (const p of page.pairs) store.insertPin(p.id, box.encrypt(p.pin), p.pinLength);
      });
      current = { ...current, done: current.done + page.pairs.length };
      this.update(current);
      if (!page.hasMore || page.pairs.length === 0) break;
      after = page.pairs[page.pairs.length - 1]!.serial;
      // Let other work (the window's calls) run between pages.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await this.d.syncNow();
    this.update({ ...current, state: 'done', done: r.quantity });
  }

  /**
   * Draws a series from the PIN reserve offline: the pairs become cards "not yet valid", their face value moves from
   * the reseller's credits to the card liability, and one `card.batch` command is queued with its offline claim, all
   * in one transaction (a crash keeps all of it or none). Refused when the reserve is too small or the offline rules
   * refuse the face value.
   */
  private drawOffline(
    r: SeriesRequest,
    clerkId: string,
    currency: string,
    resellerId: string,
  ): CardSeriesJob {
    if (r.ownerId && r.ownerId.toLowerCase() !== resellerId)
      throw new AppError(
        'offline',
        'Offline, a series can only be made for this reseller; connect to make one for an affiliate.',
      );
    const { store, ledger, identity } = this.d;
    const total = r.amount * r.quantity;
    if (!Number.isSafeInteger(total))
      throw new AppError('invalid_amount', 'The face value of this series is too large.');
    const nowMs = this.d.clock();
    const createdAt = commandTime(nowMs);
    if (!(Date.parse(r.expiresAt) > nowMs))
      throw new AppError('invalid_input', 'The expiry date must be in the future.');
    const seriesId = uuidv7(nowMs);
    const commandId = uuidv7(nowMs);
    const drawn = ledger.transaction(() => {
      const free = store.reserveFree();
      if (free.count < r.quantity)
        throw new AppError(
          'reserve_too_small',
          `Offline, a series is drawn from the PIN reserve, which holds ${free.count} cards; make a smaller series or connect.`,
          { free: free.count },
        );
      const terminal = identity.require();
      const view = ledger.balanceView();
      const sync = ledger.syncState();
      const decision = checkOfflineSale({
        retailAmount: total,
        debitAmount: total,
        limits: terminal.floorLimits,
        exposure: view.pendingOfflineTotal,
        availableBalance: view.available,
        lastSyncAt: sync.lastSyncAt,
        saleAtMs: nowMs,
        clockOffsetMs: sync.clockOffsetMs,
      });
      if (!decision.ok) throw new AppError(decision.reason, decision.message);
      const claim = ledger.recordOfflineDecision(commandId, total, terminal.limitsVersion, sync.lastSyncAt!);
      const pairs = store.takeReserve(r.quantity);
      for (const p of pairs) {
        store.insertOwn({
          id: p.id,
          serial: p.serial,
          seriesId,
          ownerId: resellerId,
          amount: r.amount,
          currency,
          validity: 'not_yet_valid',
          expiresAt: new Date(r.expiresAt).toISOString(),
          createdAt,
          batchCommandId: commandId,
          pinSealed: p.pinSealed,
          pinLength: p.pinLength,
        });
      }
      const command: OutboxCommand = {
        id: commandId,
        type: 'card.batch',
        payload: cardBatchPayloadSchema.parse({
          seriesId,
          cardIds: pairs.map((p) => p.id),
          amount: r.amount,
          currency,
          expiresAt: new Date(r.expiresAt).toISOString(),
          grantValidityDays: r.grantValidityDays,
        }),
        createdAt,
        clerkId,
        offline: true,
        offlineClaim: claim,
      };
      ledger.writeOperation({
        command,
        debit: total,
        offlineAmount: total,
        entryKind: 'card_series',
        memo: `series ${pairs[0]!.serial.split('-')[0]!} x${pairs.length} (reserve, offline)`,
        postings: [
          { account: ACCOUNTS.resellerCredit, amount: -total, currency },
          { account: ACCOUNTS.cardLiability, amount: total, currency },
        ],
      });
      return { first: pairs[0]!.serial, last: pairs[pairs.length - 1]!.serial };
    });
    this.d.onCommitted?.();
    const job: CardSeriesJob = {
      jobId: uuidv7(this.d.clock()),
      state: 'done',
      phase: 'drawing',
      done: r.quantity,
      total: r.quantity,
      offline: true,
      seriesId,
      firstSerial: drawn.first,
      lastSerial: drawn.last,
      error: null,
    };
    this.update(job);
    return job;
  }

  /** The server answered a drawn batch: its cards become valid, or void and their pairs are given up. */
  settleBatch(commandId: string, applied: boolean): void {
    const { store } = this.d;
    if (applied) {
      store.settleBatch(commandId, 'valid');
      return;
    }
    const ids = store.batchCardIds(commandId);
    store.settleBatch(commandId, 'void_rejected');
    store.releaseToServer(ids);
  }
}
