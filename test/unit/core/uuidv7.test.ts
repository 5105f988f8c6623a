import { describe, expect, it } from 'vitest';
import { UUIDV7_PATTERN, uuidv7, uuidv7Time } from '../../../core/uuidv7';

/**
 * The generator keeps its last millisecond and sequence per process (ids never go backwards), and other test files
 * sharing the process may have made ids already: each test starts from a millisecond after every id made so far.
 */
function freshMs(): number {
  return uuidv7Time(uuidv7()) + 1;
}

/** Random bytes that are all `value`. */
const filled =
  (value: number) =>
  (bytes: Uint8Array): Uint8Array =>
    bytes.fill(value);

/** The 12 hex digits of a 48-bit millisecond, big-endian, as RFC 9562 lays out `unix_ts_ms`. */
function msHex(ms: number): string {
  return ms.toString(16).padStart(12, '0');
}

/** The 12-bit sequence (rand_a) an id carries after its version digit. */
function sequenceOf(id: string): number {
  return parseInt(id.slice(15, 18), 16);
}

describe('uuidv7', () => {
  it('makes valid version-7 ids carrying their creation time', () => {
    const at = freshMs() + 1_000;
    const id = uuidv7(at);
    expect(id).toMatch(UUIDV7_PATTERN);
    expect(uuidv7Time(id)).toBe(at);
  });

  it('lays out time, version, sequence, variant and random bits as RFC 9562 says', () => {
    const at = freshMs();
    const t = msHex(at);
    const ones = uuidv7(at, filled(0xff));
    // rand_a starts from the low 11 bits of the random bytes 6 and 7 (room to count up); variant bits 10.
    expect(ones).toBe(`${t.slice(0, 8)}-${t.slice(8)}-77ff-bfff-ffffffffffff`);
    const zeros = uuidv7(at + 1, filled(0x00));
    expect(zeros).toBe(`${msHex(at + 1).slice(0, 8)}-${msHex(at + 1).slice(8)}-7000-8000-000000000000`);
    const mixed = uuidv7(at + 2, filled(0x5a));
    // 0x5a & 0x07 = 2 in the sequence's high bits, 0x5a below; variant 10 over 0x5a's low six bits: 0x9a.
    expect(mixed).toBe(`${msHex(at + 2).slice(0, 8)}-${msHex(at + 2).slice(8)}-725a-9a5a-5a5a5a5a5a5a`);
    for (const id of [ones, zeros, mixed]) expect(id).toMatch(UUIDV7_PATTERN);
    expect(uuidv7Time(mixed)).toBe(at + 2);
  });

  it('sorts by creation order, even within one millisecond', () => {
    const t = freshMs();
    const ids = Array.from({ length: 5000 }, () => uuidv7(t));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('counts 4096 ids in one millisecond, then moves into the next one', () => {
    const t = freshMs();
    const ids = Array.from({ length: 4098 }, () => uuidv7(t, filled(0)));
    expect(ids.slice(0, 4096).every((id) => uuidv7Time(id) === t)).toBe(true);
    expect(ids.slice(0, 4096).map(sequenceOf)).toEqual(Array.from({ length: 4096 }, (_, i) => i));
    expect(uuidv7Time(ids[4096]!)).toBe(t + 1);
    expect(sequenceOf(ids[4096]!)).toBe(0);
    expect(sequenceOf(ids[4097]!)).toBe(1);
    expect([...ids].sort()).toEqual(ids);
  });

  it('never goes backwards when the clock does', () => {
    const t = freshMs() + 60_000;
    const first = uuidv7(t, filled(0));
    const earlier = uuidv7(t - 30_000, filled(0));
    expect(uuidv7Time(earlier)).toBe(t);
    expect(earlier > first).toBe(true);
    // A later clock starts its own millisecond again, from the random bits.
    const later = uuidv7(t + 1, filled(0xff));
    expect(uuidv7Time(later)).toBe(t + 1);
    expect(sequenceOf(later)).toBe(0x7ff);
  });

  it('fills the random bits from the system CSPRNG, never repeating them across refills of its pool', () => {
    // 600 ids use 9,600 random bytes: more than two refills of the 4 KiB pool.
    const ids = Array.from({ length: 600 }, () => uuidv7());
    const tails = ids.map((id) => id.slice(19));
    expect(new Set(tails).size).toBe(ids.length);
    // No byte position stuck at zero: each of the 8 tail bytes is non-zero in some id.
    for (let byte = 0; byte < 8; byte++) {
      const at = byte < 2 ? byte * 2 : byte * 2 + 1;
      expect(
        tails.some((tail) => tail.slice(at, at + 2) !== '00'),
        `byte ${byte}`,
      ).toBe(true);
    }
  });

  it('reads the creation time back from upper-case ids too', () => {
    const at = freshMs();
    const id = uuidv7(at).toUpperCase();
    expect(id).toMatch(UUIDV7_PATTERN);
    expect(uuidv7Time(id)).toBe(at);
  });
});
