/**
 * A real OpenID Connect provider on loopback for the sign-in tests (the `oidc-provider` package, run as a child
 * process: it is an ES module, and a separate process is what a municipality's IdP is). Started by
 * test/support/oidc.ts with the client and the accounts in the environment (BF_TEST_OIDC, JSON); prints
 * `READY <issuer>` when it listens. Its own login page (devInteractions) takes any password; the account is the login.
 * Consent is granted at once (a municipality's IdP does not ask its staff to consent to their own case system).
 */
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const cfg = JSON.parse(process.env.BF_TEST_OIDC ?? '{}');
const accounts = cfg.accounts ?? {};

const server = createServer();
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [cfg.client],
    pkce: { required: () => true },
    cookies: { keys: ['test-oidc-cookie-key-0123456789'] },
    claims: { openid: ['sub'], profile: ['name'], email: ['email'], bf: ['groups', 'kommunkod'] },
    scopes: ['openid', 'profile', 'email', 'bf'],
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    async findAccount(_ctx, id) {
      const claims = accounts[id];
      if (!claims) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...claims }) };
    },
    async loadExistingGrant(ctx) {
      const existing = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid profile email bf');
      await grant.save();
      return grant;
    },
  });
  server.on('request', provider.callback());
  process.stdout.write(`READY ${issuer}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
