/* eslint-disable @typescript-eslint/no-explicit-any -- tests probe untyped JSON answers of the API */
import type { FetchLike } from '../../../main/api-client/keep-alive-fetch';
import { uuidv7 } from '../../../core/uuidv7';
import {
  pullResponseSchema,
  type Change,
  type EnrollResponse,
  type FloorLimits,
  type OfflineClaim,
  type OutboxCommand,
  type Package,
} from '../../../core/sync/protocol';
import type { Database } from '../../../server/db/database';
import { startServer, type RunningServer } from '../../../server/start-server';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { OpenedBackend, ServerBackend } from './server-backends';

/** The operator key every test server uses. */
export const TEST_OPERATOR_KEY = 'test-operator-key-0123456789abcdefghijklmnopqrstuvwxyz';

/** Failure limits no test reaches, for servers whose tests are about something else. */
export const UNLIMITED_FAILURES = { maxFailures: 1_000_000, windowMs: 60_000 };

/** An HTTP answer: status and parsed JSON body. */
export interface ApiAnswer<T = any> {
  readonly status: number;
  readonly body: T;
}

/** A tiny JSON client for the API under test. */
export interface ApiClient {
  readonly url: string;
  call<T = any>(
    method: string,
    path: string,
    opts?: { token?: string; body?: unknown; raw?: string },
  ): Promise<ApiAnswer<T>>;
}

/** Starts a server on a free port over an open database (left open on close). */
export async function startTestServer(
  db: Database,
  dataDir: string,
): Promise<{ server: RunningServer; api: ApiClient }> {
  const server = await startServer({
    port: 0,
    database: db,
    dataDir,
    operatorKey: TEST_OPERATOR_KEY,
    seedDemo: false,
    // Tests that try every route with every wrong credential would trip the production limits from one address;
    // the limits are proven on their own servers in security-limits.test.ts.
    failureLimits: { auth: UNLIMITED_FAILURES, enrollment: UNLIMITED_FAILURES },
  });
  return { server, api: apiClient(server.url) };
}

/** What a server test block uses: the HTTP client of its server and the database behind it. */
export interface TestServerContext {
  readonly api: ApiClient;
  readonly db: Database;
}

/**
 * For the enclosing `describe` block: opens `backend` and starts a test server on it before the tests, and stops
 * both after. `isolated`: a database of its own on an external PostgreSQL too (for tests of work that spans every
 * reseller, like the webhook delivery worker, which other files' servers would otherwise share). The returned fields are ready inside tests and later `beforeAll` hooks.
 */
export function useTestServer(
  backend: ServerBackend,
  opts: { readonly isolated?: boolean } = {},
): TestServerContext {
  let opened: OpenedBackend | undefined;
  let started: { server: RunningServer; api: ApiClient } | undefined;
  beforeAll(async () => {
    opened = await backend.open(opts);
    started = await startTestServer(opened.db, mkdtempSync(join(tmpdir(), 'refill-data-')));
  });
  afterAll(async () => {
    await started?.server.close();
    await opened?.cleanup();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined)
      throw new Error('the test server is not started yet (use it inside tests or hooks)');
    return value;
  };
  return {
    get api() {
      return ready(started).api;
    },
    get db() {
      return ready(opened).db;
    },
  };
}

/** A JSON client for a base URL, on node's fetch unless given another transport (benches use the terminal's). */
export function apiClient(url: string, transport: FetchLike = fetch): ApiClient {
  return {
    url,
    async call(method, path, opts = {}) {
      const headers: Record<string, string> = {};
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      let body: string | undefined;
      if (opts.raw !== undefined) {
        body = opts.raw;
        headers['content-type'] = 'application/json';
      } else if (opts.body !== undefined) {
        body = JSON.stringify(opts.body);
        headers['content-type'] = 'application/json';
      }
      const res = await transport(`${url}${path}`, { method, headers, body });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        /* not JSON */
      }
      return { status: res.status, body: parsed as never };
    },
  };
}

/** A reseller with one enrolled terminal, made through the operator API. */
export interface TenantFixture {
  readonly resellerId: string;
  readonly terminal: EnrollResponse;
  readonly token: string;
  readonly pkg: Package;
  readonly bundle: Package;
  /** The server's stamp of the terminal's first sync (a full pull right after enrollment). */
  readonly lastSyncAt: string;
}

let saleCounter = 0;
/** Offline decision numbers handed out per terminal, as an honest terminal numbers its offline sales. */
const offlineSeqs = new Map<string, number>();

/** A unique package code for tests sharing one database. */
export function uniqueCode(prefix: string): string {
  return `${prefix}_${uuidv7().replace(/-/g, '').slice(-12)}`;
}

