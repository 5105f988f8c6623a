import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** A central API child process started for local use. */
export interface LocalCentralApi {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Starts `server/main.ts` as a child process on the embedded database in `dataDir`, on a loopback port (a free one
 * unless given), and
 * resolves with its URL once it prints its listening line. Its output is passed through, prefixed.
 */
export function startLocalCentralApi(
  rootDir: string,
  dataDir: string,
  options: { port?: number; quiet?: boolean; env?: Readonly<Record<string, string>> } = {},
): Promise<LocalCentralApi> {
  const tsx = join(rootDir, 'node_modules/.bin/tsx');
  const child: ChildProcess = spawn(tsx, [join(rootDir, 'server/main.ts')], {
    cwd: rootDir,
    env: {
      ...process.env,
      ...options.env,
      PORT: String(options.port ?? process.env.REFILL_API_PORT ?? 0),
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
        resolve({ url: m[1]!, stop });
      }
    });
    child.once('exit', (code) => {
      if (!found) reject(new Error(`the local central API exited before it was ready (exit code ${code})`));
    });
  });
}
