import { join } from 'node:path';
import type { MethodName } from '../../core/contract/methods';
import type { BackoffPolicy } from '../../core/offline/backoff';
import { createAboutHandlers, type RuntimeInfo } from '../about/about-handlers';
import { TerminalApiClient } from '../api-client/terminal-api-client';
import { createCardHandlers } from '../cards/card-handlers';
import { CardRedeemService } from '../cards/card-redeem-service';
import { CardReserveService } from '../cards/card-reserve-service';
import { CardSeriesService } from '../cards/card-series-service';
import { CardSheetService } from '../cards/card-sheet-service';
import { CardStore } from '../cards/card-store';
import { SheetSettingsStore } from '../cards/sheet-settings-store';
import { createClerkHandlers } from '../clerks/clerk-handlers';
import { ClerkStore } from '../clerks/clerk-store';
import { SessionManager } from '../clerks/session-manager';
import { createDispatcher, type Dispatch } from '../contract/dispatcher';
import { createEventBus, type EventBus } from '../contract/event-bus';
import type { Handlers } from '../contract/handlers';
import { openLocalDatabase, type LocalDatabase } from '../db/open-database';
import { recordAppRun, type AppRun } from './app-run';
import { lockDataFolder } from './data-folder-lock';
import { securePrivateDataFolder } from './private-files';
import type { Clock } from '../ledger/ledger-types';
import { LocalLedger } from '../ledger/local-ledger';
import { createSalesHandlers } from '../sales/sales-handlers';
import { ClerkAdmin } from '../clerks/clerk-admin';
import { createClerkAdminHandlers } from '../clerks/clerk-admin-handlers';
import { createReportHandlers } from '../reports/report-handlers';
import { ReportQueries } from '../reports/report-queries';
import { createShiftHandlers } from '../shifts/shift-handlers';
import { ShiftService } from '../shifts/shift-service';
import { ShiftStore } from '../shifts/shift-store';
import { createRefundHandlers } from '../refunds/refund-handlers';
import { RefundService } from '../refunds/refund-service';
import { RefundStore } from '../refunds/refund-store';
import { createStockHandlers } from '../stock/stock-handlers';
import { StockService } from '../stock/stock-service';
import { StockStore } from '../stock/stock-store';
import { createSaleGrantHandlers } from '../sales/sale-grant-handlers';
import { SaleGrantStore } from '../sales/sale-grant-state';
import { SaleStore } from '../sales/sale-store';
import { SalesService } from '../sales/sales-service';
import { createStatusPublisher } from '../sync/status-publisher';
import { SyncEngine } from '../sync/sync-engine';
import { createSyncHandlers } from '../sync/sync-handlers';
import { EnrollmentService } from '../terminal/enrollment-service';
import type { SecretBox } from '../terminal/secret-box';
import { createTerminalHandlers } from '../terminal/terminal-handlers';
import { TerminalIdentityStore } from '../terminal/terminal-identity-store';
import { ApiAddressService } from '../terminal/api-address-service';
import { createTerminalStanding } from '../terminal/terminal-standing';
import { AppError } from '../../core/app-error';
import { createPrintQueue, type PrintQueue } from '../printing/print-queue';
import { createReceiptHandlers } from '../receipts/receipt-handlers';
import { ReceiptPrintStore } from '../receipts/receipt-print-store';
import { ReceiptService } from '../receipts/receipt-service';
import { SaleQueries } from '../sales/sale-queries';
import { createOutcomeHandlers } from '../sales/outcome-handlers';
import { SaleOutcomeStore } from '../sales/sale-outcome-store';
import { createSettingsHandlers } from '../settings/settings-handlers';
import { readNumberSetting, SettingsStore, SETTING_KEYS } from '../settings/terminal-settings';
import { DEFAULT_SETTINGS } from '../../core/settings/terminal-settings';
import { createUpdateHandlers, UpdateService, type UpdaterDriver } from '../updates/update-service';
import { ed25519PublicKey, verifyUpdateSignature } from '../updates/update-signature';
import { UPDATE_PUBLIC_KEY_PEM } from '../updates/update-public-key';
import { createWalletHandlers } from '../wallet/wallet-handlers';
import { WalletNoticeStore } from '../wallet/wallet-notice-store';
import { WalletRequestStore } from '../wallet/wallet-request-store';
import { WalletService } from '../wallet/wallet-service';

