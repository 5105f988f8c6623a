import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A central API child process started for local use. */
export interface LocalCentralApi {
  readonly url: string;
  /** The server's own process (Node running `server/main.ts`, no wrapper between): the one `stop()` signals. */
  readonly pid: number;
  stop(): Promise<void>;
}

/** The file in the central API's data folder that keeps its port across restarts. */
export const PORT_FILE_NAME = 'port';

/** The port kept in `file`, or null when there is none yet. */
function savedPort(file: string): number | null {
  if (!existsSync(file)) return null;
  const text = readFileSync(file, 'utf8').trim();
  const port = Number(text);
  if (!/^\d+$/.test(text) || !Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(
      `${file} should hold the local central API's port, not "${text}"; delete it to pick a new one`,
    );
  return port;
}

/** Resolves whether something already listens on 127.0.0.1:`port`. */
function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) =>
      err.code === 'EADDRINUSE' || err.code === 'EACCES' ? resolve(true) : reject(err),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(false)));
  });
}

/**
 * Starts `server/main.ts` as a child process on the embedded database in `dataDir`, on loopback, and resolves with
 * its URL once it prints its listening line. Its output is passed through, prefixed.
 *
 * The port stays the same across restarts, since an enrolled terminal keeps the API's address: the first start
 * takes a free port and saves it in `<dataDir>/port`, later starts reuse it. An explicit port (`options.port`, else
 * REFILL_API_PORT) wins and is saved in its turn. When the port is taken by another program the start fails, naming
 * the port and the file.
 */
export async function startLocalCentralApi(
  rootDir: string,
  dataDir: string,
  options: { port?: number; quiet?: boolean; env?: Readonly<Record<string, string>> } = {},
): Promise<LocalCentralApi> {
  const portFile = join(dataDir, PORT_FILE_NAME);
  const explicit =
    options.port ?? (process.env.REFILL_API_PORT ? Number(process.env.REFILL_API_PORT) : undefined);
  const saved = explicit === undefined ? savedPort(portFile) : null;
  const port = explicit ?? saved ?? 0;
  const where = saved !== null ? `kept in ${portFile}` : 'asked for';
  if (port !== 0 && (await portTaken(port))) {
    throw new Error(
      `The local central API's port ${port} (${where}) is taken by another program. Stop that program, or ` +
        `delete ${portFile} to let the central API pick a new port (enrolled terminals then need the new address).`,
    );
  }
  // Node itself with tsx's loader, not the tsx command: that command is a second process that relays signals to the
  // server and SIGKILLs it when the server has not said within 60 ms that it got one (easily missed on a busy
  // machine), which cut the server's shutdown short and left its embedded PostgreSQL running on the data folder.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(rootDir, 'server/main.ts')], {
    cwd: rootDir,
    env: {
      ...process.env,
      ...options.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      REFILL_DATA_DIR: dataDir,
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    let buffered = '';
    let found = false;
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      if (!options.quiet)
        for (const line of chunk.split('\n'))
          if (line.trim()) process.stdout.write(`[central-api] ${line}\n`);
      if (found) return;
      buffered += chunk;
      const m = /listening on (http:\/\/[^\s]+)/.exec(buffered);
      if (m) {
        found = true;
        const url = m[1]!;
        const actual = Number(new URL(url).port);
        if (actual !== saved) {
          try {
            writeFileSync(portFile, `${actual}\n`, { mode: 0o600 });
          } catch (err) {
            void stop();
            reject(
              new Error(`could not save the central API's port in ${portFile}: ${(err as Error).message}`),
            );
            return;
          }
        }
        resolve({ url, pid: child.pid!, stop });
      }
    });
    child.once('exit', (code) => {
      if (!found) {
        const hint = port !== 0 ? ` (port ${port}, ${where}; if it is taken, delete ${portFile})` : '';
        reject(new Error(`the local central API exited before it was ready (exit code ${code})${hint}`));
      }
    });
  });
}
