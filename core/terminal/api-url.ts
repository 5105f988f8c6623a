/** The outcome of checking a central API address typed by a person. */
export type ApiUrlCheck =
  { readonly ok: true; readonly url: string } | { readonly ok: false; readonly message: string };

/**
 * Checks a central API address: an absolute http(s) URL without credentials, query or fragment (the client appends
 * its paths to it). Answers it normalized: the host lower-cased, no trailing slash ("https://api.example.com/refill").
 */
export function checkApiUrl(text: string): ApiUrlCheck {
  const trimmed = text.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, message: 'The API address must be a full URL such as https://api.example.com.' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, message: 'The API address must start with http:// or https://.' };
  if (url.username !== '' || url.password !== '')
    return { ok: false, message: 'The API address must not contain a user name or password.' };
  // `URL` drops an empty "#" or "?", so look at the text as typed too.
  if (url.hash !== '' || trimmed.includes('#'))
    return { ok: false, message: 'The API address must not contain a fragment (#…).' };
  if (url.search !== '' || trimmed.includes('?'))
    return { ok: false, message: 'The API address must not contain a query (?…).' };
  if (url.hostname === '') return { ok: false, message: 'The API address must name a host.' };
  return { ok: true, url: `${url.origin}${url.pathname}`.replace(/\/+$/, '') };
}
