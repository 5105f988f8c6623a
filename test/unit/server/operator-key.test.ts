import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOperatorKey, operatorKeyBits } from '../../../server/auth/operator-key';
import { newSecretToken } from '../../../server/auth/secret-token';

const dir = () => mkdtempSync(join(tmpdir(), 'refill-opkey-'));

describe('operator key strength', () => {
  it('accepts 32 random bytes in the usual encodings', () => {
    for (let i = 0; i < 20; i += 1) {
      for (const key of [
        newSecretToken(),
        randomBytes(32).toString('hex'),
        randomBytes(32).toString('base64'),
        randomBytes(32).toString('base64url'),
      ]) {
        expect(operatorKeyBits(key), key).toBeGreaterThanOrEqual(256);
        expect(loadOperatorKey(key, dir()).source).toBe('env');
      }
    }
  });

  it('refuses short, repetitive or spaced keys from REFILL_OPERATOR_KEY with a clear error', () => {
    for (const weak of [
      'secret',
      'test-operator-key-0123456789abcdef', // the old 34-character test key
      randomBytes(16).toString('base64url'), // 128 bits
      randomBytes(31).toString('hex'), // 62 hex characters: 248 bits
      'a'.repeat(200),
      'ab'.repeat(100),
      'correct horse battery staple correct horse battery staple',
    ]) {
      expect(() => loadOperatorKey(weak, dir()), weak).toThrow(
        /REFILL_OPERATOR_KEY is too weak.*32 random bytes/,
      );
    }
  });

  it('generates a strong key into a 0600 file, reads it back, and refuses a weak one put there', () => {
    const d = dir();
    const made = loadOperatorKey(undefined, d);
    expect(made.source).toBe('generated');
    expect(operatorKeyBits(made.key)).toBeGreaterThanOrEqual(256);
    expect(statSync(made.file!).mode & 0o777).toBe(0o600);
    expect(readFileSync(made.file!, 'utf8').trim()).toBe(made.key);
    expect(loadOperatorKey(undefined, d)).toEqual({ key: made.key, source: 'file', file: made.file });
    writeFileSync(made.file!, 'short\n');
    expect(() => loadOperatorKey(undefined, d)).toThrow(/operator-key is too weak/);
  });
});
