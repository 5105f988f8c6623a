/**
 * The central API's command line: `npm run server [-- --seed-demo]`.
 * Environment: PORT (8787), HOST (127.0.0.1), DATABASE_URL (PostgreSQL; else the embedded PostgreSQL in
 * `<REFILL_DATA_DIR>/pgdata`), REFILL_DATA_DIR (.data/server), REFILL_OPERATOR_KEY (else generated into the data
 * folder). SIGTERM, SIGINT and SIGHUP close the HTTP server, then the database, which stops the embedded PostgreSQL
 * (fast shutdown) before the process exits.
 */
import { demoBanner } from './demo/demo-banner';
import { unusedDemoCode } from './demo/seed-demo';
import { startServer, type RunningServer } from './start-server';

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--seed-demo');
if (unknown.length > 0) {
  console.error(`unknown argument(s): ${unknown.join(' ')}\nusage: npm run server [-- --seed-demo]`);
  process.exit(2);
}
const port = process.env.PORT ? Number(process.env.PORT) : 8787;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`invalid PORT: ${process.env.PORT}`);
  process.exit(2);
}

// Signals are handled from the start: one arriving while the server starts (initdb, migrations) waits for the
// start to finish and then stops it, so the embedded PostgreSQL is never left running without its server.
let server: RunningServer | null = null;
let stopping: string | null = null;
const closeAndExit = (running: RunningServer) =>
  running.close().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error('error while stopping', err);
      process.exit(1);
    },
  );
const stop = (signal: string) => {
  if (stopping) return;
  stopping = signal;
  console.error(`${signal}: stopping`);
  if (server) void closeAndExit(server);
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
// The terminal closing: by default Node would die at once, and PostgreSQL takes SIGHUP as "reload its settings".
process.on('SIGHUP', () => stop('SIGHUP'));

try {
  server = await startServer({
    port,
    host: process.env.HOST || '127.0.0.1',
    databaseUrl: process.env.DATABASE_URL || null,
    dataDir: process.env.REFILL_DATA_DIR || undefined,
    operatorKey: process.env.REFILL_OPERATOR_KEY || null,
    seedDemo: args.includes('--seed-demo') ? true : 'auto',
  });
} catch (err) {
  console.error('Refill Desk central API failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
}
if (stopping) {
  await closeAndExit(server);
} else {
  if (server.operatorKeySource === 'generated') {
    // Only the path: the key itself would land in launcher and supervisor logs.
    console.error(
      `Operator key generated and saved in ${server.dataDir}/operator-key (mode 0600, readable by its owner only)`,
    );
  } else if (server.operatorKeySource === 'file') {
    console.error(`Operator key: read from ${server.dataDir}/operator-key`);
  }
  if (server.demo) {
    const unused = (await unusedDemoCode(server.db)) !== null;
    console.error(demoBanner(server.demo, unused, server.url, server.dataDir));
  }
  console.log(`Refill Desk central API listening on ${server.url}`);
}
