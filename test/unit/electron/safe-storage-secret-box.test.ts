import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createSafeStorageSecretBox,
  type SafeStorageLike,
} from '../../../main/terminal/safe-storage-secret-box.electron';

// Electron cannot launch here; this stands in for its safeStorage (reversible, so round trips can be checked).
const storage = (available: boolean, backend?: string): SafeStorageLike => ({
  isEncryptionAvailable: () => available,
  ...(backend ? { getSelectedStorageBackend: () => backend } : {}),
  encryptString: (t) => Buffer.from([...Buffer.from(t)].map((b) => b ^ 0x5a)),
  decryptString: (b) => Buffer.from([...b].map((x) => x ^ 0x5a)).toString(),
});
const dir = mkdtempSync(join(tmpdir(), 'refill-safe-storage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Electron token box selection', () => {
  it('uses the OS keychain when it offers real encryption', () => {
    const box = createSafeStorageSecretBox(storage(true, 'gnome_libsecret'), dir, 'linux');
    expect(box.kind).toBe('electron-safe-storage');
    expect(box.decrypt(box.encrypt('secret-token'))).toBe('secret-token');
    expect(createSafeStorageSecretBox(storage(true), dir, 'darwin').kind).toBe('electron-safe-storage');
  });

  it('falls back to the key-file box without encryption or with Linux’s hard-coded-key backend', () => {
    for (const box of [
      createSafeStorageSecretBox(storage(false), dir, 'win32'),
      createSafeStorageSecretBox(storage(true, 'basic_text'), dir, 'linux'),
    ]) {
      expect(box.kind).toBe('key-file-aes-256-gcm');
      const blob = box.encrypt('secret-token');
      expect(blob.includes(Buffer.from('secret-token'))).toBe(false);
      expect(box.decrypt(blob)).toBe('secret-token');
    }
  });
});
