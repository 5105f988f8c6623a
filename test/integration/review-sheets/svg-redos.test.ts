import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { MAX_LOGO_BYTES } from '../../../main/cards/sheet-settings-store';

const run = promisify(execFile);
const script = fileURLToPath(new URL('./svg-redos.script.ts', import.meta.url));

describe('review: SVG logo checked in the main process', () => {
  it(
    'a 256 KB SVG of "<!--" is answered (refused or parsed) in well under the test budget, not after minutes of regex backtracking',
    { timeout: 40_000 },
    async () => {
      // The input fits the limit cards.setSheetSettings enforces (and the contract's base64 cap).
      expect(4 * 65_000 + 48).toBeLessThanOrEqual(MAX_LOGO_BYTES);
      // parseSimpleSvgLogo runs synchronously inside the cards.setSheetSettings handler (the main process) and again
      // at every render/preview. A linear parser answers in milliseconds; the child is killed after 20 s.
      const result = await run(process.execPath, ['--import', 'tsx', script], { timeout: 20_000 }).then(
        (r) => r.stdout,
        (e: { killed?: boolean; signal?: string }) => `KILLED after 20 s (signal ${e.signal ?? '?'})`,
      );
      expect(result).toMatch(/^(PARSED|REFUSED)/);
    },
  );
});
