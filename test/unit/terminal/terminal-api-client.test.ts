import { describe, expect, it } from 'vitest';
import { API_ERROR_HEADER } from '../../../core/sync/protocol';
import { ApiClientError } from '../../../main/api-client/api-error';
import { TerminalApiClient, type ApiCallObserver } from '../../../main/api-client/terminal-api-client';

/** The terminal's API client on a stand-in fetch: how every kind of failure is classified and worded. */

const BASE = 'http://api.test';
const V4 = '3b241101-e2bb-4255-8caf-4136c566a962';

interface Seen {
  url: string;
  init: RequestInit;
}

function clientAnswering(answer: (seen: Seen) => Response | Promise<Response>, token?: string) {
  const seen: Seen[] = [];
  const events: string[] = [];
  const observer: ApiCallObserver = {
    succeeded: () => events.push('ok'),
    failed: (err) => events.push(`failed ${err.code}`),
  };
  const client = new TerminalApiClient({
    baseUrl: `${BASE}//`,
    token,
    timeoutMs: 1500,
    observer,
    fetch: (async (url: string, init: RequestInit) => {
      const s = { url, init };
      seen.push(s);
      return answer(s);
    }) as typeof fetch,
  });
  return { client, seen, events };
}

async function failure(p: Promise<unknown>): Promise<ApiClientError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiClientError);
  return err as ApiClientError;
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('TerminalApiClient', () => {
  it('sends the bearer token and JSON body, and paginates series PINs from the start or after a serial', async () => {
    const { client, seen, events } = clientAnswering(() => json({ pairs: [], hasMore: false }), 'tok');
    expect(client.baseUrl).toBe(BASE);
    await client.seriesPins(V4, null, 10);
    await client.seriesPins(V4, '1010000000015', 10);
    expect(seen.map((s) => s.url)).toEqual([
      `${BASE}/v1/terminal/cards/series/${V4}/pins?limit=10`,
      `${BASE}/v1/terminal/cards/series/${V4}/pins?limit=10&after=1010000000015`,
    ]);
    expect(seen[0]?.init.headers).toMatchObject({ authorization: 'Bearer tok', accept: 'application/json' });
    expect(seen[0]?.init.body).toBeUndefined();
    expect(events).toEqual(['ok', 'ok']);
  });

  it('calls a refused connection unreachable and a timeout a timeout, both retryable', async () => {
    const refused = clientAnswering(() => {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    });
    const e1 = await failure(refused.client.demo());
    expect(e1).toMatchObject({ kind: 'network', code: 'api_unreachable', retryable: true });
    expect(e1.message).toMatch(/^Cannot reach http:\/\/api\.test \(/);
    expect(refused.events).toEqual(['failed api_unreachable']);
    for (const name of ['TimeoutError', 'AbortError']) {
      const slow = clientAnswering(() => {
        throw Object.assign(new Error('slow'), { name });
      });
      const e2 = await failure(slow.client.demo());
      expect(e2).toMatchObject({ kind: 'timeout', code: 'api_timeout', retryable: true });
      expect(e2.message).toBe('No answer from http://api.test within 1.5 s.');
    }
  });

  it('says so when the answer is cut off, by a timeout or by the network', async () => {
    const cut = (name: string) =>
      clientAnswering(
        () =>
          ({
            ok: true,
            status: 200,
            headers: new Headers(),
            text: () => Promise.reject(Object.assign(new Error('cut'), { name })),
          }) as unknown as Response,
      );
    const timeout = await failure(cut('TimeoutError').client.demo());
    expect(timeout).toMatchObject({
      kind: 'timeout',
      code: 'api_timeout',
      message: 'The answer from http://api.test was cut off.',
    });
    const network = await failure(cut('Error').client.demo());
    expect(network).toMatchObject({ kind: 'network', code: 'api_unreachable' });
  });

  it("keeps the API's own words for a refusal, and marks whether the API itself answered", async () => {
    const { client } = clientAnswering(() =>
      json({ code: 'sale_used', message: 'The customer already used it.' }, 409, { [API_ERROR_HEADER]: '1' }),
    );
    const e = await failure(client.demo());
    expect(e).toMatchObject({
      kind: 'client',
      code: 'sale_used',
      message: 'The customer already used it.',
      httpStatus: 409,
      fromApi: true,
      retryable: false,
    });
  });

  it('names the address and status for a server error or a body that is not the API error shape', async () => {
    const server = await failure(
      clientAnswering(() =>
        json({ code: 'internal_error', message: 'internal server error' }, 500),
      ).client.demo(),
    );
    expect(server).toMatchObject({
      kind: 'server',
      code: 'internal_error',
      message: 'http://api.test answered 500 (internal server error).',
      fromApi: false,
      retryable: true,
    });
    const proxy = await failure(
      clientAnswering(() => new Response('<html>bad gateway</html>', { status: 502 })).client.demo(),
    );
    expect(proxy).toMatchObject({
      kind: 'server',
      code: 'http_502',
      message: 'http://api.test answered 502.',
    });
    const empty = await failure(clientAnswering(() => new Response(null, { status: 400 })).client.demo());
    expect(empty).toMatchObject({
      kind: 'client',
      code: 'http_400',
      message: 'http://api.test answered 400.',
      retryable: false,
    });
  });

  it('refuses a successful answer that does not match the schema, naming the path without its query', async () => {
    for (const body of ['{"unexpected":true}', 'not json', '']) {
      const e = await failure(
        clientAnswering(() => new Response(body, { status: 200 })).client.pull('0', 100),
      );
      expect(e).toMatchObject({
        kind: 'invalid_response',
        code: 'api_invalid_response',
        message: 'Unexpected answer from GET http://api.test/v1/terminal/sync/pull.',
        httpStatus: 200,
        retryable: false,
      });
    }
  });
});