/** Creates a USD reseller (credits optional), a top-up package, a bundle, and enrolls a terminal. */
export async function createTenant(
  api: ApiClient,
  opts: { credits?: number; floorLimits?: FloorLimits; parentId?: string } = {},
): Promise<TenantFixture> {
  const op = TEST_OPERATOR_KEY;
  const r = await api.call('POST', '/v1/operator/resellers', {
    token: op,
    body: { name: `Shop ${uuidv7().slice(-6)}`, currency: 'USD', parentId: opts.parentId ?? null },
  });
  if (r.status !== 201) throw new Error(`create reseller: ${r.status} ${JSON.stringify(r.body)}`);
  const resellerId = r.body.id as string;
  if (opts.credits) {
    const c = await api.call('POST', `/v1/operator/resellers/${resellerId}/credits`, {
      token: op,
      body: { amount: opts.credits },
    });
    if (c.status !== 200) throw new Error(`credits: ${c.status} ${JSON.stringify(c.body)}`);
  }
  const pkg = await api.call('POST', '/v1/operator/packages', {
    token: op,
    body: {
      code: uniqueCode('T10'),
      name: 'Top-up 10',
      kind: 'topup',
      faceValue: 1000,
      wholesalePrice: 950,
      retailPrice: 1000,
      currency: 'USD',
      validityDays: null,
    },
  });
  const bundle = await api.call('POST', '/v1/operator/packages', {
    token: op,
    body: {
      code: uniqueCode('D1'),
      name: 'Data 1 GB / 7 days',
      kind: 'bundle',
      faceValue: 500,
      wholesalePrice: 400,
      retailPrice: 500,
      currency: 'USD',
      validityDays: 7,
    },
  });
  const terminal = await enrollTerminal(api, resellerId, opts.floorLimits);
  return { resellerId, ...terminal, pkg: pkg.body, bundle: bundle.body };
}

/** Enrolls one more terminal of a tenant's reseller (same packages) and syncs it once. */
export async function anotherTerminal(api: ApiClient, t: TenantFixture): Promise<TenantFixture> {
  return { ...t, ...(await enrollTerminal(api, t.resellerId)) };
}

async function enrollTerminal(
  api: ApiClient,
  resellerId: string,
  floorLimits?: FloorLimits,
): Promise<Pick<TenantFixture, 'terminal' | 'token' | 'lastSyncAt'>> {
  const code = await api.call('POST', `/v1/operator/resellers/${resellerId}/enrollment-codes`, {
    token: TEST_OPERATOR_KEY,
    body: {
      floorLimits: floorLimits ?? { perSaleMax: 5000, totalOfflineMax: 20000, maxHoursSinceSync: 24 },
    },
  });
  const enrolled = await api.call<EnrollResponse>('POST', '/v1/terminal/enroll', {
    body: { code: code.body.code, terminalName: 'Counter' },
  });
  if (enrolled.status !== 201) throw new Error(`enroll: ${enrolled.status} ${JSON.stringify(enrolled.body)}`);
  return {
    terminal: enrolled.body,
    token: enrolled.body.token,
    lastSyncAt: await pullToEnd(api, enrolled.body.token),
  };
}

/** Pulls a terminal's feed to the end (a successful sync); returns the server's stamp of it. */
export async function pullToEnd(api: ApiClient, token: string): Promise<string> {
  return (await readFeed(api, token)).serverTime;
}

/**
 * Reads a terminal's feed from `cursor` to its end, page by page. A new reseller's feed starts with the whole global
 * catalog, which on a database shared by the test files can outgrow any one page: a test that looks for its own
 * changes reads them all.
 */
export async function readFeed(
  api: ApiClient,
  token: string,
  cursor = '0',
): Promise<{ changes: Change[]; cursor: string; serverTime: string }> {
  const changes: Change[] = [];
  for (;;) {
    const r = await api.call('GET', `/v1/terminal/sync/pull?cursor=${cursor}&limit=1000`, { token });
    if (r.status !== 200) throw new Error(`pull: ${r.status} ${JSON.stringify(r.body)}`);
    const page = pullResponseSchema.parse(r.body);
    changes.push(...page.changes);
    cursor = page.cursor;
    if (!page.hasMore) return { changes, cursor, serverTime: page.serverTime };
  }
}

