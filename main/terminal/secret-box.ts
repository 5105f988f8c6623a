/** Encrypts small secrets (the terminal's API token) for storage in the data folder. */
export interface SecretBox {
  /** Encrypts UTF-8 text into an opaque blob. */
  encrypt(text: string): Buffer;
  /** Decrypts a blob made by `encrypt`; throws if it was tampered with or made with another key. */
  decrypt(blob: Buffer): string;
  /** Which implementation made the blob ("key-file-aes-256-gcm", "electron-safe-storage"), stored beside it. */
  readonly kind: string;
}
