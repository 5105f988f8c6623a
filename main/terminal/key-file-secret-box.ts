import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPrivateFolder } from '../app/private-files';
import type { SecretBox } from './secret-box';

/** The key file's name inside the data folder. */
export const KEY_FILE_NAME = 'terminal.key';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 1;

/** Reads the 32-byte key, creating it (random, mode 0o600, exclusive create) on first use. */
function loadOrCreateKey(file: string): Buffer {
  try {
    const key = readFileSync(file);
    if (key.length !== KEY_BYTES) throw new Error(`${file} is not a ${KEY_BYTES}-byte key`);
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const key = randomBytes(KEY_BYTES);
  try {
    writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // Another process created it first: use theirs.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateKey(file);
    throw err;
  }
  chmodSync(file, 0o600);
  return key;
}

/**
 * The Node SecretBox (browser mode and tests): AES-256-GCM with a random 32-byte key kept in
 * `<dataDir>/terminal.key`, created with mode 0o600 (owner read/write only). Blob layout:
 * `[version 1 byte][iv 12 bytes][auth tag 16 bytes][ciphertext]`. This protects the token from anyone who copies
 * the database without the key file, not from someone holding the whole folder as the same OS user; the Electron
 * host uses the OS keychain (safeStorage) instead where available.
 */
export function createKeyFileSecretBox(dataDir: string): SecretBox {
  createPrivateFolder(dataDir);
  const file = join(dataDir, KEY_FILE_NAME);
  let key: Buffer | null = null;
  const getKey = (): Buffer => (key ??= loadOrCreateKey(file));
  return {
    kind: 'key-file-aes-256-gcm',
    encrypt(text) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', getKey(), iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
    },
    decrypt(blob) {
      if (blob.length < 1 + IV_BYTES + TAG_BYTES || blob[0] !== VERSION)
        throw new Error('not a key-file secret blob');
      const iv = blob.subarray(1, 1 + IV_BYTES);
      const tag = blob.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', getKey(), iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([
        decipher.update(blob.subarray(1 + IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    },
  };
}
