import type { Database } from '../db/database';
import type { PaymentProvider } from '../psp/payment-provider';
import { evaluateAutoTopUp } from './auto-topup';
import { sweepPendingPurchases } from './purchases';
import type { WalletDeps } from './wallet-deps';
import { WebhookDeliveryWorker } from './webhook-delivery-worker';

/** How often the wallet's background jobs run, and how old a pending purchase is before the sweeper finishes it. */
export interface WalletJobTimings {
  /** Webhook delivery worker poll. Default 1 s. */
  readonly webhookIntervalMs: number;
  /** Pending purchase sweeper poll. Default 30 s. */
  readonly sweepIntervalMs: number;
  /** A purchase pending this long was left by a crash or a failing provider. Default 60 s. */
  readonly sweepAfterMs: number;
}

/** The defaults: a webhook goes out within a second; a crash's purchase is finished within a minute and a half. */
export const DEFAULT_WALLET_JOB_TIMINGS: WalletJobTimings = {
  webhookIntervalMs: 1_000,
  sweepIntervalMs: 30_000,
  sweepAfterMs: 60_000,
};

/**
 * The wallet inside one server process: its dependencies, the hook every debit path calls once its transaction
 * committed (auto top-up runs in the background, so a push never waits for the payment provider), and the background
 * jobs (webhook delivery, the pending-purchase sweeper), stopped on close after the work in flight.
 */
export class WalletService {
  readonly deps: WalletDeps;
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Resellers whose rule is being evaluated, and whether a debit since asked for another run. */
  private readonly evaluating = new Map<string, boolean>();
  private webhooks: WebhookDeliveryWorker | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(db: Database, psp: PaymentProvider, now: () => number = Date.now) {
    this.deps = { db, psp, now };
  }

  /** After a committed debit of `resellerId`: runs its auto top-up rule in the background. Never throws. */
  readonly afterDebit = (resellerId: string): void => {
    if (this.closed) return;
    // One evaluation per reseller at a time: debits that land while it runs ask for one more run after it (a burst of
    // a busy reseller's sales costs two evaluations, not one per sale), so none is missed and none piles up.
    if (this.evaluating.has(resellerId)) {
      this.evaluating.set(resellerId, true);
      return;
    }
    this.evaluating.set(resellerId, false);
    const run = async (): Promise<void> => {
      try {
        do {
          this.evaluating.set(resellerId, false);
          await evaluateAutoTopUp(this.deps, resellerId);
        } while (this.evaluating.get(resellerId) === true && !this.closed);
      } finally {
        this.evaluating.delete(resellerId);
      }
    };
    this.track(run());
  };

  private track(p: Promise<unknown>): void {
    const done = p
      .catch((err: unknown) =>
        console.error('wallet background work failed:', err instanceof Error ? err.message : err),
      )
      .finally(() => this.inFlight.delete(done));
    this.inFlight.add(done);
  }

  /** Starts the background jobs of this process. */
  startJobs(timings: WalletJobTimings = DEFAULT_WALLET_JOB_TIMINGS): void {
    this.webhooks = new WebhookDeliveryWorker({ db: this.deps.db, now: this.deps.now });
    this.webhooks.start(timings.webhookIntervalMs);
    const sweep = () => {
      if (this.closed) return;
      this.track(
        sweepPendingPurchases(this.deps, timings.sweepAfterMs).finally(() => {
          if (!this.closed) this.sweepTimer = setTimeout(sweep, timings.sweepIntervalMs);
        }),
      );
    };
    this.sweepTimer = setTimeout(sweep, timings.sweepIntervalMs);
  }

  /** Waits for the background work started so far (tests; close). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** Stops the jobs and waits for the work in flight. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.sweepTimer) clearTimeout(this.sweepTimer);
    await this.webhooks?.stop();
    await this.settled();
  }
}
