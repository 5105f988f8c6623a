import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import swagger from '@fastify/swagger';
import { MAX_PUSH_BYTES } from '../core/sync/protocol';
import Fastify from 'fastify';
import { createAuthenticator } from './auth/authenticator';
import { KnownTerminalTokens } from './auth/known-terminal-tokens';
import { loadOperatorKey } from './auth/operator-key';
import type { Database } from './db/database';
import { migrate } from './db/migrate';
import { openEmbeddedPostgresDatabase } from './db/embedded-postgres-database';
import { openPostgresDatabase } from './db/postgres-database';
import { seedDemo, type DemoInfo } from './demo/seed-demo';
import { AppError } from '../core/app-error';
import { installErrorHandling } from './http/error-handler';
import {
  AUTH_FAILURE_LIMIT,
  ENROLLMENT_FAILURE_LIMIT,
  FailureLimiter,
  type FailureLimit,
} from './http/failure-limiter';
import { installZodCompilers } from './http/zod-route';
import { registerCardRoutes } from './routes/card-routes';
import { registerRefundRoutes } from './routes/refund-routes';
import { registerShiftRoutes } from './routes/shift-routes';
import { registerStockRoutes } from './routes/stock-routes';
import { loadCardKeys } from './cards/card-keys';
import { registerCustomerRoutes } from './routes/customer-routes';
import { registerDemoRoutes } from './routes/demo-routes';
import { registerOperatorRoutes } from './routes/operator-routes';
import type { RouteDeps } from './routes/route-deps';
import { registerSystemRoutes } from './routes/system-routes';
import { registerTerminalRoutes } from './routes/terminal-routes';
import { registerPspSandboxRoutes } from './routes/psp-sandbox-routes';
import { registerWalletRoutes } from './routes/wallet-routes';
import { SandboxPsp } from './psp/sandbox-psp';
import { completeSetupSession } from './wallet/payment-methods';
import { DEFAULT_WALLET_JOB_TIMINGS, WalletService } from './wallet/wallet-service';

/** How to start the central API. Every field is optional. */
export interface StartServerOptions {
  /** TCP port; 0 picks a free one. Default 8787. */
  readonly port?: number;
  /** Interface to listen on. Default 127.0.0.1. */
  readonly host?: string;
  /** PostgreSQL URL; when unset the server starts its embedded PostgreSQL in `<dataDir>/pgdata`. */
  readonly databaseUrl?: string | null;
  /**
   * Data folder (mode 0700): the embedded PostgreSQL (`pgdata/`), the generated operator key, demo.json.
   * Default `.data/server`.
   */
  readonly dataDir?: string;
  /** Operator API key; when unset read from (or generated into) `<dataDir>/operator-key`. */
  readonly operatorKey?: string | null;
  /**
   * Seed demo data: true, false, or 'auto' (only on the embedded PostgreSQL, listening on loopback). Default 'auto'.
   */
  readonly seedDemo?: boolean | 'auto';
  /** An already open (and migrated or not) database to use instead; `close()` leaves it open. */
  readonly database?: Database;
  /** Largest connection pool. Default 10. */
  readonly maxConnections?: number;
  /** HTTP timeouts and caps; tests shorten them. Defaults in DEFAULT_HTTP_LIMITS. */
  readonly http?: Partial<HttpLimits>;
  /** Failed-attempt limits per source address; defaults AUTH_FAILURE_LIMIT and ENROLLMENT_FAILURE_LIMIT. */
  readonly failureLimits?: { readonly auth?: FailureLimit; readonly enrollment?: FailureLimit };
}

/** Timeouts and caps of the HTTP server, so a slow or greedy client cannot hold the API's sockets. */
export interface HttpLimits {
  /** Whole request, headers and body, from its first byte (node's requestTimeout). */
  readonly requestTimeoutMs: number;
  /** Until the headers are complete (node's headersTimeout; at most requestTimeoutMs). */
  readonly headersTimeoutMs: number;
  /** An idle kept-alive connection waiting for its next request. */
  readonly keepAliveTimeoutMs: number;
  /**
   * A socket with no traffic either way (fastify's connectionTimeout). It also runs while a request is handled
   * before its answer, so it is long: slow senders are cut by the request and header timeouts instead.
   */
  readonly idleTimeoutMs: number;
  /** Open connections at once; past it new ones are closed at once (node's server.maxConnections). */
  readonly maxSockets: number;
  /** Requests on one kept-alive connection before it is closed. */
  readonly maxRequestsPerSocket: number;
}

