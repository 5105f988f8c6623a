import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LOCK_FILE_NAME } from './data-folder-lock';

/**
 * The terminal's data folder holds the ledger, the terminal's (encrypted) API token and its key: only its owner may
 * read it. Folders are 0700, files 0600. Mode bits mean nothing on Windows, where the user profile's ACLs apply.
 */
const POSIX = process.platform !== 'win32';

/** Takes group and other bits off `path` when it has any. */
function dropGroupAndOther(path: string, mode: number): void {
  if (!POSIX) return;
  const st = statSync(path);
  if ((st.mode & 0o077) !== 0) chmodSync(path, st.mode & mode);
}

/**
 * Creates `dir` with mode 0700 when it is missing (missing parents get the usual mode). An existing folder is left
 * as it is: this may be any parent folder; only the data folder itself is tightened (securePrivateDataFolder).
 */
export function createPrivateFolder(dir: string): void {
  mkdirSync(dirname(dir), { recursive: true });
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}

/**
 * Creates `file` empty with mode 0600 unless it exists; an existing one loses group and other bits. SQLite gives a
 * database's -wal and -shm files the database file's mode, so the ledger is made this way before it is opened.
 */
export function makePrivateFile(file: string): void {
  try {
    closeSync(openSync(file, 'wx', 0o600));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    dropGroupAndOther(file, 0o600);
  }
}

/** The files the terminal keeps directly in its data folder (SQLite's side files included). */
const DATA_FILES = [
  'ledger.sqlite',
  'ledger.sqlite-wal',
  'ledger.sqlite-shm',
  'ledger.sqlite-journal',
  LOCK_FILE_NAME,
  'terminal.key', // KEY_FILE_NAME (key-file-secret-box imports this module)
];

/**
 * Makes the terminal's data folder private: creates it (0700), or takes group and other bits off it and off the
 * terminal's files in it (a folder made by an older version, or copied with a permissive umask). Other files (the
 * Electron host's userData also holds Chromium's) are left to their owners.
 */
export function securePrivateDataFolder(dir: string): void {
  createPrivateFolder(dir);
  dropGroupAndOther(dir, 0o700);
  for (const name of DATA_FILES) {
    const file = join(dir, name);
    if (existsSync(file)) dropGroupAndOther(file, 0o600);
  }
}
