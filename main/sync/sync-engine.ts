import { AppError } from '../../core/app-error';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from '../../core/offline/backoff';
import { MAX_PUSH_BATCH, MAX_PUSH_BYTES } from '../../core/sync/protocol';
import { ApiClientError } from '../api-client/api-error';
import type { TerminalApiClient } from '../api-client/terminal-api-client';
import type { AckRecord, Clock } from '../ledger/ledger-types';
import type { LocalLedger } from '../ledger/local-ledger';
import type { SyncReport } from '../../core/contract/types/sync';
import type { OutboxCommand } from '../../core/sync/protocol';

/** A round starts this soon after an online-first push, to pull the balance and statuses it changed. */
const PULL_AFTER_PUSH_MS = 1_000;

interface PushCounts {
  pushed: number;
  applied: number;
  rejected: number;
  duplicates: number;
}

/**
 * True when the central API itself refused the push request as a whole (a 400, 413 or 422 with its own error body):
 * not a transient failure, not an auth answer, and not a refusal by something in between (a proxy's 400 has no API
 * error code, so it is retried like any outage instead of quarantining honest commands).
 */
function refusedAsAWhole(err: unknown): err is ApiClientError {
  return (
    err instanceof ApiClientError &&
    err.kind === 'client' &&
    (err.httpStatus === 400 || err.httpStatus === 413 || err.httpStatus === 422) &&
    err.fromApi
  );
}

/** How many separate attempts must refuse a command alone before it is quarantined (a refusal that repeats). */
const QUARANTINE_AFTER_REFUSALS = 2;

function describeError(err: unknown): { code: string; message: string; retryable: boolean } {
  if (err instanceof ApiClientError)
    return { code: err.code, message: err.message, retryable: err.retryable };
  if (err instanceof AppError) return { code: err.code, message: err.message, retryable: false };
  return { code: 'sync_failed', message: err instanceof Error ? err.message : String(err), retryable: true };
}

/** What the sync loop needs; everything it remembers lives in the ledger (SQLite), so it survives restarts. */
export interface SyncEngineDeps {
  readonly ledger: LocalLedger;
  /** The API client for the enrolled terminal, or null before enrollment (rounds are skipped). */
  readonly api: () => TerminalApiClient | null;
  readonly clock?: Clock;
  readonly random?: () => number;
  /** Wait between rounds while all is well (default 15 s). */
  readonly idleIntervalMs?: number;
  /** Retry delays after a failed round (default 1 s .. 60 s, full jitter). */
  readonly backoff?: BackoffPolicy;
  /** Commands per push (at most MAX_PUSH_BATCH) and changes per pull page. */
  readonly batchSize?: number;
  /** Called when syncing/online/pending/last-sync may have changed. */
  readonly onStatusChange?: () => void;
  /** Called with the acknowledgements of each push (after they committed). */
  readonly onAcks?: (acks: readonly AckRecord[]) => void;
  /** Called when a command was quarantined (the server refused it as a whole request). */
  readonly onQuarantine?: (commandId: string) => void;
  readonly log?: (message: string) => void;
  /**
   * The wire form of an outbox command (e.g. a redemption's PIN, kept sealed beside the outbox, added only here);
   * default: the command as stored.
   */
  readonly wireCommand?: (command: OutboxCommand) => OutboxCommand;
  /** Runs after each successful round, online (e.g. topping up the PIN reserve); a failure is logged, not retried. */
  readonly afterRound?: (api: TerminalApiClient) => Promise<unknown>;
}

/**
 * The one sync loop of an app instance: push the outbox in order in batches, record outcomes, then pull the
 * change feed page by page. Rounds never overlap; one runs at start, every idle interval, on demand, when the
 * network comes back, and after failures with exponential backoff and full jitter.
 */
export class SyncEngine {
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly idleMs: number;
  private readonly backoff: BackoffPolicy;
  private readonly batch: number;
  private tail: Promise<unknown> = Promise.resolve();
  private queued: Promise<SyncReport> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  /** The failure code last logged: an outage is logged once when it starts, not on every retry. */
  private loggedFailure: string | null = null;
  private running = false;
  private stopped = true;
  private readonly waiters = new Map<string, Set<(ack: AckRecord | null) => void>>();
  /** Serialises pushes (a round's push phase and online-first pushes), so no command is sent twice at once. */
  private pushTail: Promise<unknown> = Promise.resolve();
  /** Online-first pushes in flight. */
  private pushing = 0;
  private timerDue = 0;
  /** Times each outbox command was refused alone by the API (kept in memory: a restart only adds attempts). */
  private readonly refusals = new Map<string, number>();

  constructor(private readonly deps: SyncEngineDeps) {
    this.clock = deps.clock ?? Date.now;
    this.random = deps.random ?? Math.random;
    this.idleMs = deps.idleIntervalMs ?? 15_000;
    this.backoff = deps.backoff ?? DEFAULT_BACKOFF;
    this.batch = Math.min(deps.batchSize ?? MAX_PUSH_BATCH, MAX_PUSH_BATCH);
  }

