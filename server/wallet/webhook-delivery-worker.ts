import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import {
  WEBHOOK_EVENT_ID_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  type WebhookDelivery,
} from '../../core/wallet/wallet-api';
import { signWebhook } from '../../core/wallet/webhook-signature';
import { uuidv7 } from '../../core/uuidv7';
import type { Database } from '../db/database';
import { toIso, toIsoOrNull } from '../db/sql-values';
import { type PinnedAddress, resolveWebhookTarget } from './webhook-address';

/** Delivery attempts before an event is marked failed. */
export const WEBHOOK_MAX_ATTEMPTS = 10;
/** The shortest claim lease; a claim lasts at least batch size x timeout (every delivery of the batch can run out). */
const MIN_CLAIM_LEASE_MS = 60_000;
/** Events per claim, and per reseller in one claim (one busy or slow reseller cannot fill a batch). */
const DEFAULT_BATCH_SIZE = 10;
const DEFAULT_PER_RESELLER = 3;
/** One delivery's timeout. */
const DEFAULT_TIMEOUT_MS = 5_000;
/** Resellers delivered to at once (each reseller's events go one after another, in order). */
const DEFAULT_CONCURRENCY = 4;

/** Exponential backoff with jitter: about 2^attempt seconds (half to full), at most an hour. */
export function webhookBackoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(3_600_000, 1000 * 2 ** Math.min(attempt, 12));
  return Math.round(base / 2 + (random() * base) / 2);
}

/** How the worker is built; tests inject the clock, the backoff and the HTTP client. */
export interface WebhookWorkerOptions {
  readonly db: Database;
  readonly now?: () => number;
  readonly backoffMs?: (attempt: number) => number;
  /**
   * The HTTP client (tests). Without it the worker POSTs with node:http(s), connecting only to the address it checked
   * (`resolveWebhookTarget`); with it, the address is checked the same way before the call.
   */
  readonly fetch?: typeof fetch;
  /** Events per claim. */
  readonly batchSize?: number;
  /** Events of one reseller per claim. */
  readonly perResellerLimit?: number;
  /** One delivery's timeout. */
  readonly timeoutMs?: number;
  /** Resellers delivered to at once. */
  readonly concurrency?: number;
}

/** A claimed event: its URL is the reseller's webhook URL now (null when cleared since it was queued). */
interface ClaimedEvent {
  reseller_id: string;
  id: string;
  url: string | null;
  body: string;
  attempts: number;
  secret: string | null;
}

/**
 * Delivers the wallet's webhook events from the outbox. A run claims due rows with FOR UPDATE SKIP LOCKED (so several
 * server processes can run it), at most `perResellerLimit` per reseller, oldest-waiting resellers first, by pushing
 * their next attempt out by a lease and stamping them with a fresh claim id. Resellers are delivered to concurrently
 * (a slow receiver holds up only its own reseller), each reseller's events one after another. Before each POST and in
 * the final update the claim id is checked: an instance whose lease lapsed and whose events another instance claimed
 * neither re-sends them nor overwrites the other's result (a delivered event stays delivered). Every attempt is kept
 * in the delivery log. A failure is rescheduled with backoff, or marked failed after WEBHOOK_MAX_ATTEMPTS.
 *
 * An event goes to the reseller's webhook URL current at delivery; when the URL was cleared, queued events are
 * dropped (marked failed, "webhook URL cleared"), never sent to the old address.
 */
export class WebhookDeliveryWorker {
  private readonly now: () => number;
  private readonly backoffMs: (attempt: number) => number;
  private readonly timeoutMs: number;
  private readonly batchSize: number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(private readonly options: WebhookWorkerOptions) {
    this.now = options.now ?? Date.now;
    this.backoffMs = options.backoffMs ?? ((n) => webhookBackoffMs(n));
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  }

  /** How long a claim holds its events: at least every delivery of the batch timing out one after another. */
  private get leaseMs(): number {
    return Math.max(MIN_CLAIM_LEASE_MS, this.batchSize * this.timeoutMs + 5_000);
  }

