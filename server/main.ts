/**
 * The central API's command line: `npm run server [-- --seed-demo]`.
 * Environment: PORT (8787), HOST (127.0.0.1), DATABASE_URL (PostgreSQL; else embedded PGlite),
 * REFILL_DATA_DIR (.data/server), REFILL_OPERATOR_KEY (else generated into the data folder).
 */
import { startServer } from './start-server';

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--seed-demo');
if (unknown.length > 0) {
  console.error(`unknown argument(s): ${unknown.join(' ')}\nusage: tsx server/main.ts [--seed-demo]`);
  process.exit(2);
}
const port = process.env.PORT ? Number(process.env.PORT) : 8787;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`invalid PORT: ${process.env.PORT}`);
  process.exit(2);
}

try {
  const server = await startServer({
    port,
    host: process.env.HOST || '127.0.0.1',
    databaseUrl: process.env.DATABASE_URL || null,
    dataDir: process.env.REFILL_DATA_DIR || undefined,
    operatorKey: process.env.REFILL_OPERATOR_KEY || null,
    seedDemo: args.includes('--seed-demo') ? true : 'auto',
  });
  if (server.operatorKeySource === 'generated') {
    console.error(
      `Operator key generated and saved in ${server.dataDir}/operator-key: ${server.operatorKey}`,
    );
  } else if (server.operatorKeySource === 'file') {
    console.error(`Operator key: read from ${server.dataDir}/operator-key`);
  }
  if (server.demo) {
    console.error(
      `Demo data: reseller "${server.demo.resellerName}"; enroll a terminal with code ${server.demo.enrollmentCode} ` +
        `(also in ${server.dataDir}/demo.json and, while unused, at GET ${server.url}/v1/demo)`,
    );
  }
  console.log(`Refill Desk central API listening on ${server.url}`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`${signal}: stopping`);
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('error while stopping', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
} catch (err) {
  console.error('Refill Desk central API failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
}
