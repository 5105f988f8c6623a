import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./cancel.script.ts', import.meta.url));

describe('review: cancel a sheet mid-render', () => {
  it(
    'leaves no file and no record (held) and does not crash the process with an unhandled stream error',
    { timeout: 40_000 },
    async () => {
      // Runs until the child exits by itself (no timer): exit 0 after printing its result, or 1 on an uncaught error.
      const { code, stdout, stderr } = await new Promise<{
        code: number | null;
        stdout: string;
        stderr: string;
      }>((resolve) => {
        const child = execFile(process.execPath, ['--import', 'tsx', script], (err, stdout, stderr) =>
          resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
        void child;
      });
      const line = stdout
        .trim()
        .split('\n')
        .find((l) => l.startsWith('{'));
      expect(line, stderr.slice(0, 800)).toBeDefined();
      expect(JSON.parse(line!)).toEqual({
        state: 'cancelled',
        fileMode: '600',
        dirMode: '700',
        files: [],
        prints: 0,
        download: 'not_found',
      });
      expect(stderr.match(/Error[^\n]*/)?.[0] ?? null, stderr.slice(0, 800)).toBeNull();
      expect(code).toBe(0);
    },
  );
});
