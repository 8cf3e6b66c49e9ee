import helmet from 'helmet';

/**
 * Security headers (helmet) with a strict Content Security Policy: scripts and styles only from this site's
 * /public/ files (no inline code), no framing, forms only to this site. PDFs are served as downloads from this site.
 */
export function securityHeaders(secure: boolean, signOutOrigin?: string) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameSrc: ["'self'"],
        frameAncestors: ["'none'"],
        // The sign-out form's redirect goes on to the IdP's end_session_endpoint (RP-initiated logout), which
        // form-action must allow (browsers check it on a form's redirects too).
        formAction: ["'self'", ...(signOutOrigin ? [signOutOrigin] : [])],
        baseUri: ["'none'"],
        ...(secure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: secure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });
}
