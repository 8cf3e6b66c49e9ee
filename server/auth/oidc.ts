import * as client from 'openid-client';
import { claimsKept, principalFromClaims, type Claims, type OidcMapping } from './oidc-mapping';
import type { Principal } from './principal';

/**
 * The municipality's own sign-in: OpenID Connect, authorization code flow with PKCE (S256), state and nonce, through
 * `openid-client` (a certified relying party). The IdP says who the person is; config/oidc.json says what they may do
 * here (oidc-mapping.ts). Sign-out ends the local session always and, when the IdP publishes an end_session_endpoint,
 * the IdP's session too (RP-initiated logout). docs/auth.md "Sign-in through the municipality's IdP".
 */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  /** Unset: a public client (PKCE only, token_endpoint_auth_method none). */
  clientSecret?: string;
  /** This app's callback as registered at the IdP, e.g. https://beslut.kommun.se/logga-in/oidc/callback. */
  redirectUri: string;
  /** Where the IdP sends the browser after its sign-out; default: /logga-in?utloggad=1 next to the redirect URI. */
  postLogoutRedirectUri?: string;
  scopes: string;
  /** The button's text on the sign-in page, e.g. "Logga in med Stockholms stads konto". */
  label: string;
  mapping: OidcMapping;
}

/** The sign-in in progress, sealed in a short-lived cookie between the redirect to the IdP and its callback. */
export interface OidcTransaction {
  state: string;
  nonce: string;
  codeVerifier: string;
  next: string;
}

/** http is allowed only for an IdP on this machine (tests, a trial); anything else must be https (openid-client's rule). */
export function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]' || host === '::1';
}

export class OidcSignIn {
  private configuration?: Promise<client.Configuration>;

  constructor(readonly settings: OidcSettings) {}

  /** The IdP's metadata, discovered once (and again after a failure, so a restarted IdP is found). */
  private config(): Promise<client.Configuration> {
    if (!this.configuration) {
      const s = this.settings;
      const auth = s.clientSecret ? client.ClientSecretBasic(s.clientSecret) : client.None();
      const insecure = new URL(s.issuer).protocol === 'http:' && isLoopback(s.issuer);
      this.configuration = client
        .discovery(new URL(s.issuer), s.clientId, undefined, auth, insecure ? { execute: [client.allowInsecureRequests] } : undefined)
        .catch((err) => {
          this.configuration = undefined;
          throw err;
        });
    }
    return this.configuration;
  }

  /** Where to send the browser to sign in, and the transaction to keep until the callback. */
  async start(next: string): Promise<{ url: URL; transaction: OidcTransaction }> {
    const config = await this.config();
    const transaction: OidcTransaction = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier(), next };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: this.settings.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(transaction.codeVerifier),
      code_challenge_method: 'S256',
      state: transaction.state,
      nonce: transaction.nonce,
    });
    return { url, transaction };
  }

  /**
   * The callback: exchanges the code (checking state, nonce and PKCE), reads the ID token's claims and, where the
   * IdP keeps the rest at userinfo (as OIDC Core 5.4 says for scope-requested claims), the userinfo claims too.
   */
  async finish(callbackQuery: string, transaction: OidcTransaction): Promise<{ claims: Claims; idToken?: string }> {
    const config = await this.config();
    const current = new URL(this.settings.redirectUri);
    current.search = callbackQuery;
    const tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: transaction.codeVerifier,
      expectedState: transaction.state,
      expectedNonce: transaction.nonce,
      idTokenExpected: true,
    });
    const idClaims = (tokens.claims() ?? {}) as Claims;
    let claims: Claims = { ...idClaims };
    if (config.serverMetadata().userinfo_endpoint && typeof idClaims.sub === 'string') {
      const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      claims = { ...info, ...idClaims };
    }
    return { claims: claimsKept(this.settings.mapping, claims), idToken: tokens.id_token };
  }

  principal(claims: Claims): Principal | undefined {
    return principalFromClaims(this.settings.mapping, claims);
  }

  /** The IdP's sign-out URL (RP-initiated logout), or undefined when it has none. */
  async endSessionUrl(idToken: string | undefined): Promise<URL | undefined> {
    const config = await this.config().catch(() => undefined);
    if (!config?.serverMetadata().end_session_endpoint) return undefined;
    const after = this.settings.postLogoutRedirectUri ?? new URL('/logga-in?utloggad=1', this.settings.redirectUri).toString();
    return client.buildEndSessionUrl(config, {
      post_logout_redirect_uri: after,
      client_id: this.settings.clientId,
      ...(idToken ? { id_token_hint: idToken } : {}),
    });
  }
}
