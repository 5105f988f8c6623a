import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ed25519PublicKey,
  signArtifact,
  signedMessage,
  verifyUpdateSignature,
} from '../../../main/updates/update-signature';

/**
 * The refusals of the update signature check that update-signature.test.ts leaves out: keys of another kind, fields
 * that could smuggle a line into the signed message, signature files of the wrong size, an unreadable download.
 */
const release = generateKeyPairSync('ed25519');
const pinned = ed25519PublicKey(release.publicKey.export({ type: 'spki', format: 'pem' }) as string);
const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });

let dir: string;
let server: Server;
let base: string;
const hosted = new Map<string, Buffer>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'refill-update-refusals-'));
  server = createServer((req, res) => {
    const body = hosted.get(req.url ?? '');
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe('update signature refusals', () => {
  it('takes Ed25519 keys only, on both the release and the app side', async () => {
    expect(() => ed25519PublicKey(rsa.publicKey.export({ type: 'spki', format: 'pem' }) as string)).toThrow(
      /must be an Ed25519 public key/,
    );
    const file = join(dir, 'artifact');
    writeFileSync(file, 'bytes');
    await expect(
      signArtifact(
        file,
        { fileName: 'a', version: '1' },
        rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
      ),
    ).rejects.toThrow(/must be an Ed25519 private key/);
  });

  it('refuses to sign a field holding a line break (it would change what the lines mean)', () => {
    expect(() => signedMessage({ fileName: 'a\nb', version: '1', sha512: 'x' })).toThrow(
      /fileName must be one line/,
    );
    expect(() => signedMessage({ fileName: 'a', version: '1\r', sha512: 'x' })).toThrow(
      /version must be one line/,
    );
    expect(signedMessage({ fileName: 'a', version: '1', sha512: 'x' }).toString()).toBe(
      'refill-desk-update-signature-v1\na\n1\nx\n',
    );
  });

  it('refuses signature files too long or of the wrong length, and a download it cannot read', async () => {
    const file = join(dir, 'genuine');
    writeFileSync(file, 'genuine bytes');
    const check = (sigPath: string, filePath = file) =>
      verifyUpdateSignature({
        filePath,
        fileName: 'genuine',
        version: '1.0.0',
        signatureUrl: `${base}${sigPath}`,
        publicKey: pinned,
        timeoutMs: 5_000,
      });
    hosted.set('/long.sig', Buffer.alloc(64 * 1024, 'A'));
    expect(await check('/long.sig')).toMatchObject({
      ok: false,
      reason: 'signature_invalid',
      message: expect.stringMatching(/too long/),
    });
    hosted.set('/short.sig', Buffer.from(Buffer.alloc(32, 1).toString('base64')));
    expect(await check('/short.sig')).toMatchObject({
      ok: false,
      reason: 'signature_invalid',
      message: expect.stringMatching(/32 bytes, not 64/),
    });
    const genuine = await signArtifact(
      file,
      { fileName: 'genuine', version: '1.0.0' },
      release.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    );
    hosted.set('/genuine.sig', Buffer.from(genuine));
    expect(await check('/genuine.sig')).toEqual({ ok: true });
    expect(await check('/genuine.sig', join(dir, 'never-downloaded'))).toMatchObject({
      ok: false,
      reason: 'artifact_unreadable',
      message: expect.stringMatching(/^The downloaded update could not be read: ENOENT/),
    });
  });
});
