import { createKeyFileSecretBox } from './key-file-secret-box';
import type { SecretBox } from './secret-box';

/** The part of Electron's `safeStorage` this box uses (passed in, so this module imports nothing from electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  /** Linux only: which keyring backs it; 'basic_text' means a hard-coded key, i.e. no real protection. */
  getSelectedStorageBackend?(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** A SecretBox over Electron's safeStorage (OS keychain / DPAPI / libsecret). */
export class SafeStorageSecretBox implements SecretBox {
  readonly kind = 'electron-safe-storage';

  constructor(private readonly safeStorage: SafeStorageLike) {}

  /** Encrypts with the OS-held key. */
  encrypt(text: string): Buffer {
    return this.safeStorage.encryptString(text);
  }

  /** Decrypts a blob made by `encrypt` on this OS account. */
  decrypt(blob: Buffer): string {
    return this.safeStorage.decryptString(blob);
  }
}

/**
 * The Electron host's SecretBox: safeStorage when the OS offers real encryption, else (e.g. Linux without a keyring,
 * where safeStorage falls back to a hard-coded key) the key-file box in `dataDir`, so the token is never stored in
 * plain text or under a key everyone knows.
 */
export function createSafeStorageSecretBox(
  safeStorage: SafeStorageLike,
  dataDir: string,
  platform: NodeJS.Platform = process.platform,
): SecretBox {
  const weakLinuxBackend = platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text';
  return safeStorage.isEncryptionAvailable() && !weakLinuxBackend
    ? new SafeStorageSecretBox(safeStorage)
    : createKeyFileSecretBox(dataDir);
}
