import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TEST_OPERATOR_KEY, createTenant, useTestServer } from '../server/api-harness';
import { serverBackends } from '../server/server-backends';
import { mintWithPins, useTestCardKeys } from './card-harness';

const keys = useTestCardKeys();

/** The forms a leaked PIN could take: plain, hex and base64 (standard and url) of its digits. */
function leakForms(pin: string): string[] {
  const b = Buffer.from(pin, 'utf8');
  return [pin, b.toString('hex'), b.toString('base64').replace(/=+$/, ''), b.toString('base64url')];
}

describe.each(serverBackends())('PINs stay secret ($name)', (backend) => {
  const ctx = useTestServer(backend);
  const logged: string[] = [];
  beforeAll(() => {
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logged.push(args.map(String).join(' '));
      });
    }
  });
  afterAll(() => vi.restoreAllMocks());

  it('never shows a PIN in the database, error bodies, answers, logs or the OpenAPI document', async () => {
    const t = await createTenant(ctx.api, { credits: 1_000_000 });
    const other = await createTenant(ctx.api, { credits: 1_000_000 });
    const mine = await mintWithPins(ctx.api, ctx.db, keys, t.resellerId, { amount: 100, quantity: 300 });
    const theirs = await mintWithPins(ctx.api, ctx.db, keys, other.resellerId, {
      amount: 100,
      quantity: 20,
      pinLength: 8,
    });
    const pins = [...mine.cards, ...theirs.cards].map((c) => c.pin);
    const bodies: string[] = [];
    const call = async (path: string, token: string, body: unknown) => {
      const r = await ctx.api.call('POST', path, { token, body });
      bodies.push(JSON.stringify(r.body));
      return r;
    };
    // Redeemed, reused, foreign, wrong serial, malformed and oversized attempts.
    for (let i = 0; i < 3; i++)
      expect(
        (await call('/v1/terminal/cards/redeem', t.token, { customerAccount: '+15559990000', pin: pins[i] }))
          .status,
      ).toBe(200);
    await call('/v1/terminal/cards/redeem', t.token, { customerAccount: '+15559990001', pin: pins[0] });
    await call('/v1/terminal/cards/redeem', t.token, {
      customerAccount: '+15559990002',
      pin: theirs.cards[0]!.pin,
    });
    await call('/v1/terminal/cards/redeem', other.token, {
      customerAccount: '+15559990003',
      pin: theirs.cards[1]!.pin,
      serial: mine.cards[5]!.serial,
    });
    await call('/v1/terminal/cards/redeem', other.token, { customerAccount: 'x', pin: theirs.cards[2]!.pin });
    await call('/v1/terminal/cards/redeem', other.token, { customerAccount: '+15559990004', pin: 7 });
    await call('/v1/terminal/cards/redeem', other.token, {
      customerAccount: '+15559990004',
      pin: `${theirs.cards[3]!.pin}${'9'.repeat(80)}`,
    });
    await call('/v1/terminal/cards/redeem', other.token, {
      customerAccount: '+15559990004',
      pin: theirs.cards[4]!.pin,
      extra: theirs.cards[4]!.pin,
    });

    const openapi = await ctx.api.call('GET', '/openapi.json');
    expect(openapi.status).toBe(200);
    const doc = JSON.stringify(openapi.body);
    expect(doc).toContain('/v1/terminal/cards/redeem');

    const tables = await ctx.db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    expect(tables.map((x) => x.table_name)).toEqual(
      expect.arrayContaining(['cards', 'card_series', 'card_pin_lookup', 'card_redeem_failures']),
    );
    let dump = '';
    for (const { table_name } of tables) {
      const rows = await ctx.db.query<{ r: string }>(`SELECT t::text AS r FROM "${table_name}" t`);
      dump += rows.map((x) => x.r).join('\n');
      const b64 = await ctx.db.query<{ r: string }>(
        `SELECT coalesce(string_agg(encode(convert_to(t::text, 'UTF8'), 'base64'), ''), '') AS r FROM "${table_name}" t`,
      );
      dump += b64[0]!.r;
    }
    expect(dump).toContain(mine.cards[0]!.serial);

    const haystacks = {
      database: dump,
      errorBodies: bodies.join('\n'),
      openapi: doc,
      logs: logged.join('\n'),
    };
    for (const pin of pins) {
      for (const form of leakForms(pin)) {
        for (const [where, text] of Object.entries(haystacks)) {
          if (text.includes(form))
            throw new Error(`a PIN shows in ${where} (as ${form === pin ? 'plain' : 'encoded'})`);
        }
      }
    }
    expect(TEST_OPERATOR_KEY).toBeTruthy();
  });
});
