/** The environment is validated at start: defaults, one clear Swedish line per bad variable, secrets never shown. */
import { ConfigError, loadClusterConfig, loadConfig } from '../../runtime/config';

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('inget fel kastades');
}

test('an empty environment gives the defaults of a single machine: file store, no worker HTTP, no metrics token', () => {
  const c = loadConfig({});
  expect(c).toMatchObject({
    PORT: 3000,
    HOST: '127.0.0.1',
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: 'beslutsflode',
    BF_DOCUMENT_STORE: 'file',
    BF_S3_REGION: 'us-east-1',
    BF_S3_PREFIX: '',
    BF_S3_FORCE_PATH_STYLE: 'off',
    LOG_LEVEL: 'info',
    BF_WORKER_CACHE: 400,
  });
  expect(c.TEMPORAL_ADDRESS).toBeUndefined();
  expect(c.BF_WORKER_HTTP_PORT).toBeUndefined();
  expect(c.BF_METRICS_TOKEN).toBeUndefined();
});

test('empty variables count as unset (compose writes VAR: ${VAR:-})', () => {
  const c = loadConfig({ BF_S3_ENDPOINT: '', BF_METRICS_TOKEN: '', PORT: '', BF_DOCUMENT_STORE: '' });
  expect(c.BF_S3_ENDPOINT).toBeUndefined();
  expect(c.PORT).toBe(3000);
  expect(c.BF_DOCUMENT_STORE).toBe('file');
});

test('a cluster configuration: S3 with an endpoint, path-style, static keys, worker port, metrics token', () => {
  const c = loadClusterConfig({
    TEMPORAL_ADDRESS: 'temporal:7233',
    BF_DOCUMENT_STORE: 's3',
    BF_S3_ENDPOINT: 'http://minio:9000',
    BF_S3_BUCKET: 'beslutsflode-dokument',
    BF_S3_REGION: 'eu-north-1',
    BF_S3_PREFIX: 'prod/',
    BF_S3_ACCESS_KEY_ID: 'nyckel',
    BF_S3_SECRET_ACCESS_KEY: 'hemlig-nyckel',
    BF_S3_FORCE_PATH_STYLE: 'on',
    BF_WORKER_HTTP_PORT: '9464',
    BF_METRICS_TOKEN: 'en-token-med-minst-16-tecken',
    BF_WORKFLOW_BUNDLE: '/app/dist/workflow-bundle.js',
  });
  expect(c).toMatchObject({
    TEMPORAL_ADDRESS: 'temporal:7233',
    BF_S3_BUCKET: 'beslutsflode-dokument',
    BF_WORKER_HTTP_PORT: 9464,
    BF_S3_FORCE_PATH_STYLE: 'on',
  });
});

test('every bad variable gets one Swedish line naming it, its rule and its value', () => {
  const message = messageOf(() =>
    loadConfig({
      PORT: 'åttio',
      TEMPORAL_ADDRESS: 'temporal',
      LOG_LEVEL: 'pratig',
      BF_DOCUMENT_STORE: 'ftp',
      BF_S3_ENDPOINT: 'minio:9000',
      BF_S3_BUCKET: 'Min_Bucket',
      BF_S3_FORCE_PATH_STYLE: 'ja',
      BF_WORKER_HTTP_PORT: '70000',
      BF_RENDER_PAGES: '0',
      BF_WORKER_CACHE: '5',
      BF_DEMO_DATA: 'kanske',
    }),
  );
  const lines = message.split('\n');
  expect(lines[0]).toBe('Felaktig konfiguration i miljövariablerna:');
  const expected: Record<string, RegExp> = {
    PORT: /PORT: måste vara ett portnummer \(värde: "åttio"\)/,
    TEMPORAL_ADDRESS: /TEMPORAL_ADDRESS: måste vara värd:port/,
    LOG_LEVEL: /LOG_LEVEL: måste vara fatal, error, warn, info, debug, trace eller silent \(värde: "pratig"\)/,
    BF_DOCUMENT_STORE: /BF_DOCUMENT_STORE: måste vara file eller s3 \(värde: "ftp"\)/,
    BF_S3_ENDPOINT: /BF_S3_ENDPOINT: måste vara en http\(s\)-adress/,
    BF_S3_BUCKET: /BF_S3_BUCKET: måste vara ett S3-bucketnamn/,
    BF_S3_FORCE_PATH_STYLE: /BF_S3_FORCE_PATH_STYLE: måste vara on eller off/,
    BF_WORKER_HTTP_PORT: /BF_WORKER_HTTP_PORT: måste vara 0–65535 \(värde: "70000"\)/,
    BF_RENDER_PAGES: /BF_RENDER_PAGES: måste vara 1–16/,
    BF_WORKER_CACHE: /BF_WORKER_CACHE: måste vara 10–5000 \(värde: "5"\)/,
    BF_DEMO_DATA: /BF_DEMO_DATA: måste vara on eller off/,
  };
  for (const [name, pattern] of Object.entries(expected)) {
    const mine = lines.filter((l) => l.trimStart().startsWith(`${name}:`));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatch(pattern);
  }
  expect(lines).toHaveLength(1 + Object.keys(expected).length);
});

