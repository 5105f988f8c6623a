import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../../server/db/embedded-postgres-database';
import { TEST_OPERATOR_KEY, apiClient, createTenant, type TenantFixture } from './api-harness';

const root = resolve(__dirname, '../../..');
const asRoot = process.getuid?.() === 0;

/** The uid and gid PostgreSQL runs as: the `postgres` OS user when the tests run as root, else our own. */
function postgresIds(): { uid: number; gid: number } {
  if (!asRoot) return { uid: process.getuid!(), gid: process.getgid!() };
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** The postmaster's pid, from the first line of `pgdata/postmaster.pid`. */
function postmasterPid(pgdata: string): number {
  return Number(readFileSync(join(pgdata, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

/** True while a process with this pid exists (a zombie counts: nobody reaped it). */
function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Every path under `dir` (itself included), with lstat's mode and owner. */
function walk(dir: string): { path: string; mode: number; uid: number; isDir: boolean }[] {
  const st = lstatSync(dir);
  const out = [{ path: dir, mode: st.mode & 0o777, uid: st.uid, isDir: st.isDirectory() }];
  if (st.isDirectory()) for (const name of readdirSync(dir)) out.push(...walk(join(dir, name)));
  return out;
}

interface ServerProcess {
  readonly child: ChildProcess;
  /** Resolves with the URL once it listens; rejects if it exits first. */
  readonly ready: Promise<string>;
  /** Resolves with the exit code and everything it wrote to stderr. */
  readonly exited: Promise<{ code: number | null; stderr: string }>;
}

/** `tsx server/main.ts` with no DATABASE_URL: the embedded PostgreSQL in `dataDir`. */
function spawnServer(dataDir: string): ServerProcess {
  const child = spawn(
    process.execPath,
    [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'server/main.ts')],
    {
      cwd: root,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: '',
        REFILL_OPERATOR_KEY: TEST_OPERATOR_KEY,
        REFILL_DATA_DIR: dataDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  const exited = new Promise<{ code: number | null; stderr: string }>((res) =>
    child.once('exit', (code) => res({ code, stderr: err })),
  );
  const ready = new Promise<string>((res, rej) => {
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) res(m[1]!);
    });
    void exited.then(({ code, stderr }) => rej(new Error(`server exited ${code}: ${stderr}`)));
  });
  ready.catch(() => undefined);
  return { child, ready, exited };
}

/** SIGTERM, then the exit code. */
async function stop(p: ServerProcess): Promise<number | null> {
  if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGTERM');
  return (await p.exited).code;
}

/** A client on the embedded server's `refill` database, through its socket in `pgdata`. */
async function socketClient(pgdata: string): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: `postgres://postgres@localhost:5432/refill?host=${encodeURIComponent(pgdata)}`,
  });
  await client.connect();
  return client;
}

