import { describe, expect, it } from 'vitest';
import { AppError } from '../../../core/app-error';
import { createDispatcher } from '../../../main/contract/dispatcher';
import type { Handlers } from '../../../main/contract/handlers';

/** A handler map where every method fails loudly unless overridden (the dispatcher only needs a few). */
function handlersWith(overrides: Partial<Handlers>): Handlers {
  return new Proxy(overrides as Handlers, {
    get: (target, prop: string) =>
      (target as Record<string, unknown>)[prop] ??
      (() => {
        throw new AppError('not_in_test', `${prop} is not part of this test`);
      }),
  });
}

const ctx = { host: 'electron' as const };

describe('contract dispatcher (the path both hosts use)', () => {
  const dispatch = createDispatcher(
    handlersWith({
      'app.ping': ({ text }) => ({ text, at: '2026-01-01T00:00:00.000Z' }),
    }),
    () => undefined,
  );

  it('passes validated input to the handler and returns its value', async () => {
    expect(await dispatch('app.ping', { text: 'hi' }, ctx)).toEqual({
      ok: true,
      value: { text: 'hi', at: '2026-01-01T00:00:00.000Z' },
    });
  });

  it('rejects bad input with a clear message naming the field, without calling the handler', async () => {
    let called = false;
    const d = createDispatcher(
      handlersWith({
        'app.ping': ({ text }) => {
          called = true;
          return { text, at: '' };
        },
      }),
    );
    const res = await d('app.ping', { text: '' }, ctx);
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('invalid_input');
    expect(res.error.message).toContain('text: text is required');
    expect(called).toBe(false);
    const extra = await d('app.ping', { text: 'x', evil: true }, ctx);
    expect(extra.ok ? null : extra.error.code).toBe('invalid_input');
    const wrongType = await d('app.ping', 'not an object', ctx);
    expect(wrongType.ok ? null : wrongType.error.code).toBe('invalid_input');
  });

  it('rejects unknown methods, including prototype names', async () => {
    for (const name of ['nope', '__proto__', 'constructor', 42, null]) {
      const res = await dispatch(name, {}, ctx);
      expect(res.ok ? null : res.error.code).toBe('unknown_method');
    }
  });

  it('passes AppErrors through and hides unexpected ones', async () => {
    const logged: unknown[] = [];
    const d = createDispatcher(
      handlersWith({
        'app.ping': ({ text }) => {
          if (text === 'app') throw new AppError('nope', 'Not allowed', { why: 1 });
          throw new Error('secret internals');
        },
      }),
      (_m, e) => logged.push(e),
    );
    expect(await d('app.ping', { text: 'app' }, ctx)).toEqual({
      ok: false,
      error: { code: 'nope', message: 'Not allowed', details: { why: 1 } },
    });
    const hidden = await d('app.ping', { text: 'boom' }, ctx);
    expect(hidden).toEqual({ ok: false, error: { code: 'internal', message: expect.any(String) } });
    expect(JSON.stringify(hidden)).not.toContain('secret internals');
    expect(logged).toHaveLength(1);
  });
});
