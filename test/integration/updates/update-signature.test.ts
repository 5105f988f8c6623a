import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ed25519PublicKey,
  signArtifact,
  verifyUpdateSignature,
  type SignatureCheck,
} from '../../../main/updates/update-signature';

/**
 * The Linux update check over real HTTP: an update host (a local server) publishes artifacts and their `.sig` files;
 * the app downloads an artifact to disk and verifies it against the pinned public key. Only a genuine artifact with
 * its genuine signature passes.
 */
const root = resolve(import.meta.dirname, '../../..');
const release = generateKeyPairSync('ed25519');
const stranger = generateKeyPairSync('ed25519');
const releasePem = release.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const strangerPem = stranger.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const pinned = ed25519PublicKey(release.publicKey.export({ type: 'spki', format: 'pem' }) as string);
const NAME = 'Refill Desk-1.2.3.AppImage';
const VERSION = '1.2.3';

let dir: string;
let server: Server;
let base: string;
/** What the update host serves, by path. */
const hosted = new Map<string, Buffer>();

async function download(path: string): Promise<string> {
  const res = await fetch(`${base}${path}`);
  expect(res.status).toBe(200);
  const file = join(dir, `downloaded-${randomBytes(4).toString('hex')}`);
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  return file;
}

/** Downloads `/<folder>/<NAME>` and checks it against `/<folder>/<NAME>.sig` with the pinned key. */
async function fetchAndVerify(
  folder: string,
  claimed = { fileName: NAME, version: VERSION },
): Promise<SignatureCheck> {
  const artifactPath = `/${folder}/${encodeURIComponent(NAME)}`;
  const filePath = await download(artifactPath);
  return verifyUpdateSignature({
    filePath,
    ...claimed,
    signatureUrl: `${base}${artifactPath}.sig`,
    publicKey: pinned,
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'refill-update-sig-'));
  const artifact = randomBytes(3 * 1024 * 1024 + 17); // several stream chunks
  const original = join(dir, NAME);
  writeFileSync(original, artifact);
  const genuineSig = Buffer.from(
    await signArtifact(original, { fileName: NAME, version: VERSION }, releasePem),
  );
  const strangerSig = Buffer.from(
    await signArtifact(original, { fileName: NAME, version: VERSION }, strangerPem),
  );
  const tampered = Buffer.from(artifact);
  tampered[tampered.length >> 1]! ^= 0x01;
  const put = (folder: string, body: Buffer, sig: Buffer | null): void => {
    hosted.set(`/${folder}/${encodeURIComponent(NAME)}`, body);
    if (sig) hosted.set(`/${folder}/${encodeURIComponent(NAME)}.sig`, sig);
  };
  put('genuine', artifact, genuineSig);
  put('tampered', tampered, genuineSig);
  put('unsigned', artifact, null);
  put('stranger', artifact, strangerSig);
  put('garbage', artifact, Buffer.from('not a signature at all\n'));
  server = createServer((req, res) => {
    const body = hosted.get(req.url ?? '');
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/octet-stream' });
    res.end(body ?? 'not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

describe('update signature verification over HTTP', () => {
  it('accepts a genuine artifact signed by the pinned key', async () => {
    expect(await fetchAndVerify('genuine')).toEqual({ ok: true });
  });

  it('refuses a tampered artifact (one bit flipped) carrying the genuine signature', async () => {
    const check = await fetchAndVerify('tampered');
    expect(check).toMatchObject({ ok: false, reason: 'signature_invalid' });
    expect(check.ok ? '' : check.message).toMatch(/does not match this build's update key/);
  });

  it('refuses an artifact whose signature is missing (404) and says where it looked', async () => {
    const check = await fetchAndVerify('unsigned');
    expect(check).toMatchObject({ ok: false, reason: 'signature_missing' });
    expect(check.ok ? '' : check.message).toContain(`${base}/unsigned/`);
    expect(check.ok ? '' : check.message).toContain('HTTP 404');
  });

  it('refuses a genuine artifact signed by another key', async () => {
    expect(await fetchAndVerify('stranger')).toMatchObject({ ok: false, reason: 'signature_invalid' });
  });

  it('refuses a signature file that is not an Ed25519 signature', async () => {
    expect(await fetchAndVerify('garbage')).toMatchObject({ ok: false, reason: 'signature_invalid' });
  });

  it('refuses a genuine signature presented for another version or file name (no replay of an old release)', async () => {
    expect(await fetchAndVerify('genuine', { fileName: NAME, version: '9.9.9' })).toMatchObject({
      ok: false,
      reason: 'signature_invalid',
    });
    expect(
      await fetchAndVerify('genuine', { fileName: 'Refill Desk-9.9.9.AppImage', version: VERSION }),
    ).toMatchObject({ ok: false, reason: 'signature_invalid' });
  });

  it('refuses when the update host cannot be reached', async () => {
    const check = await verifyUpdateSignature({
      filePath: join(dir, NAME),
      fileName: NAME,
      version: VERSION,
      signatureUrl: 'http://127.0.0.1:1/nothing.sig',
      publicKey: pinned,
    });
    expect(check).toMatchObject({ ok: false, reason: 'signature_missing' });
  });
});

describe('scripts/sign-update.ts', () => {
  const tsx = join(root, 'node_modules/.bin/tsx');
  const script = join(root, 'scripts/sign-update.ts');

  it('writes <artifact>.sig with the key from REFILL_UPDATE_SIGNING_KEY, and the app verifies it', async () => {
    const file = join(dir, NAME);
    const run = spawnSync(tsx, [script, 'sign', file, '--version', VERSION, '--unpinned-key'], {
      cwd: root,
      encoding: 'utf8',
      // As a CI secret often arrives: one line with literal \n.
      env: { ...process.env, REFILL_UPDATE_SIGNING_KEY: releasePem.replace(/\n/g, '\\n') },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    hosted.set(`/scripted/${encodeURIComponent(NAME)}`, readFileSync(file));
    hosted.set(`/scripted/${encodeURIComponent(NAME)}.sig`, readFileSync(`${file}.sig`));
    expect(await fetchAndVerify('scripted')).toEqual({ ok: true });
  });

  it('refuses to sign with a key that is not the one pinned in the app', () => {
    const run = spawnSync(tsx, [script, 'sign', join(dir, NAME), '--version', VERSION], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, REFILL_UPDATE_SIGNING_KEY: strangerPem },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/not the one pinned/);
  });
});
