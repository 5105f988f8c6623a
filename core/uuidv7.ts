/**
 * UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then random bits, so ids sort by creation time.
 * Monotonic within one process: ids made in the same millisecond still increase.
 */
let lastMs = -1;
let lastSeq = 0;

/** CSPRNG bytes drawn 4 KiB at a time: one getRandomValues call per 256 ids instead of one per id. */
const POOL_SIZE = 4096;
let pool = new Uint8Array(0);
let poolOffset = 0;

function pooledRandom(bytes: Uint8Array): Uint8Array {
  if (poolOffset + bytes.length > pool.length) {
    pool = globalThis.crypto.getRandomValues(new Uint8Array(POOL_SIZE));
    poolOffset = 0;
  }
  bytes.set(pool.subarray(poolOffset, poolOffset + bytes.length));
  poolOffset += bytes.length;
  return bytes;
}

/** Each byte's two lower-case hex digits: an id is 16 look-ups, not 16 number-to-string conversions and a join. */
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** The canonical 8-4-4-4-12 lower-case form of 16 bytes. */
function formatUuid(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) s += '-';
    s += HEX[bytes[i]!]!;
  }
  return s;
}

/** Makes a new UUIDv7 string. `now` and `random` are injectable for tests. */
export function uuidv7(
  now: number = Date.now(),
  random: (bytes: Uint8Array) => Uint8Array = pooledRandom,
): string {
  const bytes = random(new Uint8Array(16));
  let ms = now;
  if (ms <= lastMs) {
    // Same (or earlier) millisecond: bump a 12-bit sequence held in rand_a; roll into the next ms on overflow.
    lastSeq += 1;
    if (lastSeq > 0xfff) {
      lastMs += 1;
      lastSeq = 0;
    }
    ms = lastMs;
  } else {
    lastMs = ms;
    lastSeq = (bytes[6]! & 0x07) << 8; // start low so there is room to count up
    lastSeq |= bytes[7]!;
  }
  bytes[0] = Math.floor(ms / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(ms / 2 ** 32) & 0xff;
  bytes[2] = (ms >>> 24) & 0xff;
  bytes[3] = (ms >>> 16) & 0xff;
  bytes[4] = (ms >>> 8) & 0xff;
  bytes[5] = ms & 0xff;
  bytes[6] = 0x70 | ((lastSeq >>> 8) & 0x0f);
  bytes[7] = lastSeq & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  return formatUuid(bytes);
}

/** Matches any version-7 UUID string (lower or upper case). */
export const UUIDV7_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** The creation time (ms since epoch) carried in a UUIDv7. */
export function uuidv7Time(id: string): number {
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}
