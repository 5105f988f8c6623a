import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeyFileSecretBox, KEY_FILE_NAME } from '../../../main/terminal/key-file-secret-box';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function dir(): string {
  const d = mkdtempSync(join(tmpdir(), 'refill-keybox-'));
  dirs.push(d);
  return d;
}

describe('the key-file secret box', () => {
  it('seals and opens text with a key it creates owner-only on first use and reuses after', () => {
    const d = dir();
    const box = createKeyFileSecretBox(d);
    expect(box.kind).toBe('key-file-aes-256-gcm');
    const blob = box.encrypt('token-é');
    expect(blob[0]).toBe(1);
    expect(blob.includes(Buffer.from('token'))).toBe(false);
    expect(box.decrypt(blob)).toBe('token-é');
    const keyFile = join(d, KEY_FILE_NAME);
    expect(readFileSync(keyFile)).toHaveLength(32);
    if (process.platform !== 'win32') expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    // Another box on the same folder (the next start) opens it with the same key.
    expect(createKeyFileSecretBox(d).decrypt(blob)).toBe('token-é');
  });

  it('refuses blobs that are not its own: too short, another version, tampered, or another key', () => {
    const box = createKeyFileSecretBox(dir());
    const blob = box.encrypt('secret');
    expect(() => box.decrypt(blob.subarray(0, 28))).toThrow(/not a key-file secret blob/);
    expect(() => box.decrypt(Buffer.concat([Buffer.from([2]), blob.subarray(1)]))).toThrow(
      /not a key-file secret blob/,
    );
    const tampered = Buffer.from(blob);
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
    expect(() => box.decrypt(tampered)).toThrow();
    expect(() => createKeyFileSecretBox(dir()).decrypt(blob)).toThrow();
    // An empty text seals to the bare header and opens again.
    expect(box.decrypt(box.encrypt(''))).toBe('');
  });

  it('refuses a key file of the wrong size rather than replacing it', () => {
    const d = dir();
    writeFileSync(join(d, KEY_FILE_NAME), Buffer.alloc(16));
    expect(() => createKeyFileSecretBox(d).encrypt('x')).toThrow(/is not a 32-byte key/);
    expect(readFileSync(join(d, KEY_FILE_NAME))).toHaveLength(16);
  });
});
