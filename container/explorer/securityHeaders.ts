/**
 * Headers on every HTTP answer. The page loads only its own script and stylesheet and talks only
 * to its own origin ('self' covers same-origin ws:/wss: in CSP Level 3); titles are rendered as
 * text, and nothing inline is allowed, so injected markup could not run even if it got through.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
});
