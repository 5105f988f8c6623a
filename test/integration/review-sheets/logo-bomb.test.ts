import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { call, openRig, removeDir, type Rig } from './support';
import { corruptPng, hugePng } from './png-bomb';

const run = promisify(execFile);
const script = fileURLToPath(new URL('./logo-crash.script.ts', import.meta.url));

let rig: Rig | undefined;
afterEach(async () => {
  if (rig) {
    await rig.close();
    removeDir(rig.dataDir);
  }
  rig = undefined;
});

/** Runs the render in a child process (a crash there must not take vitest down): exit code and output. */
async function renderWithLogo(which: 'corrupt' | 'huge'): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', script, which], { timeout: 30_000 });
    return { code: 0, out: stdout };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? -1, out: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

describe('review: logo bombs via cards.setSheetSettings', () => {
  for (const [which, png] of [
    ['corrupt', corruptPng],
    ['huge', hugePng],
  ] as const) {
    it(
      `a ${which} RGBA PNG is refused at settings time or makes the render reject, never crashes the process`,
      { timeout: 40_000 },
      async () => {
        rig = await openRig();
        // The settings accept it (only the 8-byte signature is checked)...
        const accepted = await call(rig.s, 'cards.setSheetSettings', {
          logo: { kind: 'png', base64: png().toString('base64') },
        }).then(
          () => true,
          (e: { code: string }) => (e.code === 'unsupported_logo' ? false : Promise.reject(e)),
        );
        if (!accepted) return; // refused up front: fine
        // ...so every sheet and every preview renders with it: that must fail cleanly, not kill the main process.
        const r = await renderWithLogo(which);
        expect(r.out, r.out.slice(0, 600)).toMatch(/^REJECTED|^OK/m);
        expect(r.code).toBe(0);
      },
    );
  }
});