/** The production limits: generous for a 1 MB push over a shop's slow uplink, finite for everything else. */
export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  requestTimeoutMs: 60_000,
  headersTimeoutMs: 15_000,
  keepAliveTimeoutMs: 5_000,
  idleTimeoutMs: 120_000,
  maxSockets: 1_024,
  maxRequestsPerSocket: 1_000,
};

/** Host names a loopback server answers to; anything else is a DNS-rebinding page or a mistake. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** The host name of a Host header, without its port ("[::1]:8787" -> "[::1]", "localhost:1" -> "localhost"). */
function hostName(header: string | undefined): string {
  if (!header) return '';
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.indexOf(':');
  return colon < 0 ? h : h.slice(0, colon);
}

/** A running central API. */
export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:8787 */
  readonly url: string;
  readonly port: number;
  readonly db: Database;
  readonly operatorKey: string;
  /** Where the operator key came from: env/option, the key file, or generated now. */
  readonly operatorKeySource: 'env' | 'file' | 'generated';
  readonly dataDir: string;
  /** The demo data when this run seeded (or found) it. */
  readonly demo: DemoInfo | null;
  /** Stops listening, then closes the database if this server opened it. */
  close(): Promise<void>;
}

/** The package version, reported by /health. */
function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** Starts the central API in this process: opens and migrates the database, seeds demo data if asked, listens. */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const dataDir = resolve(options.dataDir ?? join(process.cwd(), '.data', 'server'));
  makePrivateFolder(dataDir);
  // Before the database opens: a weak REFILL_OPERATOR_KEY stops the start with a clear error and no side effects.
  const key = loadOperatorKey(options.operatorKey ?? undefined, dataDir);
  const ownsDb = !options.database;
  let db: Database;
  if (options.database) db = options.database;
  else if (options.databaseUrl)
    db = await openPostgresDatabase(options.databaseUrl, options.maxConnections ?? 10);
  else db = await openEmbeddedPostgresDatabase(dataDir, options.maxConnections ?? 10);
  try {
    await migrate(db);
    const wantDemo = options.seedDemo ?? 'auto';
    // 'auto' seeds the embedded database only when it listens on loopback: the demo's enrollment code is served
    // without authentication until used, which must not reach a network.
    const loopback = ['127.0.0.1', 'localhost', '::1'].includes(options.host ?? '127.0.0.1');
    const seed = wantDemo === 'auto' ? db.kind === 'embedded' && ownsDb && loopback : wantDemo;
    const demo = seed ? await seedDemo(db) : null;
    if (demo) {
      writeFileSync(
        join(dataDir, 'demo.json'),
        `${JSON.stringify({ code: demo.enrollmentCode, resellerName: demo.resellerName }, null, 2)}\n`,
        { mode: 0o600 },
      );
      chmodSync(join(dataDir, 'demo.json'), 0o600);
    }

    const limits: HttpLimits = { ...DEFAULT_HTTP_LIMITS, ...options.http };
    const headersTimeoutMs = Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs);
    // No implicit HEAD routes: they would skip the zod validation registered for the GET routes.
    const app = Fastify({
      logger: false,
      bodyLimit: MAX_PUSH_BYTES,
      exposeHeadRoutes: false,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionTimeout: limits.idleTimeoutMs,
      maxRequestsPerSocket: limits.maxRequestsPerSocket,
      // Node checks request and header timeouts on this interval (default 30 s): a quarter of the shorter one.
      http: {
        headersTimeout: headersTimeoutMs,
        connectionsCheckingInterval: Math.max(50, Math.min(30_000, Math.floor(headersTimeoutMs / 4))),
      },
    });
    app.server.headersTimeout = headersTimeoutMs;
    app.server.maxConnections = limits.maxSockets;
    installZodCompilers(app);
    installErrorHandling(app);
    if (loopback) {
      // DNS rebinding: a web page whose name now resolves to 127.0.0.1 sends its own name as Host.
      app.addHook('onRequest', async (request) => {
        if (!LOOPBACK_HOSTS.has(hostName(request.headers.host))) {
          throw new AppError('misdirected_request', 'this server answers only to a loopback host name');
        }
      });
    }
    await app.register(swagger, {
      openapi: {
        openapi: '3.0.3',
        info: { title: 'Refill Desk central API', version: packageVersion() },
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      },
    });
    // The wallet's payment provider is the SANDBOX one (no money moves); a real provider goes behind the same interface.
    const psp = new SandboxPsp(db);
    const wallet = new WalletService(db, psp);
    psp.onSetupCompleted = (sessionId) => completeSetupSession(wallet.deps, sessionId);
    // Webhook delivery and the pending-purchase sweeper run in every instance (claims are SKIP LOCKED); 0 turns off.
    const walletJobsMs = Number(
      process.env.REFILL_WALLET_JOB_INTERVAL_MS ?? DEFAULT_WALLET_JOB_TIMINGS.webhookIntervalMs,
    );
    if (Number.isFinite(walletJobsMs) && walletJobsMs > 0) {
      wallet.startJobs({ ...DEFAULT_WALLET_JOB_TIMINGS, webhookIntervalMs: walletJobsMs });
    }
    app.addHook('onClose', () => wallet.close());
    const knownTerminalTokens = new KnownTerminalTokens();
    const deps: RouteDeps = {
      app,
      db,
      wallet,
      authenticate: createAuthenticator(
        db,
        key.key,
        new FailureLimiter(options.failureLimits?.auth ?? AUTH_FAILURE_LIMIT),
        knownTerminalTokens,
      ),
      knownTerminalTokens,
      version: packageVersion(),
      demoEnabled: demo !== null,
      enrollmentFailures: new FailureLimiter(options.failureLimits?.enrollment ?? ENROLLMENT_FAILURE_LIMIT),
      cardKeys: loadCardKeys(process.env.REFILL_CARD_KEYS, dataDir),
    };
    registerSystemRoutes(deps);
    registerOperatorRoutes(deps);
    registerTerminalRoutes(deps);
    registerCustomerRoutes(deps);
    registerCardRoutes(deps);
    registerRefundRoutes(deps);
    registerShiftRoutes(deps);
    registerStockRoutes(deps);
    registerWalletRoutes(deps);
    registerPspSandboxRoutes(app, psp);
    registerDemoRoutes(deps);
    await app.ready();
    const host = options.host ?? '127.0.0.1';
    await app.listen({ port: options.port ?? 8787, host });
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : (options.port ?? 8787);
    const urlHost = host.includes(':') ? `[${host}]` : host;
    return {
      url: `http://${urlHost}:${port}`,
      port,
      db,
      operatorKey: key.key,
      operatorKeySource: key.source,
      dataDir,
      demo,
      close: async () => {
        await app.close();
        if (ownsDb) await db.close();
      },
    };
  } catch (err) {
    if (ownsDb) await db.close().catch(() => undefined);
    throw err;
  }
}

/**
 * Creates `dir` (parents with the default mode) with mode 0700, or takes group and other bits off an existing one
 * of ours. Running as root, the embedded PostgreSQL then lets its own user through (see embedded-postgres-database).
 */
function makePrivateFolder(dir: string): void {
  mkdirSync(dirname(dir), { recursive: true });
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const st = statSync(dir);
    // Root keeps the group's search bit, which the embedded PostgreSQL's user passes through with.
    const keep = process.getuid?.() === 0 ? 0o710 : 0o700;
    if ((st.mode & 0o777 & ~keep) !== 0 && st.uid === process.getuid?.()) chmodSync(dir, st.mode & keep);
  }
}

/** True when `dataDir` already holds an embedded database. */
export function hasEmbeddedDatabase(dataDir: string): boolean {
  return existsSync(join(dataDir, 'pgdata', 'PG_VERSION'));
}
