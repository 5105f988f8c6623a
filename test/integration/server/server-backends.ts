import { inject } from 'vitest';
import pg from 'pg';
import type { Database } from '../../../server/db/database';
import { openPoolDatabase } from '../../../server/db/postgres-database';

/** A database engine the server tests run against. */
export interface ServerBackend {
  readonly name: 'embedded' | 'postgres';
  /**
   * Opens a database for one test file. Embedded: a fresh database in the run's embedded PostgreSQL (see
   * test/integration/embedded-postgres-setup.ts), dropped on cleanup. PostgreSQL: the test URL, shared by the
   * files running in parallel, or with `isolated` a scratch database of its own, dropped on cleanup.
   */
  open(opts?: { isolated?: boolean }): Promise<OpenedBackend>;
}

/** An open test database and how to dispose of it. */
export interface OpenedBackend {
  readonly db: Database;
  /** Its PostgreSQL URL, for spawning server processes on it. */
  readonly url: string;
  cleanup(): Promise<void>;
}

/** The external PostgreSQL URL the tests may use, or null (then only the embedded PostgreSQL runs). */
export function testPostgresUrl(): string | null {
  return process.env.REFILL_TEST_DATABASE_URL || null;
}

/** The `postgres` database of this run's embedded PostgreSQL (only inside vitest, from its global setup). */
export function embeddedTestPostgresUrl(): string {
  return inject('embeddedPostgresUrl');
}

/** Opens a scratch database of its own on the server at `url`, dropped on cleanup. */
async function openScratch(kind: ServerBackend['name'], url: string): Promise<OpenedBackend> {
  const scratch = await createScratchPostgresDatabase(url);
  try {
    const db = await openPoolDatabase({ kind, url: scratch.url, maxConnections: 20 });
    return {
      db,
      url: scratch.url,
      cleanup: async () => {
        await db.close();
        await scratch.drop();
      },
    };
  } catch (err) {
    await scratch.drop();
    throw err;
  }
}

/**
 * The backends to run: the embedded PostgreSQL, and an external one when REFILL_TEST_DATABASE_URL is set. With
 * REFILL_TEST_EXTERNAL_ONLY=1 as well, the external one alone: CI's second pass, whose embedded runs `npm test` has
 * just made.
 */
export function serverBackends(): ServerBackend[] {
  const url = testPostgresUrl();
  const externalOnly = url !== null && process.env.REFILL_TEST_EXTERNAL_ONLY === '1';
  const backends: ServerBackend[] = externalOnly
    ? []
    : [{ name: 'embedded', open: () => openScratch('embedded', embeddedTestPostgresUrl()) }];
  if (url) {
    backends.push({
      name: 'postgres',
      open: async (opts) => {
        if (opts?.isolated) return openScratch('postgres', url);
        const db = await openPoolDatabase({ kind: 'postgres', url, maxConnections: 20 });
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
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
