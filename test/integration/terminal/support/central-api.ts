import { rmSync } from 'node:fs';
import { afterAll, beforeAll, expect } from 'vitest';
import { tempDir } from './terminal-harness';
import { startServer, type RunningServer } from '../../../../server/start-server';
import {
  addResellerCredits,
  createReseller,
  getReseller,
} from '../../../../server/resellers/reseller-service';
import { createEnrollmentCode } from '../../../../server/terminals/enrollment-service';
import { createPackage } from '../../../../server/catalog/package-service';
import type { FloorLimits, Package } from '../../../../core/sync/protocol';
import { createScratchPostgresDatabase, embeddedTestPostgresUrl } from '../../server/server-backends';

/** The external PostgreSQL to run against, when REFILL_TEST_DATABASE_URL is set. */
const EXTERNAL_DATABASE_URL = process.env.REFILL_TEST_DATABASE_URL || null;

/** Each test file's database in the embedded PostgreSQL, by the file's path. */
const fileDatabases = new Map<string, Promise<string>>();

/**
 * The database this test file's central API runs on: a fresh database in the run's embedded PostgreSQL, created
 * once per test file (keyed by the running file's path: test files share this module, vitest's `isolate: false`), so a
 * restarted central API finds its data again; or, with REFILL_TEST_DATABASE_URL, that database. Call it from a hook or
 * a test, where vitest knows the file.
 */
export function centralDatabaseUrl(): Promise<string> {
  if (EXTERNAL_DATABASE_URL) return Promise.resolve(EXTERNAL_DATABASE_URL);
  const file = expect.getState().testPath;
  if (!file) throw new Error("centralDatabaseUrl is called outside a test file's hooks and tests");
  let url = fileDatabases.get(file);
  if (!url) {
    url = createScratchPostgresDatabase(embeddedTestPostgresUrl()).then((scratch) => scratch.url);
    fileDatabases.set(file, url);
  }
  return url;
}

/** Starts the real central API in-process on this test file's database (see centralDatabaseUrl). */
export async function startCentral(dataDir: string, port = 0): Promise<RunningServer> {
  return startServer({
    dataDir,
    port,
    databaseUrl: await centralDatabaseUrl(),
    seedDemo: false,
    operatorKey: 'test-operator-key-0123456789abcdefghijklmnopqrstuvwxyz',
  });
}

/** The central API of one test file, and what its tests ask to be cleaned up (in reverse) before it stops. */
export interface CentralForFile {
  /** The running central API (started before the file's tests). */
  readonly server: RunningServer;
  readonly cleanup: (() => Promise<void>)[];
}

/** Starts the real central API for the test file (before all its tests) and stops it after, cleanups first. */
export function useCentral(prefix: string): CentralForFile {
  let dir = '';
  let server: RunningServer | undefined;
  const cleanup: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    dir = tempDir(prefix);
    server = await startCentral(dir);
  });
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    get server(): RunningServer {
      if (!server) throw new Error('the central API is not started yet');
      return server;
    },
    cleanup,
  };
}

/** A reseller made for one test: its id, an enrollment code, and a package to sell. */
export interface SeededReseller {
  readonly resellerId: string;
  readonly code: string;
  readonly pkg: Package;
}

let counter = 0;

/** Creates a USD reseller with `credits`, a package (wholesale 90, retail 100 by default) and an enrollment code. */
export async function seedReseller(
  server: RunningServer,
  opts: { credits: number; floorLimits?: FloorLimits; wholesale?: number; retail?: number },
): Promise<SeededReseller> {
  counter += 1;
  const tag = `${process.pid.toString(36)}${Date.now().toString(36)}${counter}`;
  const reseller = await createReseller(server.db, {
    name: `Test shop ${tag}`,
    currency: 'USD',
    parentId: null,
  });
  if (opts.credits > 0) await addResellerCredits(server.db, reseller.id, opts.credits, 'test credits');
  const pkg = await createPackage(server.db, {
    code: `T${tag}`.slice(0, 32),
    name: `Top-up ${tag}`,
    kind: 'topup',
    faceValue: opts.retail ?? 100,
    wholesalePrice: opts.wholesale ?? 90,
    retailPrice: opts.retail ?? 100,
    currency: 'USD',
    validityDays: null,
  });
  const { code } = await createEnrollmentCode(server.db, reseller.id, {
    terminalName: null,
    floorLimits: opts.floorLimits ?? {
      perSaleMax: 100_000,
      totalOfflineMax: 10_000_000,
      maxHoursSinceSync: 24,
    },
    expiresInHours: 1,
  });
  return { resellerId: reseller.id, code, pkg };
}

/** The reseller's credit balance on the server. */
export async function serverBalance(server: RunningServer, resellerId: string): Promise<number> {
  return (await getReseller(server.db, resellerId)).balance;
}

/** Sale ids the server holds for a terminal, with how many times each appears. */
export async function serverSales(server: RunningServer, terminalId: string): Promise<string[]> {
  const rows = await server.db.query<{ id: string }>('SELECT id FROM sales WHERE terminal_id = $1', [
    terminalId,
  ]);
  return rows.map((r) => r.id);
}
