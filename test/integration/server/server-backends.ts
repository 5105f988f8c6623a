import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Database } from '../../../server/db/database';
import { openPgliteDatabase } from '../../../server/db/pglite-database';
import { openPostgresDatabase } from '../../../server/db/postgres-database';

/** A database engine the server tests run against. */
export interface ServerBackend {
  readonly name: 'pglite' | 'postgres';
  /**
   * Opens a database for one test file (PGlite: a fresh temp folder; PostgreSQL: the test URL, shared by the files
   * running in parallel, or with `isolated` a scratch database of its own, dropped on cleanup).
   */
  open(opts?: { isolated?: boolean }): Promise<OpenedBackend>;
}

/** An open test database and how to dispose of it. */
export interface OpenedBackend {
  readonly db: Database;
  /** The PostgreSQL URL (postgres only), for spawning server processes. */
  readonly url: string | null;
  cleanup(): Promise<void>;
}

/** The PostgreSQL URL the tests may use, or null (then only PGlite runs). */
export function testPostgresUrl(): string | null {
  return process.env.REFILL_TEST_DATABASE_URL || null;
}

/** A fresh PGlite in a temp folder. */
async function openPglite(): Promise<OpenedBackend> {
  const dir = mkdtempSync(join(tmpdir(), 'refill-server-test-'));
  const db = await openPgliteDatabase(dir);
  return {
    db,
    url: null,
    cleanup: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The backends to run: PGlite always, PostgreSQL when REFILL_TEST_DATABASE_URL is set. */
export function serverBackends(): ServerBackend[] {
  const backends: ServerBackend[] = [{ name: 'pglite', open: openPglite }];
  const url = testPostgresUrl();
  if (url) {
    backends.push({
      name: 'postgres',
      open: async (opts) => {
        if (opts?.isolated) {
          const scratch = await createScratchPostgresDatabase(url);
          const db = await openPostgresDatabase(scratch.url, 20);
          return {
            db,
            url: scratch.url,
            cleanup: async () => {
              await db.close();
              await scratch.drop();
            },
          };
        }
        const db = await openPostgresDatabase(url, 20);
        return { db, url, cleanup: () => db.close() };
      },
    });
  }
  return backends;
}

/** Creates a brand-new PostgreSQL database next to `url` (same server); returns its URL and a dropper. */
export async function createScratchPostgresDatabase(
  url: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `refill_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