test('rules between variables: S3 needs a bucket; access key and secret come together; secrets are not echoed', () => {
  const message = messageOf(() => loadConfig({ BF_DOCUMENT_STORE: 's3', BF_S3_SECRET_ACCESS_KEY: 'supersecret-value' }));
  expect(message).toContain('BF_S3_BUCKET: måste vara satt när BF_DOCUMENT_STORE=s3 (värde: saknas)');
  expect(message).toContain('BF_S3_ACCESS_KEY_ID: BF_S3_ACCESS_KEY_ID och BF_S3_SECRET_ACCESS_KEY sätts tillsammans');
  expect(message).not.toContain('supersecret-value');

  const short = messageOf(() => loadConfig({ BF_METRICS_TOKEN: 'kort-hemlis' }));
  expect(short).toContain('BF_METRICS_TOKEN: måste vara minst 16 tecken (värde: dolt)');
  expect(short).not.toContain('kort-hemlis');
});

test('a web or worker process alone needs TEMPORAL_ADDRESS', () => {
  expect(messageOf(() => loadClusterConfig({}))).toContain('TEMPORAL_ADDRESS: måste vara satt när processen körs ensam');
});

test('BF_TRUST_PROXY: none by default; off, a hop count, addresses, CIDR ranges and named ranges; "trust everyone" refused', () => {
  expect(loadConfig({}).BF_TRUST_PROXY).toBeUndefined();
  expect(loadConfig({ BF_TRUST_PROXY: 'off' }).BF_TRUST_PROXY).toBe(false);
  expect(loadConfig({ BF_TRUST_PROXY: '1' }).BF_TRUST_PROXY).toBe(1);
  expect(loadConfig({ BF_TRUST_PROXY: 'loopback, 10.0.0.0/8,2001:db8::1' }).BF_TRUST_PROXY).toBe('loopback,10.0.0.0/8,2001:db8::1');
  expect(messageOf(() => loadConfig({ BF_TRUST_PROXY: 'true' }))).toContain('BF_TRUST_PROXY: att lita på alla avsändare');
  expect(messageOf(() => loadConfig({ BF_TRUST_PROXY: '10.0.0.0/33' }))).toContain('"10.0.0.0/33" är varken off');
  expect(messageOf(() => loadConfig({ BF_TRUST_PROXY: 'proxy.kommun.se' }))).toContain('BF_TRUST_PROXY');
  expect(messageOf(() => loadConfig({ BF_TRUST_PROXY: '0' }))).toContain('1–10');
});

test('BF_OIDC_*: issuer, client id and redirect URI together; https unless on loopback; the callback path', () => {
  const ok = { BF_OIDC_ISSUER: 'https://login.kommun.se', BF_OIDC_CLIENT_ID: 'bf', BF_OIDC_REDIRECT_URI: 'https://beslut.kommun.se/logga-in/oidc/callback' };
  expect(loadConfig(ok).BF_OIDC_SCOPES).toBe('openid profile email');
  expect(loadConfig({ ...ok, BF_OIDC_ISSUER: 'http://127.0.0.1:4000' }).BF_OIDC_ISSUER).toBe('http://127.0.0.1:4000');
  expect(messageOf(() => loadConfig({ BF_OIDC_ISSUER: 'https://login.kommun.se' }))).toContain(
    'BF_OIDC_CLIENT_ID: BF_OIDC_ISSUER, BF_OIDC_CLIENT_ID och BF_OIDC_REDIRECT_URI sätts tillsammans',
  );
  expect(messageOf(() => loadConfig({ ...ok, BF_OIDC_ISSUER: 'http://login.kommun.se' }))).toContain('BF_OIDC_ISSUER: måste vara https');
  expect(messageOf(() => loadConfig({ ...ok, BF_OIDC_REDIRECT_URI: 'https://beslut.kommun.se/cb' }))).toContain('måste sluta på /logga-in/oidc/callback');
});
