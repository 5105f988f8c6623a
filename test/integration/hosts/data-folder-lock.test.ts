import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCK_FILE_NAME, lockDataFolder } from '../../../main/app/data-folder-lock';

const dir = mkdtempSync(join(tmpdir(), 'refill-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('one app instance per data folder', () => {
  it('refuses a folder held by another running process, and takes over a lock left by a dead one', async () => {
    // Another live process holds the lock.
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    writeFileSync(join(dir, LOCK_FILE_NAME), String(other.pid));
    expect(() => lockDataFolder(dir)).toThrowError(expect.objectContaining({ code: 'data_folder_in_use' }));
    other.kill('SIGKILL');
    await new Promise((r) => other.once('exit', r));
    // Its process is gone (a crash): the lock is stale and ours to take; releasing removes it.
    const lockFile = join(dir, LOCK_FILE_NAME);
    const release = lockDataFolder(dir);
    expect(readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(lockFile)).toBe(false);
    const again = lockDataFolder(dir);
    expect(readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
    again();
    expect(existsSync(lockFile)).toBe(false);
  });

  it('a release does not remove a lock another process took since', () => {
    const lockFile = join(dir, LOCK_FILE_NAME);
    const release = lockDataFolder(dir);
    writeFileSync(lockFile, '999999999');
    release();
    expect(readFileSync(lockFile, 'utf8')).toBe('999999999');
    rmSync(lockFile);
  });
});