/** Sync tuning (tests shorten these; hosts normally leave them out). */
export interface SyncOptions {
  /** Wait between rounds while all is well, ms (default 15 000). */
  readonly idleIntervalMs?: number;
  /** Retry delays after failures (default 1 s .. 60 s, full jitter). */
  readonly backoff?: BackoffPolicy;
  /** Per-request HTTP timeout, ms (default 10 000). */
  readonly requestTimeoutMs?: number;
  /** Start the loop on open (default true). */
  readonly autoStart?: boolean;
}

/** What a host needs to start the main-process services. */
export interface AppServicesOptions {
  /** The terminal's data folder (SQLite ledger, keys). */
  readonly dataDir: string;
  readonly runtime: RuntimeInfo;
  /** The central API to enroll with by default (the launcher's local one), if any. */
  readonly defaultApiUrl?: string | undefined;
  /** Seals the terminal's API token at rest: safeStorage under Electron, the key-file box under plain Node. */
  readonly secretBox: SecretBox;
  /** Path of a better-sqlite3 native module built for this runtime (Electron in development), if not the default. */
  readonly sqliteNativeBinding?: string | undefined;
  /** Injectable clock (tests). */
  readonly clock?: Clock;
  readonly sync?: SyncOptions;
  /** The operating system's print queue (tests may pass their own; default CUPS or the Windows spooler). */
  readonly printQueue?: PrintQueue;
  /** The platform updater (the desktop app, packaged); absent in browser mode, where updates are managed elsewhere. */
  readonly updater?: UpdaterDriver;
  /** The Ed25519 key update artifacts must be signed with (tests pass their own; default the pinned one). */
  readonly updatePublicKeyPem?: string;
}

/** The terminal services behind the contract, exposed for hosts and tests that need them directly. */
export interface TerminalServices {
  readonly ledger: LocalLedger;
  readonly identity: TerminalIdentityStore;
  readonly engine: SyncEngine;
  readonly session: SessionManager;
  readonly sales: SalesService;
  readonly saleStore: SaleStore;
  readonly saleQueries: SaleQueries;
  /** Whether clerks saw sales' outcomes; lists those of earlier runs nobody saw. */
  readonly saleOutcomes: SaleOutcomeStore;
  /** This start of the app (sales it makes are stamped with it). */
  readonly run: AppRun;
  readonly settings: SettingsStore;
  readonly receipts: ReceiptService;
  readonly receiptPrints: ReceiptPrintStore;
  readonly enrollment: EnrollmentService;
  readonly updates: UpdateService;
  readonly cards: CardStore;
  readonly cardSeries: CardSeriesService;
  readonly cardRedeem: CardRedeemService;
  readonly reserve: CardReserveService;
  readonly cardSheets: CardSheetService;
  readonly refunds: RefundService;
  /** Shifts: float, cash moves, X- and Z-reports. */
  readonly shifts: ShiftService;
}

/** The running services: one dispatch function and one event bus, shared by whichever host serves them. */
export interface AppServices {
  readonly dispatch: Dispatch;
  readonly events: EventBus;
  readonly terminal: TerminalServices;
  /** The host saw the network come back (e.g. Electron's `online` event): retry sync now. */
  notifyNetworkUp(): void;
  close(): Promise<void>;
}

/**
 * Calls that count as the clerk being at the counter (they keep the session from auto-locking). Reads do not: the
 * screens refresh their lists after every sync round, which would keep an unattended till signed in forever; the
 * renderer reports real keyboard and pointer input with `session.activity` instead.
 */
const ACTIVE_METHODS: ReadonlySet<MethodName> = new Set<MethodName>([
  'session.activity',
  'sales.create',
  'receipts.render',
  'receipts.print',
  'customers.lookup',
  'settings.update',
  'terminal.setApiUrl',
  'clerks.create',
  'sales.outcomeDealtWith',
  'sync.now',
]);

