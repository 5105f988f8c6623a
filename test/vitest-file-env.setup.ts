import { afterAll } from 'vitest';

/**
 * Runs before every test file (vitest `setupFiles`). Test files share a worker process and its modules (isolate:
 * false), so what one file sets in `process.env` (a job interval, a development switch such as
 * REFILL_WEBHOOK_ALLOW_PRIVATE, the time zone) would otherwise still be set for the next file. The environment as it
 * was before the file is put back after its last hook.
 */
const before = { ...process.env };

afterAll(() => {
  for (const key of Object.keys(process.env)) if (!(key in before)) delete process.env[key];
  for (const [key, value] of Object.entries(before)) if (process.env[key] !== value) process.env[key] = value;
});
