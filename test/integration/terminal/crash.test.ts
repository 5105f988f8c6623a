import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/start-server';
import { seedReseller, serverSales, serverBalance, startCentral } from './support/central-api';
import { call, enrollAndSignIn, openTerminal, tempDir } from './support/terminal-harness';

const KILLS = Number(process.env.REFILL_CRASH_KILLS ?? 60);
const WORKER = join(import.meta.dirname, 'crash-worker.ts');

/** node arguments that start the worker: a pre-bundled copy (starts in ~0.3 s) or, failing that, through tsx. */
let workerArgs: string[] = ['--import', 'tsx', WORKER];

/** Bundles the worker once with esbuild (a tsx dependency) into node_modules/.cache so it starts fast. */
async function bundleWorker(): Promise<void> {
  try {
    const esbuild = await import('esbuild');
    const outDir = join(import.meta.dirname, '../../../node_modules/.cache/refill-crash-worker');
    mkdirSync(outDir, { recursive: true });
    const outfile = join(outDir, `worker-${process.pid}.mjs`);
    await esbuild.build({
      entryPoints: [WORKER],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile,
      external: ['better-sqlite3'],
      banner: {
        js: "import { createRequire as __refillCreateRequire } from 'node:module'; const require = __refillCreateRequire(import.meta.url);",
      },
      logLevel: 'silent',
    });
    workerArgs = [outfile];
  } catch {
    // keep the tsx fallback
  }
}

let serverDir: string;
let server: RunningServer;
beforeAll(async () => {
  serverDir = tempDir('central-crash');
  [server] = await Promise.all([startCentral(serverDir), bundleWorker()]);
});
afterAll(async () => {
  await server.close();
  rmSync(serverDir, { recursive: true, force: true });
  if (workerArgs.length === 1) rmSync(workerArgs[0]!, { force: true });
});

/** Runs the worker until `killAfterMs` after it is READY, then SIGKILLs it; collects ACKed sale ids. */
function runAndKill(
  dataDir: string,
  packageId: string,
  killAfterMs: number,
  acked: Set<string>,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [...workerArgs, dataDir, packageId], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buf = '';
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line === 'READY') setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        else if (line.startsWith('ACK ')) acked.add(line.slice(4));
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`worker exited with ${code}: ${err.slice(-2000)}`));
    });
  });
}

describe('crash safety', () => {
  it(`loses nothing acknowledged and duplicates nothing across ${KILLS} SIGKILLs`, async () => {
    const seed = await seedReseller(server, { credits: 100_000_000 });
    const dir = tempDir('term-crash');
    const setup = await openTerminal(dir);
    await enrollAndSignIn(setup, server.url, seed.code);
    const terminalId = setup.terminal.identity.require().terminalId;
    await setup.close();

    const acked = new Set<string>();
    for (let k = 0; k < KILLS; k++) {
      await runAndKill(dir, seed.pkg.id, 50 + Math.floor(Math.random() * 250), acked);
    }
    expect(acked.size).toBeGreaterThan(KILLS); // the workers really sold between kills

    const final = await openTerminal(dir);
    try {
      for (let i = 0; i < 5 && final.terminal.ledger.balanceView().pendingCount > 0; i++)
        await call(final, 'sync.now');
      const report = await call<{ ok: boolean }>(final, 'sync.now');
      expect(report.ok).toBe(true);
      const local = new Set(final.terminal.saleStore.allIds());
      const onServer = await serverSales(server, terminalId);
      // Exactly once: no sale twice on the server.
      expect(onServer.length).toBe(new Set(onServer).size);
      // Nothing acknowledged is missing, locally or on the server.
      for (const id of acked) expect(local.has(id)).toBe(true);
      const serverSet = new Set(onServer);
      for (const id of acked) expect(serverSet.has(id)).toBe(true);
      // The server has no sale the terminal does not know, and every local sale reached the server.
      for (const id of onServer) expect(local.has(id)).toBe(true);
      expect(serverSet.size).toBe(local.size);
      // Balances agree to the cent.
      const bal = await serverBalance(server, seed.resellerId);
      expect(final.terminal.ledger.balanceView()).toMatchObject({
        serverBalance: bal,
        available: bal,
        pendingCount: 0,
      });
      const wholesale = final.terminal.ledger.db
        .prepare('SELECT SUM(wholesale_amount) AS w FROM sales')
        .get() as { w: number };
      expect(bal).toBe(100_000_000 - wholesale.w);
      console.log(
        `crash test: ${KILLS} kills, ${acked.size} acknowledged sales, ${local.size} committed, all on the server once`,
      );
    } finally {
      await final.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