describe('the central API on its embedded PostgreSQL (server/main.ts processes)', () => {
  // PostgreSQL's user (root runs it as `postgres`) must be able to pass through the folders above the data folder.
  const base = mkdtempSync(join(tmpdir(), 'refill-embedded-'));
  chmodSync(base, 0o711);
  const dataDir = join(base, 'server');
  const pgdata = join(dataDir, 'pgdata');
  const started: ServerProcess[] = [];
  let first: ServerProcess;
  let url: string;
  let tenant: TenantFixture;
  afterAll(async () => {
    for (const p of started) await stop(p);
    rmSync(base, { recursive: true, force: true });
  });

  it('runs PostgreSQL with fsync and synchronous_commit on, in a 0700 folder of the user it runs as', async () => {
    first = spawnServer(dataDir);
    started.push(first);
    url = await first.ready;
    const api = apiClient(url);
    expect((await api.call('GET', '/health')).body).toMatchObject({ status: 'ok', db: 'embedded' });
    tenant = await createTenant(api, { credits: 5_000 });

    const client = await socketClient(pgdata);
    try {
      const show = async (name: string) => (await client.query(`SHOW ${name}`)).rows[0][name] as string;
      expect(await show('fsync')).toBe('on');
      expect(await show('synchronous_commit')).toBe('on');
      expect(await show('full_page_writes')).toBe('on');
      expect(await show('listen_addresses')).toBe(''); // no TCP: the socket in pgdata only
    } finally {
      await client.end();
    }

    const ids = postgresIds();
    const st = lstatSync(pgdata);
    expect((st.mode & 0o777).toString(8)).toBe('700');
    expect(st.uid).toBe(ids.uid);
    // Nothing in the data folder is open to group or others; the folder itself lets only PostgreSQL's user
    // through when root runs the server (group postgres, search bit only).
    const [top, ...inside] = walk(dataDir);
    expect(top!.mode & 0o007).toBe(0);
    if (asRoot) {
      expect(top!.mode & 0o070).toBe(0o010);
      expect(lstatSync(dataDir).gid).toBe(ids.gid);
    } else {
      expect(top!.mode & 0o077).toBe(0);
    }
    const open = inside.filter((e) => (e.mode & 0o077) !== 0).map((e) => `${e.path} ${e.mode.toString(8)}`);
    expect(open).toEqual([]);
    expect(inside.map((e) => e.path)).toEqual(
      expect.arrayContaining([
        join(dataDir, 'demo.json'),
        join(dataDir, 'postgres-password'),
        join(pgdata, 'PG_VERSION'),
        join(pgdata, 'postmaster.pid'),
      ]),
    );
    expect(inside.filter((e) => e.path.startsWith(pgdata + '/')).every((e) => e.uid === ids.uid)).toBe(true);
  });

  it('refuses a second server on the same data folder with a clear error, and the first keeps working', async () => {
    const pid = postmasterPid(pgdata);
    const second = spawnServer(dataDir);
    started.push(second);
    const { code, stderr } = await second.exited;
    expect(code).toBe(1);
    expect(stderr).toContain(`${pgdata} is in use by another PostgreSQL (pid ${pid}`);
    expect(stderr).toContain('another Refill Desk server is running on this data folder');
    // The first one still answers, on the same PostgreSQL, with its data.
    expect(postmasterPid(pgdata)).toBe(pid);
    const api = apiClient(url);
    expect((await api.call('GET', '/health')).status).toBe(200);
    expect((await api.call('GET', '/v1/terminal/balance', { token: tenant.token })).body.balance).toBe(5_000);
  });

  it('stops its PostgreSQL on SIGTERM (no process left behind) and starts again with the data intact', async () => {
    const pid = postmasterPid(pgdata);
    expect(processExists(pid)).toBe(true);
    expect(await stop(first)).toBe(0);
    expect(processExists(pid)).toBe(false);
    expect(existsSync(join(pgdata, 'postmaster.pid'))).toBe(false);

    const again = spawnServer(dataDir);
    started.push(again);
    const api = apiClient(await again.ready);
    expect((await api.call('GET', '/v1/terminal/balance', { token: tenant.token })).body.balance).toBe(5_000);
    const pid2 = postmasterPid(pgdata);
    expect(await stop(again)).toBe(0);
    expect(processExists(pid2)).toBe(false);
  });
});

describe('the embedded PostgreSQL in-process', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('falls back to TCP on 127.0.0.1 with a password when the socket path would be too long', async () => {
    const base = mkdtempSync(join(tmpdir(), 'refill-embedded-tcp-'));
    dirs.push(base);
    chmodSync(base, 0o711);
    const dataDir = join(base, 'a-folder-name-long-enough-that-a-unix-socket-path-inside-it-would-not-fit');
    const server = await startEmbeddedPostgres({ dataDir });
    try {
      expect(server.transport).toBe('tcp');
      const client = new pg.Client({ connectionString: server.url('postgres') });
      await client.connect();
      try {
        const show = async (name: string) => (await client.query(`SHOW ${name}`)).rows[0][name] as string;
        expect(await show('listen_addresses')).toBe('127.0.0.1');
        expect(await show('unix_socket_directories')).toBe('');
        expect(await show('fsync')).toBe('on');
      } finally {
        await client.end();
      }
      const wrong = new URL(server.url('postgres'));
      wrong.password = 'not-the-password';
      const intruder = new pg.Client({ connectionString: wrong.toString() });
      await expect(intruder.connect()).rejects.toThrow(/password authentication failed/);
    } finally {
      await server.stop();
    }
    expect(processExists(server.pid)).toBe(false);
  });

  it.runIf(asRoot)('names the folder the postgres user cannot enter, and creates nothing in it', async () => {
    const base = mkdtempSync(join(tmpdir(), 'refill-embedded-locked-'));
    dirs.push(base);
    chmodSync(base, 0o755);
    const locked = join(base, 'locked');
    mkdirSync(locked, { mode: 0o700 });
    chmodSync(locked, 0o700);
    const dataDir = join(locked, 'server');
    await expect(startEmbeddedPostgres({ dataDir })).rejects.toThrow(
      `runs as the OS user "postgres", which cannot enter the folder ${locked} `,
    );
    expect(existsSync(join(dataDir, 'pgdata'))).toBe(false);
  });
});
