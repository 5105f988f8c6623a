import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from '../../../../core/wallet/webhook-signature';

const SECRET = 'whsec_test';
const BODY =
  '{"id":"0192f0c0-0000-7000-8000-000000000001","type":"wallet.balance_alert","data":{"balance":5}}';

describe('webhook signature', () => {
  it('is t=<seconds>,v1=<hex HMAC-SHA256(secret, "t.body")> as documented', async () => {
    const header = await signWebhook(SECRET, BODY, 1_790_000_000.7);
    const expected = createHmac('sha256', SECRET).update(`1790000000.${BODY}`).digest('hex');
    expect(header).toBe(`t=1790000000,v1=${expected}`);
  });

  it('verifies the untouched body and refuses a tampered one, another secret, an old stamp or garbage', async () => {
    const header = await signWebhook(SECRET, BODY, 1_790_000_000);
    expect(await verifyWebhook(SECRET, BODY, header, 1_790_000_100)).toEqual({
      ok: true,
      timestamp: 1_790_000_000,
      eventId: '0192f0c0-0000-7000-8000-000000000001',
    });
    expect(await verifyWebhook(SECRET, BODY.replace('5}', '6}'), header, 1_790_000_000)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(await verifyWebhook('whsec_other', BODY, header, 1_790_000_000)).toMatchObject({ ok: false });
    expect(await verifyWebhook(SECRET, BODY, header, 1_790_000_301)).toEqual({
      ok: false,
      reason: 'too_old',
    });
    for (const bad of [null, '', 't=1', 'v1=ab', 't=x,v1=00', `t=1,v1=${'g'.repeat(64)}`]) {
      expect(await verifyWebhook(SECRET, BODY, bad, 1)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('refuses any single changed character of the body', async () => {
    const header = await signWebhook(SECRET, BODY, 100);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: BODY.length - 1 }),
        fc.string({ minLength: 1, maxLength: 1 }),
        async (i, c) => {
          fc.pre(BODY[i] !== c);
          const tampered = BODY.slice(0, i) + c + BODY.slice(i + 1);
          expect((await verifyWebhook(SECRET, tampered, header, 100)).ok).toBe(false);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('webhook signature header parsing', () => {
  const T = 1_790_000_000;
  const mac = (t: string, body: string = BODY): string =>
    createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex');

  it('trims spaces around the names and values of the header', async () => {
    expect(await verifyWebhook(SECRET, BODY, `t = ${T} , v1 = ${mac(String(T))}`, T)).toMatchObject({
      ok: true,
      timestamp: T,
    });
  });

  it('ignores pieces without a name before =', async () => {
    expect(await verifyWebhook(SECRET, BODY, `t=${T},v1=${mac(String(T))},t1,v1x`, T)).toMatchObject({
      ok: true,
      timestamp: T,
    });
  });

  it('calls a t of anything but 1 to 12 digits, or a v1 of anything but 64 lowercase hex digits, malformed', async () => {
    const malformed = { ok: false, reason: 'malformed' };
    for (const header of [
      `t=x${T},v1=${mac(`x${T}`)}`,
      `t=${T}x,v1=${mac(`${T}x`)}`,
      `t=${T}000,v1=${mac(`${T}000`)}`,
      `t=${T},v1=x${mac(String(T))}`,
      `t=${T},v1=${mac(String(T))}x`,
      `t=${T},v1=${mac(String(T)).toUpperCase()}`,
      `v1=${mac('NaN')}`,
      `t=${T},v1=zz`,
    ])
      expect(await verifyWebhook(SECRET, BODY, header, T)).toEqual(malformed);
  });

  it('accepts a stamp exactly at the tolerance and refuses one a second past it', async () => {
    const header = await signWebhook(SECRET, BODY, T);
    expect(await verifyWebhook(SECRET, BODY, header, T + 300)).toMatchObject({ ok: true });
    expect(await verifyWebhook(SECRET, BODY, header, T - 300)).toMatchObject({ ok: true });
    expect(await verifyWebhook(SECRET, BODY, header, T + 10, 10)).toMatchObject({ ok: true });
    expect(await verifyWebhook(SECRET, BODY, header, T + 11, 10)).toEqual({ ok: false, reason: 'too_old' });
  });

  it('answers a null event id for a signed body without a string id', async () => {
    for (const body of ['{}', '{"id":1}', '[]', '"text"', '5', 'null', 'not json']) {
      const header = await signWebhook(SECRET, body, T);
      expect(await verifyWebhook(SECRET, body, header, T)).toEqual({ ok: true, timestamp: T, eventId: null });
    }
  });
});