/** Opens the data folder and builds every service from explicit dependencies. */
export async function createAppServices(options: AppServicesOptions): Promise<AppServices> {
  // Owner only: folder 0700, files 0600 (the ledger, its -wal and -shm, the lock, the key file).
  securePrivateDataFolder(options.dataDir);
  const releaseLock = lockDataFolder(options.dataDir);
  let local: LocalDatabase;
  try {
    local = openLocalDatabase(join(options.dataDir, 'ledger.sqlite'), undefined, {
      nativeBinding: options.sqliteNativeBinding,
    });
  } catch (err) {
    releaseLock();
    throw err;
  }
  const db = local.db;
  const clock = options.clock ?? Date.now;
  // Before any sale can be made: sales of earlier runs whose outcome no clerk saw are listed after a restart.
  const run = recordAppRun(db, clock, { appVersion: options.runtime.appVersion, host: options.runtime.host });
  const events = createEventBus();
  const ledger = new LocalLedger(db, clock);
  const identity = new TerminalIdentityStore(db, options.secretBox);
  const clientFor = (baseUrl: string, token?: string): TerminalApiClient =>
    new TerminalApiClient({ baseUrl, token, timeoutMs: options.sync?.requestTimeoutMs });

  let publish = (): void => undefined;
  // After a commit: the status bar follows once the answer went back, once for a burst of commits.
  let publishSoon = (): void => undefined;
  // Every answer to the terminal's token goes through here: a refused token or a suspended reseller blocks the
  // terminal (stored, shown, and no sales), a later success lifts a suspension.
  const standing = createTerminalStanding({
    identity,
    clock,
    onChange: () => publish(),
    log: (m) => console.warn(m),
  });
  /** The enrolled terminal's client, built again when its address (Settings) or token (enrollment) changes. */
  let client: { readonly apiUrl: string; readonly api: TerminalApiClient } | null = null;
  const apiClient = (): TerminalApiClient | null => {
    const terminal = identity.get();
    if (!terminal) return null;
    // A revoked terminal's token is refused for good: stop calling the API (sync and look-ups say why instead).
    const block = identity.block();
    if (block?.reason === 'revoked')
      throw new AppError('terminal_blocked', block.message, { reason: block.reason });
    if (client?.apiUrl !== terminal.apiUrl) {
      const api = new TerminalApiClient({
        baseUrl: terminal.apiUrl,
        token: identity.token(),
        timeoutMs: options.sync?.requestTimeoutMs,
        observer: standing,
      });
      client = { apiUrl: terminal.apiUrl, api };
    }
    return client.api;
  };

  const cardStore = new CardStore(db);
  const reserve = new CardReserveService({ store: cardStore, ledger, box: options.secretBox, clock });
  // Set once the engine exists (the redemption service pushes through it; the engine sends its wire form).
  let redemptions: CardRedeemService | null = null;
  const engine = new SyncEngine({
    ledger,
    api: apiClient,
    clock,
    idleIntervalMs: options.sync?.idleIntervalMs,
    backoff: options.sync?.backoff,
    onStatusChange: () => publish(),
    wireCommand: (c) => (redemptions ? redemptions.wireCommand(c) : c),
    afterRound: async (api) => {
      await refunds.reconcile(api);
      await reserve.topUp(api);
    },
    onAcks: (acks) => {
      for (const a of acks) {
        if (a.type === 'card.redeem') {
          // The Redeem screen shows a redemption's answer itself (one text for every failure): no rejection toast.
          // Only queued ones are news: an answer the clerk is waiting for right now shows on the Redeem screen.
          const item = redemptions?.answeredAtCounter(a.id) ? null : redemptions?.get(a.id);
          if (item) events.emit('cards.redemptionSettled', item);
          continue;
        }
        if (a.status !== 'rejected') continue;
        events.emit('sync.rejected', {
          commandId: a.id,
          type: a.type,
          summary: ledger.describeCommand(a.id) ?? a.type,
          reason: a.reason!,
          message: a.message ?? '',
        });
      }
    },
    log: (m) => console.warn(m),
  });
  const clerkStore = new ClerkStore(db);
  const session = new SessionManager({
    store: clerkStore,
    clock,
    autoLockMs: () =>
      readNumberSetting(db, SETTING_KEYS.autoLockMinutes, DEFAULT_SETTINGS.autoLockMinutes) * 60_000,
    enrolled: () => identity.get() !== null,
    onChange: () => publish(),
  });
  const saleStore = new SaleStore(db);
  const sales = new SalesService({
    ledger,
    sales: saleStore,
    identity,
    pushAndWait: (id, ms) => engine.pushAndWait(id, ms),
    onlineWaitMs: () => readNumberSetting(db, SETTING_KEYS.onlineWaitMs, DEFAULT_SETTINGS.onlineWaitMs),
    clock,
    onCommitted: () => publishSoon(),
    openShiftForSale: (clerkId) => openShiftForSale(clerkId),
  });
  redemptions = new CardRedeemService({
    store: cardStore,
    ledger,
    identity,
    box: options.secretBox,
    pushAndWait: (id, ms) => engine.pushAndWait(id, ms),
    onlineWaitMs: () => readNumberSetting(db, SETTING_KEYS.onlineWaitMs, DEFAULT_SETTINGS.onlineWaitMs),
    clock,
    onCommitted: () => publishSoon(),
  });
  const cardRedeem = redemptions;
  const cardSeries = new CardSeriesService({
    store: cardStore,
    ledger,
    identity,
    box: options.secretBox,
    api: apiClient,
    syncNow: () => engine.syncNow(),
    clock,
    onProgress: (job) => events.emit('cards.seriesProgress', job),
    onCommitted: () => publishSoon(),
  });
  // The cards mirror follows the change feed; drawn batches and redemptions settle when their commands are answered.
  ledger.registerChangeHandler('cards', (ch) => cardStore.applyCards(ch.data.cards));
  ledger.registerChangeHandler('cards_minted', (ch) => cardStore.applyMinted(ch.data));
  ledger.registerChangeHandler('cards_deleted', (ch) => cardStore.applyDeleted(ch.data.ids));
  ledger.registerEffects('card.batch', {
    applied: (c) => cardSeries.settleBatch(c.id, true),
    rejected: (c) => cardSeries.settleBatch(c.id, false),
  });
  ledger.registerEffects('card.redeem', {
    applied: (c, result) => cardRedeem.settle(c.id, { applied: true, result }),
    rejected: (c, reason, message) => cardRedeem.settle(c.id, { applied: false, reason, message }),
  });
  const saleQueries = new SaleQueries(db);
  const saleOutcomes = new SaleOutcomeStore(db, run);
  const settings = new SettingsStore(db);
  const printQueue = options.printQueue ?? createPrintQueue();
  const receiptPrints = new ReceiptPrintStore(db);
  const refundStore = new RefundStore(db);
  const receipts = new ReceiptService({
    sales: saleQueries,
    prints: receiptPrints,
    identity,
    settings,
    printQueue,
    clock,
    refundOf: (saleId) => {
      const r = refundStore.forSale(saleId);
      return r?.state === 'done'
        ? {
            refundNumber: r.refundNumber!,
            refundedAt: r.refundedAt!,
            cashBack: r.cashBack,
            clerkId: r.clerkId,
          }
        : null;
    },
    clerkName: (id) => clerkStore.get(id)?.name ?? null,
  });
  const sheetSettings = new SheetSettingsStore(db);
  const cardSheets = new CardSheetService({
    store: cardStore,
    box: options.secretBox,
    settings,
    sheetSettings,
    currency: () => identity.get()?.currency ?? 'USD',
    printQueue,
    sheetDir: join(options.dataDir, 'sheets'),
    clock,
    onProgress: (job) => events.emit('cards.printProgress', job),
  });
  const autoStart = options.sync?.autoStart ?? true;
  const enrollment = new EnrollmentService({
    identity,
    clientFor,
    clock,
    defaultApiUrl: options.defaultApiUrl ?? null,
    onEnrolled: () => {
      client = null;
      publish();
      if (autoStart) engine.start();
      else void engine.syncNow();
    },
  });
  const address = new ApiAddressService({
    identity,
    session,
    onChanged: () => {
      publish();
      // The next round uses the new address at once (a round in progress finishes with the old one first).
      void engine.syncNow();
    },
    log: (m) => console.warn(m),
  });
  const status = createStatusPublisher(
    { ledger, identity, syncing: () => engine.syncing, clerkName: () => session.clerkName() },
    events,
  );
  publish = status.publish;
  publishSoon = status.publishSoon;
  const updateKey = ed25519PublicKey(options.updatePublicKeyPem ?? UPDATE_PUBLIC_KEY_PEM);
  const updates = new UpdateService({
    driver: options.updater ?? null,
    currentVersion: options.runtime.appVersion,
    host: options.runtime.host,
    verify: (d) => verifyUpdateSignature({ ...d, publicKey: updateKey }),
    clerkRole: () => session.state().clerk?.role ?? null,
    requireManager: () => void session.requireClerk('manager'),
    pendingCount: () => ledger.balanceView().pendingCount,
    syncing: () => engine.syncing,
    clock,
    onChange: (state) => events.emit('updates.state', state),
    log: (m) => console.warn(m),
  });

  /**
   * Every counter sale lands in a shift (ShiftService.ensureOpenForSale), from inside its transaction. The handlers
   * always pass the signed-in clerk; a sale recorded without one (no handler does) is put in no shift.
   */
  const openShiftForSale = (clerkId: string | null): void => {
    if (clerkId === null) return;
    shifts.ensureOpenForSale({ id: clerkId, name: clerkStore.getAny(clerkId)?.name ?? clerkId });
  };
  const shifts = new ShiftService({
    ledger,
    store: new ShiftStore(db),
    identity,
    clock,
    clerkName: (id) => clerkStore.getAny(id)?.name ?? null,
    syncSoon: () => void engine.syncNow().catch(() => undefined),
  });

  const refunds = new RefundService({
    store: refundStore,
    api: apiClient,
    syncNow: () => engine.syncNow(),
    clock,
  });
  // The customer grant of each sale (used, expiry) follows the change feed's sale entries.
  const saleGrants = new SaleGrantStore(db);
  ledger.registerChangeHandler('sale', (ch) => saleGrants.apply(ch.data));
  // Inventory stock: sales from this terminal's allocation (outbox, offline too), the mirror from the change feed.
  const stock = new StockService({
    db,
    ledger,
    sales: saleStore,
    stock: new StockStore(db),
    identity,
    pushAndWait: (id, ms) => engine.pushAndWait(id, ms),
    onlineWaitMs: () => readNumberSetting(db, SETTING_KEYS.onlineWaitMs, DEFAULT_SETTINGS.onlineWaitMs),
    api: apiClient,
    syncNow: () => engine.syncNow(),
    clock,
    onCommitted: () => publishSoon(),
    openShiftForSale: (clerkId) => openShiftForSale(clerkId),
  });
  // The wallet: notices from the change feed are stored once and toasted; purchases and transfers keep their ids.
  const wallet = new WalletService({
    ledger,
    identity,
    requests: new WalletRequestStore(db),
    notices: new WalletNoticeStore(db),
    api: apiClient,
    syncNow: () => engine.syncNow(),
    clock,
    onNotice: (notice) => events.emit('wallet.notice', notice),
  });
  ledger.registerChangeHandler('wallet_notice', (ch) => wallet.receiveNotice(ch.data, ch.seq));

  const handlers: Handlers = {
    ...createAboutHandlers(options.runtime, local, options.dataDir),
    ...createTerminalHandlers(enrollment, address),
    ...createClerkHandlers(session),
    ...createSyncHandlers(engine, ledger, session, status.current),
    ...createSalesHandlers({
      sales,
      store: saleStore,
      queries: saleQueries,
      identity,
      session,
      customers: { ledger, identity, api: apiClient },
      clock,
      refundsSince: (since) =>
        refundStore.doneSince(since).map((r) => ({
          cashBack: r.cashBack,
          clerkId: r.clerkId,
          refundedAt: r.refundedAt!,
        })),
    }),
    ...createOutcomeHandlers({ outcomes: saleOutcomes, session, clock }),
    ...createReceiptHandlers(receipts, printQueue, session),
    ...createSettingsHandlers(settings, session, clock),
    ...createUpdateHandlers(updates),
    ...createRefundHandlers(refunds, session),
    ...createStockHandlers(stock, session),
    ...createSaleGrantHandlers(saleGrants, session, clock),
    ...createWalletHandlers(wallet, session, identity),
    ...createCardHandlers({
      store: cardStore,
      series: cardSeries,
      reserve,
      redeem: cardRedeem,
      sheets: cardSheets,
      sheetSettings,
      session,
      box: options.secretBox,
      api: apiClient,
      syncNow: () => engine.syncNow(),
      clock,
    }),
    ...createShiftHandlers({ shifts, session, settings, identity, printQueue }),
    ...createReportHandlers(new ReportQueries(db), session, identity),
    ...createClerkAdminHandlers(
      new ClerkAdmin({ db, store: clerkStore, clock, onChange: () => publish() }),
      session,
    ),
  };
  const inner = createDispatcher(handlers);
  const dispatch: Dispatch = (name, input, ctx) => {
    if (typeof name === 'string' && ACTIVE_METHODS.has(name as MethodName)) session.noteActivity();
    return inner(name, input, ctx);
  };

  if (autoStart && identity.get()) engine.start();
  updates.start();
  return {
    dispatch,
    events,
    terminal: {
      ledger,
      identity,
      engine,
      session,
      sales,
      saleStore,
      saleQueries,
      saleOutcomes,
      run,
      settings,
      receipts,
      receiptPrints,
      enrollment,
      updates,
      cards: cardStore,
      cardSeries,
      cardRedeem,
      reserve,
      cardSheets,
      refunds,
      shifts,
    },
    notifyNetworkUp: () => engine.notifyNetworkUp(),
    close: async () => {
      await engine.stop();
      status.stop();
      session.close();
      local.close();
      releaseLock();
    },
  };
}
