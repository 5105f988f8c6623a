import {
  commandPayloadSchemas,
  MAX_PUSH_BATCH,
  outboxCommandSchema,
  type OfflineClaim,
  type CommandOutcome,
  type CommandType,
  type OutboxCommand,
  type PushResponse,
  type RejectReason,
} from '../../core/sync/protocol';
import { AppError } from '../../core/app-error';
import type { Database, Queryable } from '../db/database';
import { writeJournal } from '../ledger/journal-writer';
import { lockReseller, type LockedReseller } from '../resellers/reseller-lock';
import { insertCustomers, writeRecords } from './batch-writer';
import { appendChanges } from './change-feed';
import { commandHash } from './command-hash';
import { BatchOfflineWindow } from './batch-offline-window';
import { CardBatchDecider } from './card-batch-decider';
import { writeCardBatches } from './card-batch-writer';
import { CardRedeemDecider } from './card-redeem-decider';
import type {
  BatchState,
  CommandDecider,
  ParsedCommand,
  PushContext,
  PushingTerminal,
  Verdict,
} from './push-batch';
import { SaleCreateDecider, type SaleCreateRows } from './sale-create-decider';
import {
  lockOnlineSaleGroup,
  type FirstOutcomeRow,
  type OnlineSaleGroupReads,
} from './online-sale-group-reads';
import { writeBatchInOneStatement } from './batch-write-statement';
import { standingTokenHashes, verifyTerminalStanding } from './push-standing';
import { SaleVoidDecider } from './sale-void-decider';
import { balanceAlertChanges } from '../wallet/balance-alert';
import { BatchShifts, ShiftCloseDecider, ShiftOpenDecider } from '../shifts/shift-deciders';
import { BatchStock } from '../stock/batch-stock';
import { StockReleaseDecider } from './stock-release-decider';
import { StockSaleDecider } from './stock-sale-decider';

export type { PushContext, PushingTerminal } from './push-batch';

/** The first outcome of a command, as stored and repeated for every replay. */
interface FirstOutcome {
  readonly hash: string;
  readonly status: 'applied' | 'rejected';
  readonly result: unknown;
  readonly reason: RejectReason | null;
  readonly message: string | null;
  readonly offline: boolean;
}

/** A command of the request after its envelope was judged on its own. */
type Envelope =
  | { readonly ok: true; readonly command: OutboxCommand; readonly id: string; readonly hash: string }
  | { readonly ok: false; readonly id: string; readonly reason: RejectReason; readonly message: string };

/**
 * Every command type's decider, made fresh for each batch (they hold what they loaded for it), in the order they
 * load: `card.redeem` first (it may create a customer that a sale of the same batch then finds).
 */
function makeDeciders(saleCreateRows: SaleCreateRows | null): {
  readonly [T in CommandType]: CommandDecider<never>;
} {
  const stock = new BatchStock();
  const shifts = new BatchShifts();
  return {
    'card.redeem': new CardRedeemDecider() as CommandDecider<never>,
    'sale.create': new SaleCreateDecider(saleCreateRows) as CommandDecider<never>,
    'sale.void': new SaleVoidDecider() as CommandDecider<never>,
    'card.batch': new CardBatchDecider() as CommandDecider<never>,
    'stock.sale': new StockSaleDecider(stock) as CommandDecider<never>,
    'stock.release': new StockReleaseDecider(stock) as CommandDecider<never>,
    'shift.open': new ShiftOpenDecider(shifts) as CommandDecider<never>,
    'shift.close': new ShiftCloseDecider(shifts) as CommandDecider<never>,
  };
}

/** The payload a command is fingerprinted by: a redemption's PIN never reaches the server's storage, not even hashed. */
function fingerprintPayload(type: string, payload: unknown): unknown {
  if (type !== 'card.redeem' || typeof payload !== 'object' || payload === null) return payload;
  const { pin: _pin, ...rest } = payload as Record<string, unknown>;
  return rest;
}

