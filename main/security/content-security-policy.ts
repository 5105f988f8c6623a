/**
 * The renderer's Content-Security-Policy, shared by both hosts: only our own scripts and styles, no eval, no
 * remote content, no framing. `connect-src 'self'` lets browser mode reach its own loopback contract.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