  /** Logs a failed push or round once per outage (by error code), not on every retry. */
  private logFailure(what: string, e: { code: string; message: string }): void {
    if (this.loggedFailure === e.code) return;
    this.loggedFailure = e.code;
    this.deps.log?.(`${what} failed (${e.code}): ${e.message} Retrying with backoff.`);
  }

  /** True while a round or an online-first push is under way. */
  get syncing(): boolean {
    return this.running || this.pushing > 0;
  }

  /** Starts the loop: a round now, then on the timer. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.syncNow();
  }

  /** Stops the timer and waits for a round or an online-first push in progress to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.tail.catch(() => undefined);
    await this.pushTail.catch(() => undefined);
  }

  /**
   * Runs a round after the one in progress (if any) and resolves when it finished. Calls made while a round
   * is waiting to start share it.
   */
  syncNow(): Promise<SyncReport> {
    if (this.queued) return this.queued;
    const next = this.tail.then(() => {
      this.queued = null;
      return this.round();
    });
    this.queued = next;
    this.tail = next.catch(() => undefined);
    return next;
  }

  /** The host saw the network come back: retry now if the last contact failed. */
  notifyNetworkUp(): void {
    if (!this.deps.ledger.syncState().lastContactOnline) void this.syncNow();
  }

  /**
   * Online-first: pushes now (in outbox order, up to and including this command; no pull, so the answer does not
   * wait for a round or the change feed) and resolves with the command's acknowledgement, or null when no answer
   * came within `timeoutMs` or the push failed. The command stays in the outbox either way until acked. A pull
   * follows soon after in the background while the loop runs.
   */
  pushAndWait(commandId: string, timeoutMs: number): Promise<AckRecord | null> {
    return new Promise((resolve) => {
      let done = false;
      const finish = (ack: AckRecord | null): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.waiters.get(commandId)?.delete(finish);
        if (this.waiters.get(commandId)?.size === 0) this.waiters.delete(commandId);
        resolve(ack);
      };
      const timer = setTimeout(() => finish(null), timeoutMs);
      const set = this.waiters.get(commandId) ?? new Set();
      set.add(finish);
      this.waiters.set(commandId, set);
      this.pushNow(commandId).then(
        () => finish(null),
        () => finish(null),
      );
    });
  }

  /** One online-first push: the outbox up to `commandId`, then a pull scheduled soon (not awaited). */
  private async pushNow(commandId: string): Promise<void> {
    const api = this.deps.api();
    if (!api) return;
    this.pushing += 1;
    this.deps.onStatusChange?.();
    try {
      await this.withPushLock(() => this.pushOutbox(api, null, commandId));
      this.failures = 0;
      this.loggedFailure = null;
      this.scheduleWithin(PULL_AFTER_PUSH_MS);
    } catch (err) {
      const e = describeError(err);
      this.failures += 1;
      this.deps.ledger.recordContact(false, e.message);
      this.logFailure('online push', e);
      this.schedule(Math.max(100, backoffDelay(this.failures, this.backoff, this.random)));
    } finally {
      this.pushing -= 1;
      this.deps.onStatusChange?.();
    }
  }

  private withPushLock<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.pushTail.then(fn, fn);
    this.pushTail = run.catch(() => undefined);
    return run;
  }

  /**
   * Pushes the outbox in order in batches and records the outcomes, until it is empty or (with `untilId`) that
   * command has been acknowledged. Call under the push lock.
   *
   * The server judges each command on its own, so a batch normally never fails because of one command. Should the
   * server still refuse a request as a whole (too large, unparsable: a 400, 413 or 422), the batch is halved until
   * the one command at fault is alone, and that command is quarantined with the server's reason (Sync screen, for a
   * manager) so the commands behind it go on.
   */
  private async pushOutbox(
    api: TerminalApiClient,
    counts: PushCounts | null,
    untilId: string | null,
  ): Promise<void> {
    const ledger = this.deps.ledger;
    let limit = this.batch;
    for (;;) {
      if (untilId !== null && !ledger.pendingCommand(untilId)) return;
      const stored = ledger.peekOutbox(limit);
      if (stored.length === 0) return;
      const wire = this.deps.wireCommand;
      const commands = wire ? stored.map(wire) : stored;
      // Never send a request larger than the API reads: halve the batch, and set aside a command too large alone.
      if (Buffer.byteLength(JSON.stringify({ commands })) > MAX_PUSH_BYTES) {
        if (commands.length > 1) {
          limit = Math.ceil(commands.length / 2);
          continue;
        }
        this.setAside(
          commands[0]!.id,
          'request_too_large',
          'This command is larger than any request the API takes.',
        );
        limit = this.batch;
        continue;
      }
      ledger.markAttempt(commands);
      let response: Awaited<ReturnType<TerminalApiClient['push']>>;
      try {
        response = await api.push(commands);
      } catch (err) {
        if (!refusedAsAWhole(err)) throw err;
        if (commands.length > 1) {
          limit = Math.ceil(commands.length / 2);
          continue;
        }
        const only = commands[0]!;
        // A deterministic refusal repeats: the first time, retry later (with backoff) like any failed push.
        const refusals = (this.refusals.get(only.id) ?? 0) + 1;
        this.refusals.set(only.id, refusals);
        if (refusals < QUARANTINE_AFTER_REFUSALS) throw err;
        this.refusals.delete(only.id);
        this.setAside(only.id, err.code, err.message);
        limit = this.batch;
        continue;
      }
      limit = this.batch;
      ledger.recordServerTime(response.serverTime, this.clock());
      const acks = ledger.applyOutcomes(response.outcomes, commands, response.balance);
      if (counts) {
        counts.pushed += commands.length;
        for (const a of acks) {
          if (a.duplicate) counts.duplicates += 1;
          if (a.status === 'applied') counts.applied += 1;
          else counts.rejected += 1;
        }
      }
      this.deliver(acks);
      // No acknowledgement is progress only when a command was honoured offline meanwhile (it goes again as such).
      const resend = commands.some((c) => !c.offline && ledger.pendingCommand(c.id)?.offline === true);
      if (acks.length === 0 && !resend)
        throw new ApiClientError(
          'invalid_response',
          'push_no_progress',
          'The server acknowledged none of the commands sent.',
        );
      this.deps.onStatusChange?.();
    }
  }

  /** Quarantines one command (for a manager) so the ones behind it go on. */
  private setAside(commandId: string, code: string, message: string): void {
    this.deps.ledger.quarantine(commandId, code, message);
    this.deps.log?.(`command ${commandId} quarantined (${code}): ${message}`);
    this.deps.onQuarantine?.(commandId);
    this.deps.onStatusChange?.();
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerDue = this.clock() + delayMs;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.syncNow();
    }, delayMs);
    this.timer.unref?.();
  }

  /** Makes sure a round starts within `delayMs` (keeps an earlier timer, so a burst of sales does not defer it). */
  private scheduleWithin(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer && this.timerDue <= this.clock() + delayMs) return;
    this.schedule(delayMs);
  }

  private async round(): Promise<SyncReport> {
    const startedAt = new Date(this.clock()).toISOString();
    const counts = { pushed: 0, applied: 0, rejected: 0, duplicates: 0, changesPulled: 0 };
    let api: ReturnType<SyncEngineDeps['api']>;
    try {
      api = this.deps.api();
    } catch (err) {
      // The client cannot be built (e.g. the stored token cannot be decrypted): say so and keep retrying, slowly.
      const e = describeError(err);
      this.failures += 1;
      this.deps.ledger.recordContact(false, e.message);
      this.logFailure('sync round', e);
      this.schedule(Math.max(1_000, backoffDelay(this.failures, this.backoff, this.random)));
      this.deps.onStatusChange?.();
      return { ok: false, error: { ...e, retryable: false }, ...counts, startedAt, finishedAt: startedAt };
    }
    if (!api) {
      return {
        ok: false,
        error: { code: 'not_enrolled', message: 'This terminal is not enrolled yet.', retryable: false },
        ...counts,
        startedAt,
        finishedAt: startedAt,
      };
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = true;
    this.deps.onStatusChange?.();
    const ledger = this.deps.ledger;
    let error: SyncReport['error'] = null;
    try {
      await this.withPushLock(() => this.pushOutbox(api, counts, null));
      const watermark = ledger.ackWatermark();
      let cursor = ledger.syncState().cursor;
      for (;;) {
        const page = await api.pull(cursor, this.batch);
        ledger.recordServerTime(page.serverTime, this.clock());
        ledger.applyChanges(page.changes, page.cursor, page.hasMore, watermark, page.serverTime);
        counts.changesPulled += page.changes.length;
        cursor = page.cursor;
        if (!page.hasMore) break;
      }
      this.failures = 0;
      if (this.loggedFailure) this.deps.log?.('sync recovered: the central API answers again');
      this.loggedFailure = null;
      if (this.deps.afterRound) {
        await this.deps.afterRound(api).catch((err: unknown) => {
          const e = describeError(err);
          this.deps.log?.(`after the sync round (${e.code}): ${e.message}`);
        });
      }
    } catch (err) {
      const e = describeError(err);
      error = e;
      this.failures += 1;
      ledger.recordContact(false, e.message);
      this.logFailure('sync round', e);
    } finally {
      this.running = false;
    }
    this.schedule(
      error ? Math.max(100, backoffDelay(this.failures, this.backoff, this.random)) : this.idleMs,
    );
    this.deps.onStatusChange?.();
    return {
      ok: error === null,
      error,
      ...counts,
      startedAt,
      finishedAt: new Date(this.clock()).toISOString(),
    };
  }

  private deliver(acks: readonly AckRecord[]): void {
    if (acks.length === 0) return;
    this.deps.onAcks?.(acks);
    for (const ack of acks) {
      const set = this.waiters.get(ack.id);
      if (set) for (const finish of [...set]) finish(ack);
    }
  }
}
