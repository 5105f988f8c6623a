/** What the desktop window does with a page the renderer asks to open. */
export type WindowOpenDecision = 'child' | 'external' | 'deny';

/**
 * The Electron window's rule for `window.open`: only the central API's own origin (where the payment provider's
 * hosted card page is served) opens in a child window of the app; any other http(s) address goes to the system
 * browser; anything else (file:, javascript:, data:, app:) is refused.
 */
export function windowOpenDecision(url: string, apiUrl: string | null): WindowOpenDecision {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return 'deny';
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return 'deny';
  if (target.username || target.password) return 'deny';
  if (apiUrl) {
    try {
      if (new URL(apiUrl).origin === target.origin) return 'child';
    } catch {
      // A malformed API address opens nothing as a child.
    }
  }
  return 'external';
}
