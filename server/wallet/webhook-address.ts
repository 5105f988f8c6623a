import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { AppError } from '../../core/app-error';

/**
 * Where a reseller's webhook may point (SSRF guard). Every API instance POSTs to the URL, so it must be a public host:
 * HTTPS, no credentials, not an IP literal in a loopback, private, link-local (cloud metadata), CGNAT, ULA,
 * documentation, multicast or reserved range, and not a single-label or local-only name. The check runs when the URL
 * is saved and again at each delivery on the resolved addresses; the delivery then connects to the checked address
 * only (DNS rebinding gets nothing).
 *
 * Loopback (HTTP or HTTPS on 127.0.0.0/8, ::1, localhost) is refused too, unless the server runs with
 * `REFILL_WEBHOOK_ALLOW_PRIVATE=1` (development and tests with a local receiver). Nothing else is ever allowed.
 */

/** Whether the server allows webhooks to loopback receivers (REFILL_WEBHOOK_ALLOW_PRIVATE=1). */
export function webhookLoopbackAllowed(): boolean {
  return process.env.REFILL_WEBHOOK_ALLOW_PRIVATE === '1';
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

// One list per family: Node's BlockList matches an IPv4 address against IPv6 rules as its IPv4-mapped form, so the
// `::ffff:0:0/96` rule below would make every IPv4 address non-public if both families shared a list.
const NON_PUBLIC_V4 = new BlockList();
const NON_PUBLIC_V6 = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // CGNAT (and some clouds' metadata, e.g. 100.100.100.200)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata 169.254.169.254)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved and broadcast
] as const) {
  NON_PUBLIC_V4.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 96], // unspecified, loopback and IPv4-compatible
  ['::ffff:0:0', 96], // IPv4-mapped
  ['64:ff9b::', 96], // NAT64 (embeds IPv4)
  ['64:ff9b:1::', 48], // local NAT64
  ['100::', 64], // discard
  ['2001::', 23], // IETF protocol assignments (Teredo included)
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4 (embeds IPv4)
  ['fc00::', 7], // unique local (ULA)
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) {
  NON_PUBLIC_V6.addSubnet(net, prefix, 'ipv6');
}

/** How an IP address may be used as a webhook target. */
export function addressClass(ip: string): 'public' | 'loopback' | 'non_public' {
  const family = isIP(ip);
  if (family === 0) return 'non_public';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (LOOPBACK.check(ip, type)) return 'loopback';
  return (family === 4 ? NON_PUBLIC_V4 : NON_PUBLIC_V6).check(ip, type) ? 'non_public' : 'public';
}

/** Whether a webhook may be delivered to this address. */
export function addressAllowed(ip: string): boolean {
  const c = addressClass(ip);
  return c === 'public' || (c === 'loopback' && webhookLoopbackAllowed());
}

/** The host of a URL without IPv6 brackets or a trailing dot, lower case. */
function bareHost(u: URL): string {
  const h = u.hostname.toLowerCase();
  const unbracketed = h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
  return unbracketed.endsWith('.') ? unbracketed.slice(0, -1) : unbracketed;
}

/** Local-only names: never resolvable to a public receiver. */
function localName(host: string): boolean {
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host.endsWith('.local') ||
    host.endsWith('.internal') ||
    host.endsWith('.home.arpa') ||
    !host.includes('.')
  );
}

/** Refuses (invalid_input) a webhook URL that is not HTTPS on a public host (see the module comment). */
export function checkWebhookUrl(url: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new AppError('invalid_input', 'webhookUrl must be a URL');
  }
  if (u.username || u.password) throw new AppError('invalid_input', 'webhookUrl must not carry credentials');
  const host = bareHost(u);
  const loopbackOk = webhookLoopbackAllowed();
  const loopback = isIP(host) !== 0 ? addressClass(host) === 'loopback' : host === 'localhost';
  if (loopback) {
    if (!loopbackOk) throw new AppError('invalid_input', 'webhookUrl must point at a public host');
    if (u.protocol !== 'https:' && u.protocol !== 'http:') {
      throw new AppError('invalid_input', 'webhookUrl must be HTTPS');
    }
    return;
  }
  if (u.protocol !== 'https:') throw new AppError('invalid_input', 'webhookUrl must be HTTPS');
  if (isIP(host) !== 0) {
    if (addressClass(host) !== 'public') {
      throw new AppError('invalid_input', 'webhookUrl must point at a public address');
    }
    return;
  }
  if (localName(host)) throw new AppError('invalid_input', 'webhookUrl must name a public host');
}

/** A resolved, checked address to connect to. */
export interface PinnedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** How a host name is resolved: node's `lookup` by default, every address in the order the resolver answered. */
export type HostResolver = (
  host: string,
  options: { readonly all: true; readonly verbatim: true },
) => Promise<readonly { readonly address: string; readonly family: number }[]>;

/**
 * At delivery: checks the URL again and resolves its host, refusing it when any address is not allowed. Answers the
 * address to connect to (the connection must use it, not resolve again).
 */
export async function resolveWebhookTarget(
  url: string,
  resolveHost: HostResolver = lookup,
): Promise<PinnedAddress> {
  checkWebhookUrl(url);
  const host = bareHost(new URL(url));
  const literal = isIP(host);
  const addresses =
    literal !== 0
      ? [{ address: host, family: literal }]
      : await resolveHost(host === 'localhost' ? '127.0.0.1' : host, { all: true, verbatim: true });
  if (addresses.length === 0) throw new Error('webhook host has no address');
  for (const a of addresses) {
    if (!addressAllowed(a.address)) throw new Error('webhook host resolves to a non-public address');
  }
  const first = addresses[0]!;
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}
