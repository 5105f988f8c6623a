import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverBackends, type OpenedBackend } from './server-backends';

const root = resolve(import.meta.dirname, '../../..');

/** Runs `tsx server/main.ts` until its "listening" line (then SIGTERM) or its exit; returns its output. */
function runServer(
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(
    process.execPath,
    [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'server/main.ts')],
    {
      cwd: root,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', REFILL_OPERATOR_KEY: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  child.stdout.on('data', (b: Buffer) => {
    stdout += b.toString();
    if (/listening on/.test(stdout)) child.kill('SIGTERM');
  });
  return new Promise((res) => child.once('exit', (code) => res({ code, stdout, stderr })));
}

describe.each(serverBackends())('operator key at the command line ($name)', (backend) => {
  let opened: OpenedBackend;
  beforeAll(async () => {
    opened = await backend.open({ isolated: true });
  });
  afterAll(async () => {
    await opened?.cleanup();
  });

  it('prints where the generated key is, never the key', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'refill-opkey-cli-'));
    const run = await runServer({ DATABASE_URL: opened.url, REFILL_DATA_DIR: dataDir });
    expect(run.stdout).toMatch(/listening on/);
    const file = join(dataDir, 'operator-key');
    const key = readFileSync(file, 'utf8').trim();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(run.stderr).toContain(file);
    expect(run.stderr + run.stdout).not.toContain(key);
  });

  it('refuses a weak REFILL_OPERATOR_KEY with a clear error', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'refill-opkey-cli-'));
    const run = await runServer({
      DATABASE_URL: opened.url,
      REFILL_DATA_DIR: dataDir,
      REFILL_OPERATOR_KEY: 'test-operator-key-0123456789abcdef',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/REFILL_OPERATOR_KEY is too weak/);
    expect(run.stdout).not.toMatch(/listening on/);
  });
});
