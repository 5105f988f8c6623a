import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PORT_FILE_NAME, startLocalCentralApi } from '../../../scripts/local-central-api';
import type { SyncReport } from '../../../core/contract/types/sync';
import { call, enrollAndSignIn, openTerminal, tempDir } from '../terminal/support/terminal-harness';

const root = resolve(__dirname, '../../..');

describe('the local central API (npm start / npm run web) keeps its port', () => {
  const dataDir = tempDir('local-api');
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('saves the port it picked on the first start and listens on it again after a restart', async () => {
    const first = await startLocalCentralApi(root, dataDir, { quiet: true });
    await first.stop();
    const portFile = join(dataDir, PORT_FILE_NAME);
    expect(readFileSync(portFile, 'utf8').trim()).toBe(new URL(first.url).port);
    expect(statSync(portFile).mode & 0o077).toBe(0);

    const second = await startLocalCentralApi(root, dataDir, { quiet: true });
    try {
      expect(second.url).toBe(first.url);
      expect((await fetch(`${second.url}/health`)).status).toBe(200);
    } finally {
      await second.stop();
    }
  });

  it('stop() signals the process that owns the embedded PostgreSQL, and returns once PostgreSQL is gone', async () => {
    const apiDir = tempDir('local-api-stop');
    try {
      const api = await startLocalCentralApi(root, apiDir, { quiet: true });
      const pidFile = join(apiDir, 'pgdata', 'postmaster.pid');
      const postmaster = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      // PostgreSQL's parent is the very process stop() signals: no wrapper process that could kill the server
      // before it has stopped PostgreSQL (the tsx command does that when the server is slow to answer a signal).
      const ppid = Number(readFileSync(`/proc/${postmaster}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
      expect(ppid).toBe(api.pid);
      await api.stop();
      expect(existsSync(pidFile)).toBe(false);
      expect(existsSync(`/proc/${postmaster}`)).toBe(false);
      expect(existsSync(`/proc/${api.pid}`)).toBe(false);
    } finally {
      rmSync(apiDir, { recursive: true, force: true });
    }
  });

  it('a terminal enrolled against it syncs again after the restart, without help', async () => {
    const apiDir = tempDir('local-api-restart');
    const termDir = tempDir('local-api-term');
    const first = await startLocalCentralApi(root, apiDir, { quiet: true });
    const s = await openTerminal(termDir);
    try {
      const demo = JSON.parse(readFileSync(join(apiDir, 'demo.json'), 'utf8')) as { code: string };
      await enrollAndSignIn(s, first.url, demo.code);
      await first.stop();
      expect((await call<SyncReport>(s, 'sync.now')).ok).toBe(false);
      const second = await startLocalCentralApi(root, apiDir, { quiet: true });
      try {
        expect(await call<SyncReport>(s, 'sync.now')).toMatchObject({ ok: true, error: null });
        expect(s.terminal.identity.require().apiUrl).toBe(second.url);
      } finally {
        await second.stop();
      }
    } finally {
      await s.close();
      rmSync(apiDir, { recursive: true, force: true });
      rmSync(termDir, { recursive: true, force: true });
    }
  });

  it('fails with a message naming the port and the file when another program holds the port', async () => {
    const portFile = join(dataDir, PORT_FILE_NAME);
    const port = Number(readFileSync(portFile, 'utf8').trim());
    const squatter: Server = createServer();
    await new Promise<void>((r) => squatter.listen(port, '127.0.0.1', () => r()));
    try {
      await expect(startLocalCentralApi(root, dataDir, { quiet: true })).rejects.toThrow(
        `The local central API's port ${port} (kept in ${portFile}) is taken by another program`,
      );
    } finally {
      await new Promise((r) => squatter.close(r));
    }
  });
});
