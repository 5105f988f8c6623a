import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the proxy treats the next requests. */
export type FaultMode =
  | { readonly kind: 'pass' }
  /** Forward, but answer only after `ms` (beyond the client's timeout). */
  | { readonly kind: 'slow'; readonly ms: number }
  /** Answer 500 without forwarding. */
  | { readonly kind: 'error500' }
  /** Forward, read the whole response, then destroy the client socket (server applied, client never hears). */
  | { readonly kind: 'dropAfterResponse' }
  /** Refuse at once (socket destroyed before forwarding). */
  | { readonly kind: 'down' };

/** A loopback HTTP proxy in front of the central API that injects faults; counts what it forwarded. */
export interface FaultProxy {
  readonly url: string;
  mode: FaultMode;
  /** Requests forwarded to the upstream per path (e.g. "/v1/terminal/sync/push"). */
  readonly forwarded: Map<string, number>;
  /** Only paths starting with this prefix get the fault; others pass (default: all). */
  faultPathPrefix: string;
  /** Called with each request's path and body once it has arrived, before it is forwarded (tests act on progress). */
  onRequest: ((path: string, body: Buffer) => void) | null;
  /**
   * A canned answer for a request instead of forwarding it (e.g. a middlebox answering 400), or null to go on with the
   * mode. Checked before the mode.
   */
  decide: ((path: string) => { readonly status: number; readonly body: string } | null) | null;
  close(): Promise<void>;
}

/** Starts a fault-injecting proxy to `upstream` on a free loopback port. */
export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  const proxy: FaultProxy = {
    url: '',
    mode: { kind: 'pass' },
    forwarded: new Map(),
    faultPathPrefix: '/',
    onRequest: null,
    decide: null,
    close: async () => undefined,
  };
  const forward = (
    req: IncomingMessage,
    body: Buffer,
  ): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const path = (req.url ?? '/').split('?')[0]!;
      proxy.forwarded.set(path, (proxy.forwarded.get(path) ?? 0) + 1);
      const up = request(
        {
          hostname: target.hostname,
          port: target.port,
          path: req.url,
          method: req.method,
          headers: { ...req.headers, host: target.host },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const headers: Record<string, string> = {};
            for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers[k] = v;
            delete headers['content-length'];
            delete headers['transfer-encoding'];
            delete headers.connection;
            resolve({ status: res.statusCode ?? 502, headers, body: Buffer.concat(chunks) });
          });
          res.on('error', reject);
        },
      );
      up.on('error', reject);
      up.end(body);
    });
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0]!;
      proxy.onRequest?.(path, Buffer.concat(chunks));
      const canned = proxy.decide?.(path) ?? null;
      if (canned) {
        res.writeHead(canned.status, { 'content-type': 'application/json' });
        res.end(canned.body);
        return;
      }
      void (async () => {
        const mode = (req.url ?? '/').startsWith(proxy.faultPathPrefix)
          ? proxy.mode
          : { kind: 'pass' as const };
        try {
          if (mode.kind === 'down') {
            req.socket.destroy();
            return;
          }
          if (mode.kind === 'error500') {
            res.writeHead(500, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ code: 'internal', message: 'injected failure' }));
            return;
          }
          const answer = await forward(req, Buffer.concat(chunks));
          if (mode.kind === 'dropAfterResponse') {
            req.socket.destroy();
            return;
          }
          if (mode.kind === 'slow') await new Promise((r) => setTimeout(r, mode.ms));
          if (res.destroyed) return;
          res.writeHead(answer.status, answer.headers);
          res.end(answer.body);
        } catch {
          if (!res.headersSent) res.writeHead(502);
          res.end();
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  Object.assign(proxy, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  return proxy;
}
