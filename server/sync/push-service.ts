import {
  commandPayloadSchemas,
  outboxCommandSchema,
  type CommandOutcome,
  type CommandType,
  type OutboxCommand,
  type PushResponse,
  type RejectReason,
} from '../../core/sync/protocol';
import { AppError } from '../../core/app-error';
import type { Database, Queryable } from '../db/database';
import { writeJournal } from '../ledger/journal-writer';
import { lockReseller } from '../resellers/reseller-lock';
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
import { SaleCreateDecider } from './sale-create-decider';
import { SaleVoidDecider } from './sale-void-decider';

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
function makeDeciders(): { readonly [T in CommandType]: CommandDecider<never> } {
  return {
    'card.redeem': new CardRedeemDecider() as CommandDecider<never>,
    'sale.create': new SaleCreateDecider() as CommandDecider<never>,
    'sale.void': new SaleVoidDecider() as CommandDecider<never>,
    'card.batch': new CardBatchDecider() as CommandDecider<never>,
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
      const done = await applyBatch(tx, terminal, segment, context);
      outcomes.push(...done.outcomes);
      balance = done.balance ?? balance;
    }
    return { outcomes, balance };
  });
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

async function applyBatch(
  tx: Queryable,
  pushing: PushingTerminal,
  envelopes: readonly Envelope[],
  context: PushContext,
): Promise<Omit<PushResponse, 'serverTime'>> {
  const { resellerId, terminalId } = pushing;
  const reseller = await lockReseller(tx, resellerId);
  const termRows = await tx.query<{
    sale_prefix: string;
    last_sync_at: Date | string;
    created_at: Date | string;
  }>('SELECT sale_prefix, last_sync_at, created_at FROM terminals WHERE reseller_id = $1 AND id = $2', [
    resellerId,
    terminalId,
  ]);
  const term = termRows[0];
  if (!term) throw new Error('terminal vanished');
  const state: BatchState = {
    tx,
    terminal: {
      resellerId,
      terminalId,
      salePrefix: term.sale_prefix,
      lastSyncAtMs: new Date(term.last_sync_at).getTime(),
      enrolledAtMs: new Date(term.created_at).getTime(),
    },
    reseller,
    balance: reseller.balance,
    nowMs: Date.now(),
    knownSales: new Map(),
    usedSaleIds: new Set(),
    usedSaleNumbers: new Set(),
    voidedSaleIds: new Set(),
    offline: new BatchOfflineWindow(),
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
  const seen = await loadFirstOutcomes(tx, resellerId, envelopes);

  // Parse every payload first so each decider loads what the whole batch needs in a few set queries.
  const deciders = makeDeciders();
  const payloads = envelopes.map((e) => {
    if (!e.ok || !Object.hasOwn(commandPayloadSchemas, e.command.type)) return null;
    const type = e.command.type as CommandType;
    return { type, r: commandPayloadSchemas[type].safeParse(e.command.payload) };
  });
  const byType = new Map<CommandType, ParsedCommand<never>[]>();
  // Only the first command with an id is ever decided (a later one repeats its outcome or is refused as a reused
  // id), so only it is loaded: a redemption runs while it loads.
  const firstOfId = new Set<string>();
  const isFirst = (e: Envelope): boolean => {
    if (!e.ok || firstOfId.has(e.id)) return false;
    firstOfId.add(e.id);
    return true;
  };
  envelopes.forEach((e, i) => {
    const p = payloads[i];
    if (!isFirst(e) || !e.ok || !p?.r.success || seen.has(e.id)) return;
    const list = byType.get(p.type) ?? [];
    list.push({ command: e.command, id: e.id, payload: p.r.data as never });
    byType.set(p.type, list);
  });
  // Commands stored as rejected online and resent as honoured offline are judged again (see below): load them too.
  const rejudged = new Set<string>();
  envelopes.forEach((e, i) => {
    const p = payloads[i];
    if (!e.ok || !p?.r.success || rejudged.has(e.id)) return;
    const first = seen.get(e.id);
    if (first && rejudge(first, e)) {
      rejudged.add(e.id);
      const list = byType.get(p.type) ?? [];
      list.push({ command: e.command, id: e.id, payload: p.r.data as never });
      byType.set(p.type, list);
    }
  });
  const claims = [...byType.values()].flatMap((list) =>
    list.flatMap((c) => (c.command.offlineClaim ? [c.command.offlineClaim] : [])),
  );
  await state.offline.load(tx, state.terminal, claims);
  for (const type of Object.keys(deciders) as CommandType[]) {
    const list = byType.get(type);
    if (list) await deciders[type].load(state, list);
  }

  const w = state.writes;
  /** Ids decided in this batch: a second copy in the same batch repeats that outcome, never a second decision. */
  const decidedHere = new Set<string>();
  const outcomes: CommandOutcome[] = envelopes.map((e, i): CommandOutcome => {
    if (!e.ok) return { id: e.id, status: 'rejected', reason: e.reason, message: e.message };
    const { command, id, hash } = e;
    const first = seen.get(id);
    if (first && first.hash !== hash) {
      return {
        id: command.id,
        status: 'rejected',
        reason: 'id_reused_with_different_payload',
        message: 'this command id was already used for a different command',
      };
    }
    if (first && (decidedHere.has(id) || !rejudge(first, e))) {
      return first.status === 'applied'
        ? { id: command.id, status: 'duplicate', original: 'applied', result: first.result }
        : {
            id: command.id,
            status: 'duplicate',
            original: 'rejected',
            reason: first.reason!,
            message: first.message ?? '',
          };
    }
    // A rejection has no effect, so an online rejection the terminal never received (it honoured the sale offline
    // meanwhile, and now sends it as such) is replaced by the decision under the offline rules it was honoured by.
    if (first) w.replacedCommandIds.push(id);
    decidedHere.add(id);
    const p = payloads[i];
    let verdict: Verdict;
    if (!p)
      verdict = {
        status: 'rejected',
        reason: 'unknown_command_type',
        message: `unknown command type ${command.type}`,
      };
    else if (!p.r.success)
      verdict = { status: 'rejected', reason: 'invalid_payload', message: firstIssue(p.r.error, 'payload') };
    else verdict = deciders[p.type].decide(state, { command, id, payload: p.r.data as never });
    const stored: FirstOutcome =
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
    seen.set(id, stored);
    w.commands.push({
      id,
      type: command.type,
      hash,
      status: stored.status,
      result: stored.result,
      reason: stored.reason,
      message: stored.message,
      offline: command.offline,
      createdAt: command.createdAt,
    });
    return verdict.status === 'applied'
      ? { id: command.id, status: 'applied', result: verdict.result }
      : { id: command.id, status: 'rejected', reason: verdict.reason, message: verdict.message };
  });

  await insertCustomers(tx, resellerId, reseller.currency, w.customers);
  const moved = w.entries.length > 0;
  if (moved) {
    const balances = await writeJournal(tx, resellerId, w.entries);
    const finalBalance = balances.get(reseller.creditAccountId);
    if (finalBalance !== state.balance)
      throw new Error(`balance drift: ledger ${finalBalance}, expected ${state.balance}`);
    w.changes.push({
      kind: 'balance',
      data: { resellerId, currency: reseller.currency, balance: state.balance },
    });
  }
  await writeRecords(tx, resellerId, terminalId, w);
  await writeCardBatches(tx, resellerId, terminalId, w.cardBatches);
  // The balance change is the last one appended: its seq places the balance in the feed for the terminal.
  const lastSeq = await appendChanges(tx, resellerId, w.changes);
  const balance =
    moved && lastSeq !== null
      ? { currency: reseller.currency, balance: state.balance, seq: String(lastSeq) }
      : null;
  return { outcomes, balance };
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
  const rows = await tx.query<{
    id: string;
    payload_hash: string;
    status: 'applied' | 'rejected';
    result: unknown;
    reason: RejectReason | null;
    message: string | null;
    offline: boolean;
  }>(
    'SELECT id, payload_hash, status, result, reason, message, offline FROM commands WHERE reseller_id = $1 AND id = ANY($2::uuid[])',
    [resellerId, ids],
  );
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
