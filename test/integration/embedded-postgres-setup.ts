import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../server/db/embedded-postgres-database';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's embedded PostgreSQL (its `postgres` database); tests create their own databases in it. */
    embeddedPostgresUrl: string;
  }
}

/**
 * Vitest global setup: ONE embedded PostgreSQL for the whole run, in a temp folder, stopped and removed at the end.
 * Each server test creates a fresh database in it (see test/integration/server/server-backends.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'refill-test-pg-'));
  const pg = await startEmbeddedPostgres({
    dataDir: dir,
    // Test files run in parallel, each with its pools and server processes.
    settings: { max_connections: '300' },
  });
  project.provide('embeddedPostgresUrl', pg.url('postgres'));
  return async () => {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
