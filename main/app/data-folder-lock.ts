import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../core/app-error';

/** The lock file's name in the data folder. */
export const LOCK_FILE_NAME = 'refill-desk.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One app instance per data folder (DESIGN 4): two would run two sync loops over one outbox and two clerk sessions.
 * Takes `<dataDir>/refill-desk.lock` holding our pid; a lock left by a process that no longer runs (a crash) is
 * taken over. Returns the release function.
 */
export function lockDataFolder(dataDir: string): () => void {
  const file = join(dataDir, LOCK_FILE_NAME);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 });
      return () => {
        try {
          if (readFileSync(file, 'utf8') === String(process.pid)) unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(readFileSync(file, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && alive(holder)) {
        throw new AppError(
          'data_folder_in_use',
          `Another Refill Desk (process ${holder}) is using the data folder ${dataDir}. Close it first, or use another folder.`,
        );
      }
      unlinkSync(file); // stale: its process is gone
    }
  }
  throw new AppError('data_folder_in_use', `Could not lock the data folder ${dataDir}.`);
}
