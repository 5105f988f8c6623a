import { describe, expect, it } from 'vitest';
import { checkApiUrl } from '../../../core/terminal/api-url';

describe('checkApiUrl', () => {
  it('accepts http(s) addresses and normalizes them', () => {
    expect(checkApiUrl('http://127.0.0.1:8787/')).toEqual({ ok: true, url: 'http://127.0.0.1:8787' });
    expect(checkApiUrl('  HTTPS://Api.Example.com/refill/ ')).toEqual({
      ok: true,
      url: 'https://api.example.com/refill',
    });
    expect(checkApiUrl('https://api.example.com:443')).toEqual({ ok: true, url: 'https://api.example.com' });
    expect(checkApiUrl('http://[::1]:8787')).toEqual({ ok: true, url: 'http://[::1]:8787' });
  });

  it('drops every trailing slash, and the spaces a paste from a web page or e-mail brings', () => {
    expect(checkApiUrl('https://api.example.com/refill//')).toEqual({
      ok: true,
      url: 'https://api.example.com/refill',
    });
    expect(checkApiUrl('\u00a0https://api.example.com/refill\u00a0')).toEqual({
      ok: true,
      url: 'https://api.example.com/refill',
    });
    expect(checkApiUrl('\u2003http://10.0.0.5:8787/\u2003')).toEqual({
      ok: true,
      url: 'http://10.0.0.5:8787',
    });
  });

  it.each([
    ['not a url', /full URL/],
    ['ftp://api.example.com', /http:\/\/ or https:\/\//],
    ['file:///etc/passwd', /http:\/\/ or https:\/\//],
    ['http://user:secret@api.example.com', /user name or password/],
    ['http://user@api.example.com', /user name or password/],
    ['http://:secret@api.example.com', /user name or password/],
    ['http://api.example.com/#token=x', /fragment/],
    ['http://api.example.com/#', /fragment/],
    ['http://api.example.com/?a=1', /query/],
    ['http://api.example.com?', /query/],
  ])('refuses %s', (text, message) => {
    const check = checkApiUrl(text);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.message).toMatch(message);
  });
});
