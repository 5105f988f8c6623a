import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../server/start-server';
import { TEST_OPERATOR_KEY } from '../integration/server/api-harness';
import { createScratchPostgresDatabase } from '../integration/server/server-backends';

/** A central API started for one benchmark, on a temporary database, and how to tear it all down. */
export interface BenchServer {
  readonly server: RunningServer;
  /** Its data folder (card keys and the like live there). */
  readonly dataDir: string;
  /** The temporary PostgreSQL database's URL, or null when the server runs on the embedded PostgreSQL. */
  readonly databaseUrl: string | null;
  close(): Promise<void>;
}

/**
 * Starts the central API for a benchmark: on a temporary database of the PostgreSQL at REFILL_BENCH_DATABASE_URL (or
 * at `defaultUrl`), falling back to the embedded PostgreSQL when that cannot be reached or none is named. Says which
 * it uses.
 */
export async function startBenchServer(name: string, defaultUrl: string | null = null): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), `refill-bench-${name}-`));
  const baseUrl = process.env.REFILL_BENCH_DATABASE_URL || defaultUrl;
  let scratch: { url: string; drop(): Promise<void> } | null = null;
  if (baseUrl) {
    try {
      scratch = await createScratchPostgresDatabase(baseUrl);
      console.log(`database: PostgreSQL (temporary database on ${new URL(baseUrl).host})`);
    } catch (err) {
      console.log(`PostgreSQL not reachable (${(err as Error).message}); using the embedded PostgreSQL`);
    }
  }
  if (!scratch) console.log('database: embedded PostgreSQL');
  const server = await startServer({
    port: 0,
    databaseUrl: scratch?.url ?? null,
    dataDir,
    operatorKey: TEST_OPERATOR_KEY,
    seedDemo: false,
  });
  return {
    server,
    dataDir,
    databaseUrl: scratch?.url ?? null,
    close: async () => {
      await server.close();
      await scratch?.drop().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
