import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UpdateState } from '../../../core/contract/types/updates';
import { createAppServices, type AppServices } from '../../../main/app/app-services';
import { createKeyFileSecretBox } from '../../../main/terminal/key-file-secret-box';
import type { UpdaterDriver, UpdaterEvent } from '../../../main/updates/update-service';
import { signArtifact } from '../../../main/updates/update-signature';

/** The update flow through the real services and contract: a fake platform updater, a real signed artifact on HTTP. */
const release = generateKeyPairSync('ed25519');
const runtime = {
  host: 'browser' as const,
  appName: 'Refill Desk',
  appVersion: '1.0.0',
  electronVersion: null,
  chromeVersion: null,
};
const ctx = { host: 'browser' as const };
let dir: string;
let server: Server;
let base: string;
const hosted = new Map<string, Buffer>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'refill-app-updates-'));
  const artifact = join(dir, 'app.AppImage');
  writeFileSync(artifact, randomBytes(200_000));
  const pem = release.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  hosted.set(
    '/app.AppImage.sig',
    Buffer.from(await signArtifact(artifact, { fileName: 'app.AppImage', version: '1.1.0' }, pem)),
  );
  server = createServer((req, res) => {
    const body = hosted.get(req.url ?? '');
    res.writeHead(body ? 200 : 404);
    res.end(body ?? '');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

async function open(name: string, updater?: UpdaterDriver): Promise<AppServices> {
  const dataDir = join(dir, name);
  return createAppServices({
    dataDir,
    secretBox: createKeyFileSecretBox(dataDir),
    runtime,
    sync: { autoStart: false },
    ...(updater ? { updater } : {}),
    updatePublicKeyPem: release.publicKey.export({ type: 'spki', format: 'pem' }) as string,
  });
}

/** Resolves with the first `updates.state` event whose phase is one of `kinds`. */
function nextState(services: AppServices, kinds: readonly string[]): Promise<UpdateState> {
  return new Promise((resolve) => {
    const off = services.events.subscribe((m) => {
      if (m.name === 'updates.state' && kinds.includes(m.payload.phase.kind)) {
        off();
        resolve(m.payload);
      }
    });
  });
}

describe('updates through the contract', () => {
  it('browser mode: updates are managed by the desktop app and cannot be installed from here', async () => {
    const services = await open('browser');
    try {
      const state = await services.dispatch('updates.state', {}, ctx);
      expect(state).toMatchObject({
        ok: true,
        value: { currentVersion: '1.0.0', phase: { kind: 'unmanaged', host: 'browser' } },
      });
      const install = await services.dispatch('updates.install', {}, ctx);
      expect(install).toMatchObject({ ok: false, error: { code: 'updates_unmanaged' } });
    } finally {
      await services.close();
    }
  });

  it.each([
    ['a genuine artifact becomes ready', 'genuine', 'ready'],
    ['a tampered artifact is refused', 'tampered', 'refused'],
  ])('%s, and nobody signed out can install it', async (_, which, expected) => {
    let report: ((e: UpdaterEvent) => void) | null = null;
    let installs = 0;
    const services = await open(which, {
      requiresSignature: true,
      start: (r) => (report = r),
      install: () => void installs++,
    });
    try {
      const file = join(dir, `${which}.AppImage`);
      const bytes = readFileSync(join(dir, 'app.AppImage'));
      if (which === 'tampered') bytes[0]! ^= 0xff;
      writeFileSync(file, bytes);
      const settled = nextState(services, ['ready', 'refused']);
      report!({
        type: 'downloaded',
        version: '1.1.0',
        filePath: file,
        fileName: 'app.AppImage',
        signatureUrl: `${base}/app.AppImage.sig`,
      });
      const state = await settled;
      expect(state.phase.kind).toBe(expected);
      if (state.phase.kind === 'refused') expect(state.phase.reason).toBe('signature_invalid');
      const install = await services.dispatch('updates.install', {}, ctx);
      expect(install).toMatchObject({ ok: false, error: { code: 'signed_out' } });
      expect(installs).toBe(0);
    } finally {
      await services.close();
    }
  });
});
