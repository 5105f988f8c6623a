import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCardKeys, newCardKeysJson, parseCardKeys } from '../../../server/cards/card-keys';
import { newPin, openPin, pinLookupHash, sealPin } from '../../../server/cards/pin-crypto';

describe('PIN generator', () => {
  it('makes digits of the asked length, no repeats in 100,000, uniform digit frequencies per position', () => {
    const n = 100_000;
    const len = 12;
    const seen = new Set<string>();
    const counts = Array.from({ length: len }, () => new Array<number>(10).fill(0));
    for (let i = 0; i < n; i++) {
      const pin = newPin(len);
      expect(pin).toMatch(/^[0-9]{12}$/);
      seen.add(pin);
      for (let p = 0; p < len; p++) counts[p]![pin.charCodeAt(p) - 48]!++;
    }
    expect(seen.size).toBe(n);
    // Chi-square per position, 9 degrees of freedom: 46 is about the 0.999999 quantile, so a fair generator fails a
    // run (12 positions) about once in 80,000 runs, while a modulo bias or a stuck digit lands far above it. (33.7,
    // used before, is the 0.9999 quantile: it failed a clean CI run.) The sum over all positions (108 dof) is held to
    // about its 0.99995 quantile (165), which catches a small bias spread over every position.
    const expected = n / 10;
    let total = 0;
    for (const c of counts) {
      const chi = c.reduce((s, k) => s + (k - expected) ** 2 / expected, 0);
      total += chi;
      expect(chi).toBeLessThan(46);
    }
    expect(total).toBeLessThan(165);
  });

  it('makes long PINs (over one draw) and short ones with leading zeros', () => {
    expect(newPin(20)).toMatch(/^[0-9]{20}$/);
    const short = Array.from({ length: 2_000 }, () => newPin(5));
    expect(short.every((p) => /^[0-9]{5}$/.test(p))).toBe(true);
    expect(short.some((p) => p.startsWith('0'))).toBe(true);
  });
});

describe('card keys', () => {
  it('generates a 0600 key file once and reads it back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'card-keys-'));
    const a = loadCardKeys(undefined, dir);
    expect(a.source).toBe('generated');
    expect(statSync(join(dir, 'card-keys.json')).mode & 0o777).toBe(0o600);
    const b = loadCardKeys(undefined, dir);
    expect(b.source).toBe('file');
    expect(b.hmacKey.equals(a.hmacKey)).toBe(true);
  });

  it('takes REFILL_CARD_KEYS, and rotates: old ciphertexts open after a new current key is added', () => {
    const old = JSON.parse(newCardKeysJson()) as { hmac: string; encryption: Record<string, string> };
    const k1 = parseCardKeys(JSON.stringify({ ...old, current: 'k1' }), 'env');
    const sealed = sealPin(k1, '123456789012', 'r:c');
    const k2 = parseCardKeys(
      JSON.stringify({
        ...old,
        encryption: { ...old.encryption, k2: Buffer.alloc(32, 7).toString('base64') },
        current: 'k2',
      }),
      'env',
    );
    expect(openPin(k2, sealed, 'r:c')).toBe('123456789012');
    expect(sealPin(k2, '1', 'x').keyId).toBe('k2');
    expect(pinLookupHash(k2, '123456789012').equals(pinLookupHash(k1, '123456789012'))).toBe(true);
    expect(() => openPin(k2, sealed, 'r:other')).toThrow();
    expect(sealed.ciphertext.includes(Buffer.from('123456789012'))).toBe(false);
  });

  it('refuses malformed keys without echoing them', () => {
    expect(() => parseCardKeys('{"hmac":"c2VjcmV0","encryption":{},"current":"k1"}', 'env')).toThrow(
      /malformed/,
    );
    try {
      parseCardKeys('{"hmac":"c2VjcmV0","encryption":{},"current":"k1"}', 'env');
    } catch (e) {
      expect(String(e)).not.toContain('c2VjcmV0');
    }
  });
});