  /** Delivers the events due now; answers how many it tried. */
  async runOnce(): Promise<number> {
    const nowIso = new Date(this.now()).toISOString();
    const claimId = uuidv7();
    const claimed = await this.options.db.query<ClaimedEvent>(
      `UPDATE webhook_outbox o SET next_attempt_at = $2, claim_id = $5
         FROM (SELECT e.reseller_id, e.id
                 FROM (SELECT reseller_id FROM webhook_outbox
                        WHERE status = 'pending' AND next_attempt_at <= $1
                        GROUP BY reseller_id ORDER BY min(next_attempt_at) LIMIT $3) r
                 CROSS JOIN LATERAL (
                   SELECT w.reseller_id, w.id, w.next_attempt_at FROM webhook_outbox w
                    WHERE w.reseller_id = r.reseller_id AND w.status = 'pending' AND w.next_attempt_at <= $1
                    ORDER BY w.next_attempt_at, w.id LIMIT $4 FOR UPDATE SKIP LOCKED) e
                ORDER BY e.next_attempt_at LIMIT $3) due
        WHERE o.reseller_id = due.reseller_id AND o.id = due.id
        RETURNING o.reseller_id, o.id, o.body, o.attempts,
          (SELECT webhook_url FROM wallet_settings s WHERE s.reseller_id = o.reseller_id) AS url,
          (SELECT webhook_secret FROM wallet_settings s WHERE s.reseller_id = o.reseller_id) AS secret`,
      [
        nowIso,
        new Date(this.now() + this.leaseMs).toISOString(),
        this.batchSize,
        this.options.perResellerLimit ?? DEFAULT_PER_RESELLER,
        claimId,
      ],
    );
    // Per reseller, in the order the events were made (uuidv7 ids sort by time).
    const byReseller = new Map<string, ClaimedEvent[]>();
    for (const e of [...claimed].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
      const list = byReseller.get(e.reseller_id) ?? [];
      list.push(e);
      byReseller.set(e.reseller_id, list);
    }
    const groups = [...byReseller.values()];
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < groups.length) {
        const group = groups[next++]!;
        for (const e of group) {
          await this.deliver(e, claimId).catch((err: unknown) =>
            console.error('webhook delivery failed:', err instanceof Error ? err.message : err),
          );
        }
      }
    };
    const lanes = Math.min(this.options.concurrency ?? DEFAULT_CONCURRENCY, groups.length);
    await Promise.all(Array.from({ length: lanes }, lane));
    return claimed.length;
  }

  /** Whether this run still holds the event's claim (another instance may have claimed it once the lease lapsed). */
  private async holdsClaim(e: ClaimedEvent, claimId: string): Promise<boolean> {
    const rows = await this.options.db.query<{ claim_id: string | null; status: string }>(
      'SELECT claim_id, status FROM webhook_outbox WHERE reseller_id = $1 AND id = $2',
      [e.reseller_id, e.id],
    );
    return rows[0]?.claim_id === claimId && rows[0]?.status === 'pending';
  }

  private async deliver(e: ClaimedEvent, claimId: string): Promise<void> {
    if (!(await this.holdsClaim(e, claimId))) return;
    if (!e.url) {
      await this.options.db.query(
        `UPDATE webhook_outbox SET status = 'failed', last_error = 'webhook URL cleared: event dropped',
                next_attempt_at = NULL
          WHERE reseller_id = $1 AND id = $2 AND claim_id = $3 AND status = 'pending'`,
        [e.reseller_id, e.id, claimId],
      );
      return;
    }
    const url = e.url;
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        [WEBHOOK_EVENT_ID_HEADER]: e.id,
      };
      if (e.secret)
        headers[WEBHOOK_SIGNATURE_HEADER] = await signWebhook(e.secret, e.body, this.now() / 1000);
      const target = await resolveWebhookTarget(url);
      statusCode = this.options.fetch
        ? await this.postWithFetch(this.options.fetch, url, headers, e.body)
        : await pinnedPost(url, target, headers, e.body, this.timeoutMs);
      if (statusCode < 200 || statusCode >= 300) error = `receiver answered ${statusCode}`;
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    const attempt = e.attempts + 1;
    const nowMs = this.now();
    const delivered = error === null;
    const failed = !delivered && attempt >= WEBHOOK_MAX_ATTEMPTS;
    await this.options.db.transaction(async (tx) => {
      // Every attempt is logged, even one whose claim lapsed meanwhile (it did reach out to the receiver).
      await tx.query(
        `INSERT INTO webhook_delivery_attempts (reseller_id, event_id, attempt, status_code, error, attempted_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [e.reseller_id, e.id, attempt, statusCode, error, new Date(nowMs).toISOString()],
      );
      await tx.query(
        `UPDATE webhook_outbox SET attempts = $3, last_status_code = $4, last_error = $5, status = $6,
                next_attempt_at = $7, delivered_at = $8, url = $10
          WHERE reseller_id = $1 AND id = $2 AND claim_id = $9 AND status = 'pending'`,
        [
          e.reseller_id,
          e.id,
          attempt,
          statusCode,
          error,
          delivered ? 'delivered' : failed ? 'failed' : 'pending',
          delivered || failed ? null : new Date(nowMs + this.backoffMs(attempt)).toISOString(),
          delivered ? new Date(nowMs).toISOString() : null,
          claimId,
          url,
        ],
      );
    });
  }

  private async postWithFetch(
    fetchFn: typeof fetch,
    url: string,
    headers: Record<string, string>,
    body: string,
  ): Promise<number> {
    const res = await fetchFn(url, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    await res.body?.cancel().catch(() => undefined);
    return res.status;
  }

  /** Runs the worker every `intervalMs` until stopped (one run at a time). */
  start(intervalMs: number): void {
    const tick = () => {
      if (this.stopped) return;
      this.running = this.runOnce()
        .catch(() => undefined)
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, intervalMs);
        });
    };
    this.timer = setTimeout(tick, intervalMs);
  }

  /** Stops the loop and waits for a run in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}

/** The delivery log of a reseller's webhook events, newest first. */
export async function listWebhookDeliveries(
  db: Database,
  resellerId: string,
  limit: number,
): Promise<WebhookDelivery[]> {
  const rows = await db.query<{
    id: string;
    type: string;
    url: string;
    status: WebhookDelivery['status'];
    attempts: number;
    last_status_code: number | null;
    last_error: string | null;
    next_attempt_at: unknown;
    delivered_at: unknown;
    created_at: unknown;
  }>(
    `SELECT id, type, url, status, attempts, last_status_code, last_error, next_attempt_at, delivered_at, created_at
       FROM webhook_outbox WHERE reseller_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
    [resellerId, limit],
  );
  return rows.map((r) => ({
    eventId: r.id,
    type: r.type,
    url: r.url,
    status: r.status,
    attempts: r.attempts,
    lastStatusCode: r.last_status_code,
    lastError: r.last_error,
    nextAttemptAt: r.status === 'pending' ? toIsoOrNull(r.next_attempt_at) : null,
    deliveredAt: toIsoOrNull(r.delivered_at),
    createdAt: toIso(r.created_at),
  }));
}

/**
 * POSTs `body` to `url`, connecting only to `target` (the address `resolveWebhookTarget` checked; the host name still
 * goes in the Host header and TLS SNI/certificate check). No redirects are followed. Answers the status code.
 */
function pinnedPost(
  url: string,
  target: PinnedAddress,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<number> {
  const u = new URL(url);
  const lookup: LookupFunction = (_host, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  return new Promise<number>((resolve, reject) => {
    const req = (u.protocol === 'https:' ? httpsRequest : httpRequest)(
      u,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup,
        agent: false,
      },
      (res) => {
        clearTimeout(timer);
        resolve(res.statusCode ?? 0);
        res.destroy();
      },
    );
    const timer = setTimeout(
      () => req.destroy(new Error('The operation was aborted due to timeout')),
      timeoutMs,
    );
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end(body);
  });
}
