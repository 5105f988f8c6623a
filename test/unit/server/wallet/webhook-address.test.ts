import type { LookupAddress } from 'node:dns';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type HostResolver,
  addressAllowed,
  addressClass,
  checkWebhookUrl,
  resolveWebhookTarget,
  webhookLoopbackAllowed,
} from '../../../../server/wallet/webhook-address';

/**
 * A stand-in resolver that answers like a DNS server listing the IPv6 address first, and reorders as node's `lookup`
 * does when asked not to keep the resolver's order (`verbatim: false`).
 */
function ipv6FirstResolver(answer: readonly LookupAddress[]): HostResolver {
  return (_host, options) => {
    const verbatim: boolean = options.verbatim;
    return Promise.resolve(verbatim ? answer : [...answer].sort((a, b) => a.family - b.family));
  };
}

/** The SSRF guard on a reseller's webhook URL: which addresses and names it lets through, and the reason it gives. */

const ALLOW = 'REFILL_WEBHOOK_ALLOW_PRIVATE';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('webhookLoopbackAllowed', () => {
  it.each([
    [undefined, false],
    ['0', false],
    ['true', false],
    ['1', true],
  ])('%s → %s', (value, allowed) => {
    vi.stubEnv(ALLOW, value);
    expect(webhookLoopbackAllowed()).toBe(allowed);
  });
});

describe('addressClass', () => {
  it.each([
    // Every IPv4 address was non_public while one BlockList held both families (an IPv4 address also matched the
    // IPv6 rule for IPv4-mapped addresses), so no webhook could reach a public IPv4 host.
    ['8.8.8.8', 'public'],
    ['93.184.216.34', 'public'],
    ['2606:4700::1111', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'non_public'],
    ['169.254.169.254', 'non_public'],
    ['100.100.100.200', 'non_public'],
    ['192.168.0.1', 'non_public'],
    ['fd00::1', 'non_public'],
    ['fe80::1', 'non_public'],
    ['::ffff:10.0.0.1', 'non_public'],
    ['::ffff:8.8.8.8', 'non_public'],
    ['not an address', 'non_public'],
    ['', 'non_public'],
  ])('%s is %s', (ip, expected) => {
    expect(addressClass(ip)).toBe(expected);
  });
});

describe('addressAllowed', () => {
  it('allows a public address and never a non-public one', () => {
    vi.stubEnv(ALLOW, '1');
    expect(addressAllowed('8.8.8.8')).toBe(true);
    expect(addressAllowed('10.0.0.1')).toBe(false);
    expect(addressAllowed('fd00::1')).toBe(false);
  });

  it('allows loopback only when the server is told to', () => {
    vi.stubEnv(ALLOW, '0');
    expect(addressAllowed('127.0.0.1')).toBe(false);
    expect(addressAllowed('::1')).toBe(false);
    vi.stubEnv(ALLOW, '1');
    expect(addressAllowed('127.0.0.1')).toBe(true);
    expect(addressAllowed('::1')).toBe(true);
  });
});