function firstIssue(
  error: { issues: readonly { path: PropertyKey[]; message: string }[] },
  what: string,
): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.map(String).join('.') || what}: ${issue.message}` : `invalid ${what}`;
}

/** Judges one command's envelope (id, type, times, offline claim) and fingerprints it, without the database. */
function parseEnvelope(raw: { readonly id: string }): Envelope {
  const parsed = outboxCommandSchema.safeParse(raw);
  if (!parsed.success)
    return { ok: false, id: raw.id, reason: 'invalid_command', message: firstIssue(parsed.error, 'command') };
  const command = parsed.data;
  try {
    return {
      ok: true,
      command,
      id: command.id.toLowerCase(),
      hash: commandHash(command.type, fingerprintPayload(command.type, command.payload)),
    };
  } catch (err) {
    if (err instanceof AppError)
      return { ok: false, id: raw.id, reason: 'invalid_payload', message: err.message };
    throw err;
  }
}

/**
 * Applies a batch of outbox commands for one terminal in one transaction (one durable commit per batch). Each
 * command is judged on its own: a malformed one is rejected with its reason and the rest proceed, so one bad command
 * never blocks the ones behind it. The reseller's credit row is locked once at the start, which serializes batches of
 * that reseller across processes, so each command is applied exactly once, keyed by (reseller, command id). Each
 * command type's decider loads what the batch needs in a few set queries, then every command is decided in order
 * against the running state, and all rows are written with one multi-row INSERT per table and one balance UPDATE.
 */
export async function pushCommands(
  db: Database,
  terminal: PushingTerminal,
  commands: readonly { readonly id: string }[],
  context: PushContext,
): Promise<Omit<PushResponse, 'serverTime'>> {
  const envelopes = commands.map(parseEnvelope);
  return db.transaction(async (tx) => {
    const outcomes: CommandOutcome[] = [];
    let balance: PushResponse['balance'] = null;
    for (const segment of segments(envelopes)) {
      const [done] = await applyBatch(tx, [{ terminal, envelopes: segment }], context);
      outcomes.push(...done!.outcomes);
      balance = done!.balance ?? balance;
    }
    return { outcomes, balance };
  });
}

/** At most this many commands are decided in one group of several pushes (the push limit of one batch). */
const MAX_GROUP_COMMANDS = MAX_PUSH_BATCH;

/**
 * True when a push may share a group (and its one transaction) with other terminals' pushes of its reseller: every
 * command is a well-formed online sale. Everything else (offline claims, voids, card commands, malformed commands)
 * is decided alone, as its own batch.
 */
function isGroupable(envelopes: readonly Envelope[]): boolean {
  return envelopes.every(
    (e) => e.ok && e.command.type === 'sale.create' && !e.command.offline && !e.command.offlineClaim,
  );
}

/** A terminal's push waiting to be decided in a group. */
export interface PendingPush {
  readonly terminal: PushingTerminal;
  readonly commands: readonly { readonly id: string }[];
  /** Its card keys and caller's address (a group takes the first push's: online sales read neither). */
  readonly context: PushContext;
}

/**
 * Group commit: decides several pushes of one reseller in one transaction, under one lock of its credit row, with
 * one INSERT per table and one durable commit, so a busy reseller's counters are not limited by one lock and one
 * commit per online sale. Pushes that may not share a group (see `isGroupable`), and any push when the group as a
 * whole fails, are decided alone, so one push can never make another fail. Answers in the order given.
 * `committing` is called as the group's COMMIT is sent (see `TransactionHooks`); not when every push is decided alone.
 */
export async function pushGroup(
  db: Database,
  pushes: readonly PendingPush[],
  committing?: () => void,
): Promise<PromiseSettledResult<Omit<PushResponse, 'serverTime'>>[]> {
  const parsed = pushes.map((p) => ({ terminal: p.terminal, envelopes: p.commands.map(parseEnvelope) }));
  const together: number[] = [];
  let count = 0;
  parsed.forEach((p, i) => {
    if (!isGroupable(p.envelopes) || count + p.envelopes.length > MAX_GROUP_COMMANDS) return;
    together.push(i);
    count += p.envelopes.length;
  });
  const results: (PromiseSettledResult<Omit<PushResponse, 'serverTime'>> | undefined)[] = pushes.map(
    () => undefined,
  );
  if (together.length > 1) {
    try {
      const answers = await db.transaction(
        (tx) =>
          applyBatch(
            tx,
            together.map((i) => parsed[i]!),
            pushes[together[0]!]!.context,
          ),
        { committing },
      );
      together.forEach((i, k) => (results[i] = { status: 'fulfilled', value: answers[k]! }));
    } catch {
      // Nothing of the group was written: each of its pushes is decided alone below.
    }
  }
  for (const [i, p] of pushes.entries()) {
    if (results[i]) continue;
    try {
      results[i] = { status: 'fulfilled', value: await pushCommands(db, p.terminal, p.commands, p.context) };
    } catch (err) {
      results[i] = { status: 'rejected', reason: err };
    }
  }
  return results as PromiseSettledResult<Omit<PushResponse, 'serverTime'>>[];
}

/**
 * Splits a batch where order matters across command types: a redemption runs while its segment loads, before the
 * card batches of that segment are written, so a `card.redeem` after a `card.batch` starts a new segment (decided
 * after the first is written, in the same transaction). Commands stay in order; most batches are one segment.
 */
function segments(envelopes: readonly Envelope[]): Envelope[][] {
  const out: Envelope[][] = [[]];
  let hasBatch = false;
  for (const e of envelopes) {
    const type = e.ok ? e.command.type : null;
    if (type === 'card.redeem' && hasBatch) {
      out.push([]);
      hasBatch = false;
    }
    if (type === 'card.batch') hasBatch = true;
    out[out.length - 1]!.push(e);
  }
  return out;
}

/** One terminal's commands in a group: one segment of its push. */
interface GroupPush {
  readonly terminal: PushingTerminal;
  readonly envelopes: readonly Envelope[];
}

/**
 * Decides one group of pushes of one reseller under one lock of its credit row and writes them with one INSERT per
 * table: usually one terminal's segment; with group commit, several terminals' online sales at once (see
 * `isGroupable`). Each push is decided against its own terminal's state, in order, all sharing the reseller's running
 * balance and the batch's writes; each gets its own outcomes and the balance the group left. Online sales only (one
 * push or a group) take four round trips: BEGIN, the lock with every read (`lockOnlineSaleGroup`), one statement for
 * every write (`writeBatchInOneStatement`), COMMIT (two more when the debit crosses the balance alert level).
 */
async function applyBatch(
  tx: Queryable,
  pushes: readonly GroupPush[],
  context: PushContext,
): Promise<Omit<PushResponse, 'serverTime'>[]> {
  const first = pushes[0];
  if (!first) return [];
  const { resellerId, terminalId } = first.terminal;
  if (pushes.some((p) => p.terminal.resellerId !== resellerId))
    throw new Error('a push group mixes resellers');
  if (pushes.length > 1 && !pushes.every((p) => isGroupable(p.envelopes)))
    throw new Error('only online sales are decided in a group of several pushes');
  const terminalIds = [...new Set(pushes.map((p) => p.terminal.terminalId))];
  // Online sales only (one push or a group): the lock and every read below in one round trip, every write in one
  // more. Anything else takes the lock on its own and reads per decider.
  let reseller: LockedReseller;
  let group: OnlineSaleGroupReads | null = null;
  if (pushes.every((p) => isGroupable(p.envelopes))) {
    const locked = await lockOnlineSaleGroup(
      tx,
      resellerId,
      terminalIds,
      pushes.flatMap((p) => p.envelopes.flatMap((e) => (e.ok ? [e] : []))),
      standingTokenHashes(pushes.map((p) => p.terminal)),
    );
    reseller = locked.reseller;
    group = locked.reads;
  } else {
    reseller = await lockReseller(tx, resellerId);
  }
  const termRows =
    group?.terminals ??
    (await tx.query<{
      id: string;
      sale_prefix: string;
      last_sync_at: Date | string;
      created_at: Date | string;
    }>(
      'SELECT id, sale_prefix, last_sync_at, created_at FROM terminals WHERE reseller_id = $1 AND id = ANY($2::uuid[])',
      [resellerId, terminalIds],
    ));
  // A token whose standing was not read with it is checked now, under the lock, before anything is decided.
  await verifyTerminalStanding(
    tx,
    resellerId,
    pushes.map((p) => p.terminal),
    group,
  );
  const terms = new Map(termRows.map((r) => [r.id, r]));
  const shared: Omit<BatchState, 'terminal' | 'offline'> = {
    tx,
    reseller,
    balance: reseller.balance,
    nowMs: Date.now(),
    knownSales: new Map(),
    usedSaleIds: new Set(),
    usedSaleNumbers: new Set(),
    voidedSaleIds: new Set(),
    context,
    writes: {
      customers: [],
      entries: [],
      grants: [],
      sales: [],
      refundedSales: [],
      saleVoids: [],
      commands: [],
      replacedCommandIds: [],
      changes: [],
      cardBatches: [],
    },
  };
  // Each push's state: its own terminal and offline window, the rest shared (the balance is carried from one push
  // to the next below).
  const states: BatchState[] = pushes.map((p) => {
    const term = terms.get(p.terminal.terminalId);
    if (!term) throw new Error('terminal vanished');
    return {
      ...shared,
      terminal: {
        resellerId,
        terminalId: p.terminal.terminalId,
        salePrefix: term.sale_prefix,
        lastSyncAtMs: new Date(term.last_sync_at).getTime(),
        enrolledAtMs: new Date(term.created_at).getTime(),
      },
      offline: new BatchOfflineWindow(),
    };
  });
  const state = states[0]!;
  const all = pushes.flatMap((p) => p.envelopes);
  const seen = group ? firstOutcomesOf(group.commands) : await loadFirstOutcomes(tx, resellerId, all);

  // Parse every payload first so each decider loads what the whole batch needs in a few set queries.
  const deciders = makeDeciders(group?.saleCreate ?? null);
  const payloadsOf = (envelopes: readonly Envelope[]) =>
    envelopes.map((e) => {
      if (!e.ok || !Object.hasOwn(commandPayloadSchemas, e.command.type)) return null;
      const type = e.command.type as CommandType;
      return { type, r: commandPayloadSchemas[type].safeParse(e.command.payload) };
    });
  const payloads = pushes.map((p) => payloadsOf(p.envelopes));
  const byType = new Map<CommandType, ParsedCommand<never>[]>();
  const claimsOf = pushes.map((): OfflineClaim[] => []);
  const collect = (k: number, type: CommandType, c: ParsedCommand<never>): void => {
    const list = byType.get(type) ?? [];
    list.push(c);
    byType.set(type, list);
    if (c.command.offlineClaim) claimsOf[k]!.push(c.command.offlineClaim);
  };
  // Only the first command with an id is ever decided (a later one repeats its outcome or is refused as a reused
  // id), so only it is loaded: a redemption runs while it loads.
  const firstOfId = new Set<string>();
  const isFirst = (e: Envelope): boolean => {
    if (!e.ok || firstOfId.has(e.id)) return false;
    firstOfId.add(e.id);
    return true;
  };
  pushes.forEach((push, k) =>
    push.envelopes.forEach((e, i) => {
      const p = payloads[k]![i];
      if (!isFirst(e) || !e.ok || !p?.r.success || seen.has(e.id)) return;
      collect(k, p.type, { command: e.command, id: e.id, payload: p.r.data as never });
    }),
  );
  // Commands stored as rejected online and resent as honoured offline are judged again (see below): load them too.
  const rejudged = new Set<string>();
  pushes.forEach((push, k) =>
    push.envelopes.forEach((e, i) => {
      const p = payloads[k]![i];
      if (!e.ok || !p?.r.success || rejudged.has(e.id)) return;
      const stored = seen.get(e.id);
      if (stored && rejudge(stored, e)) {
        rejudged.add(e.id);
        collect(k, p.type, { command: e.command, id: e.id, payload: p.r.data as never });
      }
    }),
  );
  for (const [k, s] of states.entries()) await s.offline.load(tx, s.terminal, claimsOf[k]!);
  // Loads read by reseller, package, customer and id, never by terminal, for the only type a group of several
  // pushes holds (online sales), so the first push's state serves them all.
  for (const type of Object.keys(deciders) as CommandType[]) {
    const list = byType.get(type);
    if (list) await deciders[type].load(state, list);
  }

  const w = shared.writes;
  /** Ids decided in this batch: a second copy in the same batch repeats that outcome, never a second decision. */
  const decidedHere = new Set<string>();
  let balance = shared.balance;
  const outcomesOf = pushes.map((push, k): CommandOutcome[] => {
    const s = states[k]!;
    s.balance = balance;
    const outcomes = push.envelopes.map((e, i): CommandOutcome => {
      if (!e.ok) return { id: e.id, status: 'rejected', reason: e.reason, message: e.message };
      const { command, id, hash } = e;
      const stored = seen.get(id);
      if (stored && stored.hash !== hash) {
        return {
          id: command.id,
          status: 'rejected',
          reason: 'id_reused_with_different_payload',
          message: 'this command id was already used for a different command',
        };
      }
      if (stored && (decidedHere.has(id) || !rejudge(stored, e))) {
        return stored.status === 'applied'
          ? { id: command.id, status: 'duplicate', original: 'applied', result: stored.result }
          : {
              id: command.id,
              status: 'duplicate',
              original: 'rejected',
              reason: stored.reason!,
              message: stored.message ?? '',
            };
      }
      // A rejection has no effect, so an online rejection the terminal never received (it honoured the sale offline
      // meanwhile, and now sends it as such) is replaced by the decision under the offline rules it was honoured by.
      if (stored) w.replacedCommandIds.push(id);
      decidedHere.add(id);
      const p = payloads[k]![i];
      let verdict: Verdict;
      if (!p)
        verdict = {
          status: 'rejected',
          reason: 'unknown_command_type',
          message: `unknown command type ${command.type}`,
        };
      else if (!p.r.success)
        verdict = {
          status: 'rejected',
          reason: 'invalid_payload',
          message: firstIssue(p.r.error, 'payload'),
        };
      else verdict = deciders[p.type].decide(s, { command, id, payload: p.r.data as never });
      const outcome: FirstOutcome =
        verdict.status === 'applied'
          ? {
              hash,
              status: 'applied',
              result: verdict.result,
              reason: null,
              message: null,
              offline: command.offline,
            }
          : {
              hash,
              status: 'rejected',
              result: null,
              reason: verdict.reason,
              message: verdict.message,
              offline: command.offline,
            };
      seen.set(id, outcome);
      w.commands.push({
        id,
        type: command.type,
        hash,
        status: outcome.status,
        result: outcome.result,
        reason: outcome.reason,
        message: outcome.message,
        offline: command.offline,
        createdAt: command.createdAt,
        terminalId: s.terminal.terminalId,
      });
      return verdict.status === 'applied'
        ? { id: command.id, status: 'applied', result: verdict.result }
        : { id: command.id, status: 'rejected', reason: verdict.reason, message: verdict.message };
    });
    balance = s.balance;
    return outcomes;
  });

  const moved = w.entries.length > 0;
  let lastSeq: number | null;
  if (group) {
    if (moved) {
      // The debit's alert notice and the balance change go in the one write (the notice's webhook event is queued
      // first, only when the debit crossed the alert level read with the group); the drift check follows it.
      const level = group.alertLevel;
      if (level !== null && reseller.balance >= level && balance < level)
        w.changes.push(
          ...(await balanceAlertChanges(tx, resellerId, reseller.currency, reseller.balance, balance)),
        );
      w.changes.push({ kind: 'balance', data: { resellerId, currency: reseller.currency, balance } });
    }
    // The balance change is the last one appended: its seq places the balance in the feed for the terminal.
    const written = await writeBatchInOneStatement(tx, resellerId, reseller.currency, terminalId, w);
    const finalBalance = written.balances.get(reseller.creditAccountId) ?? reseller.balance;
    if (moved && finalBalance !== balance)
      throw new Error(`balance drift: ledger ${finalBalance}, expected ${balance}`);
    lastSeq = written.lastSeq;
  } else {
    await insertCustomers(tx, resellerId, reseller.currency, w.customers);
    if (moved) {
      const balances = await writeJournal(tx, resellerId, w.entries);
      // Entries that leave the credits alone (a sale from stock) keep the balance the batch started with.
      const finalBalance = balances.get(reseller.creditAccountId) ?? reseller.balance;
      if (finalBalance !== balance)
        throw new Error(`balance drift: ledger ${finalBalance}, expected ${balance}`);
      // A debit that crossed the reseller's alert level: its notice and webhook event commit with the debit.
      w.changes.push(
        ...(await balanceAlertChanges(tx, resellerId, reseller.currency, reseller.balance, balance)),
      );
      w.changes.push({
        kind: 'balance',
        data: { resellerId, currency: reseller.currency, balance },
      });
    }
    await writeRecords(tx, resellerId, terminalId, w);
    await writeCardBatches(tx, resellerId, terminalId, w.cardBatches);
    for (const decider of Object.values(deciders)) await decider.write?.(state);
    // The balance change is the last one appended: its seq places the balance in the feed for the terminal.
    lastSeq = await appendChanges(tx, resellerId, w.changes);
  }
  const answer =
    moved && lastSeq !== null ? { currency: reseller.currency, balance, seq: String(lastSeq) } : null;
  return outcomesOf.map((outcomes) => ({ outcomes, balance: answer }));
}

/** True when a stored online rejection is to be judged again: the same command, now sent as honoured offline. */
function rejudge(first: FirstOutcome, e: Extract<Envelope, { ok: true }>): boolean {
  return first.status === 'rejected' && !first.offline && e.command.offline && first.hash === e.hash;
}

/** The stored first outcomes of the batch's commands, by lower-case id. */
async function loadFirstOutcomes(
  tx: Queryable,
  resellerId: string,
  envelopes: readonly Envelope[],
): Promise<Map<string, FirstOutcome>> {
  const ids = [...new Set(envelopes.flatMap((e) => (e.ok ? [e.id] : [])))];
  const seen = new Map<string, FirstOutcome>();
  if (ids.length === 0) return seen;
  const rows = await tx.query<FirstOutcomeRow>(
    'SELECT id, payload_hash, status, result, reason, message, offline FROM commands WHERE reseller_id = $1 AND id = ANY($2::uuid[])',
    [resellerId, ids],
  );
  return firstOutcomesOf(rows);
}

/** First outcomes by lower-case id, from their commands rows. */
function firstOutcomesOf(rows: readonly FirstOutcomeRow[]): Map<string, FirstOutcome> {
  const seen = new Map<string, FirstOutcome>();
  for (const r of rows) {
    seen.set(r.id, {
      hash: r.payload_hash,
      status: r.status,
      result: r.result,
      reason: r.reason,
      message: r.message,
      offline: r.offline,
    });
  }
  return seen;
}