/** Builds a valid `sale.create` command for a tenant's package. */
export function saleCommand(
  t: TenantFixture,
  opts: {
    offline?: boolean;
    quantity?: number;
    account?: string;
    pkg?: Package;
    /** Offline claim fields to use instead of the defaults (a new decision number, window from 1, limits v1). */
    claim?: Partial<OfflineClaim>;
    createdAt?: string;
  } = {},
): OutboxCommand {
  const pkg = opts.pkg ?? t.pkg;
  const quantity = opts.quantity ?? 1;
  saleCounter += 1;
  const offline = opts.offline ?? false;
  let offlineClaim: OfflineClaim | undefined;
  if (offline) {
    const seq = (offlineSeqs.get(t.terminal.terminalId) ?? 0) + 1;
    offlineSeqs.set(t.terminal.terminalId, seq);
    offlineClaim = { seq, windowStart: 1, limitsVersion: 1, lastSyncAt: t.lastSyncAt, ...opts.claim };
  }
  return {
    id: uuidv7(),
    type: 'sale.create',
    payload: {
      saleId: uuidv7(),
      saleNumber: `${t.terminal.salePrefix}-${String(saleCounter).padStart(6, '0')}${uuidv7().slice(-4).replace(/[a-f]/g, '1')}`,
      packageId: pkg.id,
      packageVersion: pkg.version,
      customerAccount: opts.account ?? '+15550001111',
      quantity,
      currency: 'USD',
      retailAmount: pkg.retailPrice * quantity,
    },
    createdAt: opts.createdAt ?? new Date().toISOString(),
    clerkId: null,
    offline,
    ...(offlineClaim ? { offlineClaim } : {}),
  };
}

/** Checks the ledger invariants for some resellers; returns a list of violations (empty when sound). */
export async function ledgerViolations(db: Database, resellerIds: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  const unbalanced = await db.query<{ entry_id: string }>(
    `SELECT entry_id FROM postings WHERE reseller_id = ANY($1::uuid[])
      GROUP BY reseller_id, entry_id, currency HAVING sum(amount) <> 0`,
    [resellerIds],
  );
  for (const u of unbalanced) out.push(`entry ${u.entry_id} does not sum to zero`);
  const lonely = await db.query<{ id: string }>(
    `SELECT e.id FROM journal_entries e
      WHERE e.reseller_id = ANY($1::uuid[])
        AND (SELECT count(*) FROM postings p WHERE p.reseller_id = e.reseller_id AND p.entry_id = e.id) < 2`,
    [resellerIds],
  );
  for (const l of lonely) out.push(`entry ${l.id} has fewer than two postings`);
  const drift = await db.query<{ id: string; balance: unknown; s: unknown }>(
    `SELECT a.id, a.balance, coalesce(p.s, 0) AS s FROM accounts a
       LEFT JOIN (SELECT reseller_id, account_id, sum(amount) AS s FROM postings GROUP BY reseller_id, account_id) p
         ON p.reseller_id = a.reseller_id AND p.account_id = a.id
      WHERE a.reseller_id = ANY($1::uuid[]) AND a.balance <> coalesce(p.s, 0)`,
    [resellerIds],
  );
  for (const d of drift) out.push(`account ${d.id} balance ${String(d.balance)} != postings ${String(d.s)}`);
  const grants = await db.query<{ id: string }>(
    `SELECT c.id FROM customers c JOIN accounts a ON a.reseller_id = c.reseller_id AND a.id = c.wallet_account_id
      WHERE c.reseller_id = ANY($1::uuid[])
        AND a.balance <> (SELECT coalesce(sum(g.remaining), 0) FROM grants g
                           WHERE g.reseller_id = c.reseller_id AND g.customer_id = c.id)`,
    [resellerIds],
  );
  for (const g of grants) out.push(`customer ${g.id} wallet != sum of grants`);
  return out;
}

/** Row counts and balances of every table a request could change, for before/after comparisons. */
export async function stateSnapshot(db: Database): Promise<Record<string, string>> {
  const tables = [
    'resellers',
    'accounts',
    'journal_entries',
    'postings',
    'packages',
    'terminals',
    'terminal_tokens',
    'enrollment_codes',
    'customers',
    'customer_tokens',
    'grants',
    'sales',
    'commands',
    'changes',
  ];
  const snap: Record<string, string> = {};
  for (const t of tables) {
    const r = await db.query<{ n: unknown }>(`SELECT count(*)::text AS n FROM ${t}`);
    snap[t] = String(r[0]!.n);
  }
  const b = await db.query<{ s: unknown }>('SELECT coalesce(sum(abs(balance)), 0)::text AS s FROM accounts');
  snap.balances = String(b[0]!.s);
  const p = await db.query<{ s: unknown }>(
    "SELECT string_agg(id::text || active::text || retail_price::text, ',' ORDER BY id) AS s FROM packages",
  );
  snap.packages_state = String(p[0]!.s);
  return snap;
}
