import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../../main/app/app-services';
import { createKeyFileSecretBox } from '../../../main/terminal/key-file-secret-box';
import { TOKEN_HEADER, startWebHost, type WebHost } from '../../../main/web/web-host';

let dir: string;
let services: AppServices;
let host: WebHost;
const token = 'test-token-0123456789abcdefghijklmnopqrstuv';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'refill-host-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Refill Desk</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'do not serve');
  services = await createAppServices({
    dataDir: join(dir, 'terminal'),
    secretBox: createKeyFileSecretBox(join(dir, 'terminal')),
    runtime: {
      host: 'browser',
      appName: 'Refill Desk',
      appVersion: '0.0.0-test',
      electronVersion: null,
      chromeVersion: null,
    },
  });
  host = await startWebHost({ services, rendererDir, token, host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await host.close();
  await services.close();
  rmSync(dir, { recursive: true, force: true });
});

async function rpc(name: string, body: unknown, headers: Record<string, string> = { [TOKEN_HEADER]: token }) {
  const res = await fetch(`${host.url}/rpc/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } },
  };
}

/** A raw request with a chosen Host header (fetch will not let us lie about Host). */
function rawGet(path: string, hostHeader: string): Promise<number> {
  const { port } = new URL(host.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host: hostHeader } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser-mode host', () => {
  it('prints an open URL carrying the token only in the fragment', () => {
    expect(host.openUrl).toBe(`${host.url}/#token=${token}`);
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers a contract call with the right token', async () => {
    const res = await rpc('app.about', {});
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
    expect(res.body.value).toMatchObject({
      host: 'browser',
      appVersion: '0.0.0-test',
      sqliteVersion: expect.stringMatching(/^3\./),
    });
  });

  it('refuses calls without the token or with a wrong one, and changes nothing', async () => {
    expect((await rpc('app.about', {}, {})).status).toBe(401);
    const wrong = await rpc('app.about', {}, { [TOKEN_HEADER]: token.slice(0, -1) + 'x' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error?.code).toBe('unauthorized');
  });

  it('rejects bad input with a clear error', async () => {
    const res = await rpc('app.ping', { text: '' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('text is required'),
    });
    const notJson = await rpc('app.ping', '{not json');
    expect(notJson.status).toBe(400);
    expect(notJson.body.error?.code).toBe('invalid_json');
    const malformed = await rpc('%E0%A4%A', {});
    expect(malformed.status).toBe(404);
    const unknown = await rpc('no.such.method', {});
    expect(unknown.status).toBe(404);
    expect(unknown.body.error?.code).toBe('unknown_method');
  });

  it('refuses other Host headers (DNS rebinding) and cross-origin calls', async () => {
    expect(await rawGet('/', 'evil.example:80')).toBe(421);
    const { port } = new URL(host.url);
    expect(await rawGet('/', `localhost:${port}`)).toBe(200);
    const cross = await rpc('app.about', {}, { [TOKEN_HEADER]: token, origin: 'http://evil.example' });
    expect(cross.status).toBe(403);
  });

  it('listening on every interface (--host 0.0.0.0), accepts the names clients use but still needs the token', async () => {
    const wide = await startWebHost({
      services,
      rendererDir: join(dir, 'renderer'),
      token,
      host: '0.0.0.0',
      port: 0,
    });
    try {
      const { port } = new URL(wide.url);
      const call = (hostHeader: string, headers: Record<string, string>): Promise<number> =>
        new Promise((resolve, reject) => {
          const req = request(
            {
              host: '127.0.0.1',
              port,
              path: '/rpc/app.about',
              method: 'POST',
              headers: { host: hostHeader, ...headers },
            },
            (res) => {
              res.resume();
              resolve(res.statusCode ?? 0);
            },
          );
          req.on('error', reject);
          req.end('{}');
        });
      const lanHost = `192.168.99.1:${port}`;
      expect(await call(lanHost, { [TOKEN_HEADER]: token })).toBe(200);
      expect(await call(lanHost, {})).toBe(401);
      expect(await call(lanHost, { [TOKEN_HEADER]: token, origin: 'http://evil.example' })).toBe(403);
      expect(await call(lanHost, { [TOKEN_HEADER]: token, origin: `http://${lanHost}` })).toBe(200);
    } finally {
      await wide.close();
    }
  });

  it('serves the renderer with a CSP, falls back to index.html for routes, and never escapes its folder', async () => {
    const index = await fetch(`${host.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await (await fetch(`${host.url}/sell`)).text()).toContain('<title>Refill Desk</title>');
    expect((await fetch(`${host.url}/assets/app.js`)).headers.get('content-type')).toContain('javascript');
    expect((await fetch(`${host.url}/..%2fsecret.txt`)).status).toBe(404);
    expect((await fetch(`${host.url}/assets/missing.js`)).status).toBe(404);
  });

  it('streams contract events over server-sent events only with the token', async () => {
    expect((await fetch(`${host.url}/events`)).status).toBe(401);
    const controller = new AbortController();
    const res = await fetch(`${host.url}/events?token=${token}`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const status = {
      online: true,
      pendingCount: 3,
      lastSyncAt: null,
      lastError: null,
      syncing: false,
      terminalName: 'T',
      clerkName: null,
    };
    let text = '';
    const deadline = Date.now() + 5000;
    services.events.emit('app.status', status as never);
    while (!text.includes('event: app.status') && Date.now() < deadline) {
      const { value } = await reader.read();
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    expect(text).toContain('event: app.status');
    expect(text).toContain('"pendingCount":3');
  });
});
