import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import swagger from '@fastify/swagger';
import { MAX_PUSH_BYTES } from '../core/sync/protocol';
import Fastify from 'fastify';
import { createAuthenticator } from './auth/authenticator';
import { loadOperatorKey } from './auth/operator-key';
import type { Database } from './db/database';
import { migrate } from './db/migrate';
import { openEmbeddedPostgresDatabase } from './db/embedded-postgres-database';
import { openPostgresDatabase } from './db/postgres-database';
import { seedDemo, type DemoInfo } from './demo/seed-demo';
import { installErrorHandling } from './http/error-handler';
import { installZodCompilers } from './http/zod-route';
import { registerCustomerRoutes } from './routes/customer-routes';
import { registerDemoRoutes } from './routes/demo-routes';
import { registerOperatorRoutes } from './routes/operator-routes';
import type { RouteDeps } from './routes/route-deps';
import { registerSystemRoutes } from './routes/system-routes';
import { registerTerminalRoutes } from './routes/terminal-routes';

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
  const ownsDb = !options.database;
  let db: Database;
  if (options.database) db = options.database;
  else if (options.databaseUrl)
    db = await openPostgresDatabase(options.databaseUrl, options.maxConnections ?? 10);
  else db = await openEmbeddedPostgresDatabase(dataDir, options.maxConnections ?? 10);
  try {
    await migrate(db);
    const key = loadOperatorKey(options.operatorKey ?? undefined, dataDir);
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

    // No implicit HEAD routes: they would skip the zod validation registered for the GET routes.
    const app = Fastify({ logger: false, bodyLimit: MAX_PUSH_BYTES, exposeHeadRoutes: false });
    installZodCompilers(app);
    installErrorHandling(app);
    await app.register(swagger, {
      openapi: {
        openapi: '3.0.3',
        info: { title: 'Refill Desk central API', version: packageVersion() },
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      },
    });
    const deps: RouteDeps = {
      app,
      db,
      authenticate: createAuthenticator(db, key.key),
      version: packageVersion(),
      demoEnabled: demo !== null,
    };
    registerSystemRoutes(deps);
    registerOperatorRoutes(deps);
    registerTerminalRoutes(deps);
    registerCustomerRoutes(deps);
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