describe('checkWebhookUrl', () => {
  /** The message the URL is refused with (every refusal is invalid_input), or null when it is accepted. */
  function refusal(url: string): string | null {
    try {
      checkWebhookUrl(url);
      return null;
    } catch (e) {
      expect(e).toMatchObject({ code: 'invalid_input' });
      return (e as Error).message;
    }
  }

  it.each([
    'https://hooks.example.com/refill',
    'https://Hooks.Example.COM./refill',
    'https://hooks.example.com:8443/a?b=c',
    'https://8.8.8.8/hook',
    'https://[2606:4700::1111]/hook',
  ])('accepts %s', (url) => {
    vi.stubEnv(ALLOW, '0');
    expect(refusal(url)).toBeNull();
  });

  it.each([
    ['not a url', 'webhookUrl must be a URL'],
    ['https://user:secret@hooks.example.com/', 'webhookUrl must not carry credentials'],
    ['https://user@hooks.example.com/', 'webhookUrl must not carry credentials'],
    ['https://:secret@hooks.example.com/', 'webhookUrl must not carry credentials'],
    ['http://hooks.example.com/', 'webhookUrl must be HTTPS'],
    ['ftp://hooks.example.com/', 'webhookUrl must be HTTPS'],
    ['https://10.0.0.1/admin', 'webhookUrl must point at a public address'],
    ['https://169.254.169.254/latest/meta-data/', 'webhookUrl must point at a public address'],
    ['https://[fd00::1]/', 'webhookUrl must point at a public address'],
    ['https://printer.local/', 'webhookUrl must name a public host'],
    ['https://app.localhost/', 'webhookUrl must name a public host'],
    ['https://metadata.google.internal/', 'webhookUrl must name a public host'],
    ['https://nas.home.arpa/', 'webhookUrl must name a public host'],
    ['https://intranet/', 'webhookUrl must name a public host'],
    ['https://intranet./', 'webhookUrl must name a public host'],
  ])('refuses %s: %s', (url, message) => {
    vi.stubEnv(ALLOW, '1');
    expect(refusal(url)).toBe(message);
  });

  it.each([
    'http://127.0.0.1:9000/hook',
    'https://127.0.0.1/',
    'http://localhost:9000/',
    'http://LOCALHOST./',
    'http://[::1]:9000/',
  ])('refuses the loopback receiver %s unless allowed, then takes HTTP or HTTPS', (url) => {
    vi.stubEnv(ALLOW, '0');
    expect(refusal(url)).toBe('webhookUrl must point at a public host');
    vi.stubEnv(ALLOW, '1');
    expect(refusal(url)).toBeNull();
  });

  it('refuses a loopback receiver on another scheme even when loopback is allowed', () => {
    vi.stubEnv(ALLOW, '1');
    expect(refusal('ftp://127.0.0.1/hook')).toBe('webhookUrl must be HTTPS');
    expect(refusal('ws://localhost/hook')).toBe('webhookUrl must be HTTPS');
  });
});

describe('resolveWebhookTarget', () => {
  it('pins an IP literal without resolving it, with its family', async () => {
    vi.stubEnv(ALLOW, '0');
    await expect(resolveWebhookTarget('https://8.8.8.8/hook')).resolves.toEqual({
      address: '8.8.8.8',
      family: 4,
    });
    await expect(resolveWebhookTarget('https://[2606:4700::1111]/hook')).resolves.toEqual({
      address: '2606:4700::1111',
      family: 6,
    });
  });

  it('pins localhost to 127.0.0.1 when loopback is allowed', async () => {
    vi.stubEnv(ALLOW, '1');
    await expect(resolveWebhookTarget('http://localhost:9000/hook')).resolves.toEqual({
      address: '127.0.0.1',
      family: 4,
    });
    await expect(resolveWebhookTarget('http://[::1]:9000/hook')).resolves.toEqual({
      address: '::1',
      family: 6,
    });
  });

  it('pins the first address in the order the resolver answered, IPv6 included', async () => {
    vi.stubEnv(ALLOW, '0');
    const resolver = ipv6FirstResolver([
      { address: '2606:4700::1111', family: 6 },
      { address: '8.8.8.8', family: 4 },
    ]);
    await expect(resolveWebhookTarget('https://hooks.example.com/hook', resolver)).resolves.toEqual({
      address: '2606:4700::1111',
      family: 6,
    });
  });

  it('refuses again at delivery what it refuses when saved', async () => {
    vi.stubEnv(ALLOW, '0');
    await expect(resolveWebhookTarget('http://localhost:9000/hook')).rejects.toThrow(
      'webhookUrl must point at a public host',
    );
    await expect(resolveWebhookTarget('https://10.0.0.1/hook')).rejects.toThrow(
      'webhookUrl must point at a public address',
    );
  });
});
