import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from './temporal-binaries';

const port = (fallback: number, min = 1) =>
  z.coerce
    .number({ error: 'måste vara ett portnummer' })
    .int('måste vara ett heltal')
    .min(min, `måste vara ${min}–65535`)
    .max(65535, `måste vara ${min}–65535`)
    .default(fallback);

const onOff = (fallback: 'on' | 'off') => z.enum(['on', 'off'], { error: 'måste vara on eller off' }).default(fallback);

/** Deployment on a cluster (docs/deployment.md): document store, S3, worker HTTP port, metrics, prebuilt bundle. */
const clusterEnv = {
  /** Where documents live: the file system under BF_DATA_DIR/documents, or an S3-compatible bucket. */
  BF_DOCUMENT_STORE: z.enum(['file', 's3'], { error: 'måste vara file eller s3' }).default('file'),
  /** Endpoint of an S3-compatible service (MinIO, Ceph …); unset for AWS S3 itself. */
  BF_S3_ENDPOINT: z.url({ protocol: /^https?$/, error: 'måste vara en http(s)-adress, t.ex. http://minio:9000' }).optional(),
  BF_S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'måste vara ett S3-bucketnamn: 3–63 tecken a–z, 0–9, punkt eller bindestreck')
    .optional(),
  BF_S3_REGION: z
    .string()
    .regex(/^[a-z0-9-]{2,40}$/, 'måste vara en region, t.ex. eu-north-1')
    .default('us-east-1'),
  /** Key prefix inside the bucket, e.g. "beslutsflode/"; empty: the bucket root. */
  BF_S3_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9!_.*'()/-]{0,200}$/, "får bara innehålla A–Z, 0–9 och ! _ . * ' ( ) / -")
    .default(''),
  /** Static credentials; unset: the AWS SDK's own chain (AWS_ACCESS_KEY_ID …, instance roles). */
  BF_S3_ACCESS_KEY_ID: z.string().min(1, 'får inte vara tomt').optional(),
  BF_S3_SECRET_ACCESS_KEY: z.string().min(1, 'får inte vara tomt').optional(),
  /** Path-style addressing (http://host/bucket/key), which MinIO and most S3-compatible servers need. */
  BF_S3_FORCE_PATH_STYLE: onOff('off'),
  /** Port of the worker process's /healthz and /metrics; unset: no HTTP server in the worker. 0 picks a free port. */
  BF_WORKER_HTTP_PORT: z.coerce
    .number({ error: 'måste vara ett portnummer' })
    .int('måste vara ett heltal')
    .min(0, 'måste vara 0–65535')
    .max(65535, 'måste vara 0–65535')
    .optional(),
  /**
   * GET /metrics of the web process is served only with "Authorization: Bearer <token>"; unset: the web app has no
   * /metrics (404). The worker's /metrics (BF_WORKER_HTTP_PORT, an internal port) wants the token too when it is set.
   */
  BF_METRICS_TOKEN: z.string().min(16, 'måste vara minst 16 tecken').optional(),
  /** Which proxies in front of the web process may name the client in X-Forwarded-For (Express's `trust proxy`). */
  BF_TRUST_PROXY: z
    .string()
    .transform((value, ctx) => {
      const parsed = trustProxySetting(value);
      if (typeof parsed === 'string' && parsed.startsWith('!')) {
        ctx.addIssue({ code: 'custom', message: parsed.slice(1) });
        return z.NEVER;
      }
      return parsed;
    })
    .optional(),
  /** A workflow bundle built ahead (the Docker image builds one); unset: the worker bundles at start. */
  BF_WORKFLOW_BUNDLE: z.string().min(1).optional(),
};

/** Variables a web or worker process needs when it runs alone against a Temporal cluster (npm run web / worker). */
export const CLUSTER_REQUIRED_ENV = ['TEMPORAL_ADDRESS'] as const;

/** Every environment variable the product reads, validated at start. Documented in README.md § Configuration. */
export const envSchema = z.object({
  /** 0 picks a free port (tests). */
  PORT: port(3000, 0),
  HOST: z.string().min(1, 'får inte vara tomt').default('127.0.0.1'),
  BF_DATA_DIR: z.string().min(1).default(path.join(PROJECT_ROOT, 'data')),
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[^\s:]+:\d{1,5}$/, 'måste vara värd:port, t.ex. temporal:7233')
    .optional(),
  TEMPORAL_NAMESPACE: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,255}$/, 'måste vara ett namnrymdsnamn (A–Z, 0–9, . _ -)')
    .default('default'),
  TEMPORAL_TASK_QUEUE: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,240}$/, 'måste vara ett könamn (A–Z, 0–9, . _ -, högst 240 tecken)')
    .default('beslutsflode'),
  TEMPORAL_DEV_PORT: port(7233),
  TEMPORAL_UI_PORT: port(8233),
  /** Chromium pages per worker (documents printed at once); each page is a renderer process (~25 MiB PSS: docs/benchmarks.md). */
  BF_RENDER_PAGES: z.coerce
    .number({ error: 'måste vara ett tal' })
    .int('måste vara ett heltal')
    .min(1, 'måste vara 1–16')
    .max(16, 'måste vara 1–16')
    .optional(),
  /** Worker Versioning (runtime/worker-deployment.ts): this build's id, and the deployment's name (default beslutsflode). */
  BF_WORKER_BUILD_ID: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,100}$/, 'måste vara ett bygg-id (A–Z, 0–9, . _ -)')
    .optional(),
  BF_WORKER_DEPLOYMENT: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,100}$/, 'måste vara ett namn (A–Z, 0–9, _ -)')
    .optional(),
  /** Workflows kept in the worker's cache: ~0.1 MiB each since the domain's modules are shared (docs/benchmarks.md, "Worker memory with 1 000 cached ärenden"). */
  BF_WORKER_CACHE: z.coerce
    .number({ error: 'måste vara ett tal' })
    .int('måste vara ett heltal')
    .min(10, 'måste vara 10–5000')
    .max(5000, 'måste vara 10–5000')
    .default(400),
  /** Which task queues the worker polls (domain/task-queues.ts): all, or only the interactive or the background one. */
  BF_WORKER_QUEUES: z.enum(['all', 'interactive', 'background'], { error: 'måste vara all, interactive eller background' }).default('all'),
  /** Background activities (archive copies, signatures, bulk invitations) a worker runs at once. */
  BF_BACKGROUND_SLOTS: z.coerce
    .number({ error: 'måste vara ett tal' })
    .int('måste vara ett heltal')
    .min(1, 'måste vara 1–64')
    .max(64, 'måste vara 1–64')
    .default(2),
  BF_DEMO_DATA: onOff('on'),
  /**
   * Which diarieserier an ärende can be registered in: 'config', the organs of config/kommuner/<kommunkod>.json (or the
   * defaults of domain/organs.ts), a typo is refused; 'open', any well-formed series (tests, a trial installation).
   */
  BF_DIARIESERIER: z.enum(['config', 'open'], { error: 'måste vara config eller open' }).default('config'),
  /** The programmes offered (docs/programmes.md): every <id>.json in this folder, validated at start (runtime/programmes.ts). */
  BF_PROGRAMMES_DIR: z
    .string()
    .min(1, 'får inte vara tomt')
    .default(path.join(PROJECT_ROOT, 'config', 'programmes')),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'måste vara fatal, error, warn, info, debug, trace eller silent',
    })
    .default('info'),
  ...clusterEnv,
  /** Sign-in (docs/auth.md): the session key (≥ 32 characters; unset: generated into BF_DATA_DIR/session-secret), the users file, Secure cookies behind TLS. */
  BF_SESSION_SECRET: z.string().min(32, 'måste vara minst 32 tecken').optional(),
  BF_USERS_FILE: z
    .string()
    .min(1)
    .default(path.join(PROJECT_ROOT, 'config', 'users.json')),
  BF_COOKIE_SECURE: onOff('off'),
  /**
   * The municipality's own sign-in (OIDC, docs/auth.md): the IdP's issuer URL, this app's client at the IdP, its
   * callback URL (…/logga-in/oidc/callback) and the claim → role/municipality table. Issuer, client id and redirect
   * URI are set together (or none: local users only). http only for an IdP on loopback.
   */
  BF_OIDC_ISSUER: z.url({ protocol: /^https?$/, error: 'måste vara en http(s)-adress, t.ex. https://login.kommun.se' }).optional(),
  BF_OIDC_CLIENT_ID: z.string().min(1).max(200).optional(),
  BF_OIDC_CLIENT_SECRET: z.string().min(1).max(500).optional(),
  BF_OIDC_REDIRECT_URI: z.url({ protocol: /^https?$/, error: 'måste vara en http(s)-adress som slutar på /logga-in/oidc/callback' }).optional(),
  BF_OIDC_POST_LOGOUT_URI: z.url({ protocol: /^https?$/, error: 'måste vara en http(s)-adress' }).optional(),
  BF_OIDC_SCOPES: z
    .string()
    .regex(/^openid( [A-Za-z0-9_.:-]+)*$/, 'måste börja med openid, t.ex. "openid profile email"')
    .default('openid profile email'),
  BF_OIDC_LABEL: z.string().trim().min(3).max(80).default('Logga in med kommunens konto'),
  BF_OIDC_MAPPING_FILE: z
    .string()
    .min(1)
    .default(path.join(PROJECT_ROOT, 'config', 'oidc.json')),
  /**
   * Reminder and digest mail (docs/reminders.md): the SMTP server (smtp://user:pass@host:587, smtps://… for TLS),
   * the sender, and the web app's address for links in the mails. Unset BF_SMTP_URL: no mail is sent.
   */
  BF_SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'måste vara en smtp(s)-adress, t.ex. smtp://e-post.kommun.se:587' }).optional(),
  BF_MAIL_FROM: z.string().min(3).max(200).default('Beslutsflöde <noreply@beslutsflode.invalid>'),
  BF_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'måste vara en http(s)-adress, t.ex. https://beslut.kommun.se' })
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  /** Hour of the morning reminder run, Stockholm time. */
  BF_REMINDER_HOUR: z.coerce
    .number({ error: 'måste vara ett tal' })
    .int('måste vara ett heltal')
    .min(0, 'måste vara 0–23')
    .max(23, 'måste vara 0–23')
    .default(7),
  /** The largest file a handling (bilaga) may be, in bytes (docs/attachments.md). */
  BF_UPLOAD_MAX_BYTES: z.coerce
    .number({ error: 'måste vara ett tal' })
    .int('måste vara ett heltal')
    .min(1024, 'måste vara 1 024–209 715 200')
    .max(209_715_200, 'måste vara 1 024–209 715 200')
    .default(20 * 1024 * 1024),
  /** Outside the product, behind interfaces (activities/signing.ts, activities/learning-platform.ts). */
  BF_SIGNING_PROVIDER: z.enum(['manuell', 'fake'], { error: 'måste vara manuell eller fake' }).default('manuell'),
  /** Cryptographic signatures in the archive copies of signed documents (signing/from-env.ts, docs/signing.md). */
  BF_PDF_SIGNER: z.enum(['lokal', 'av'], { error: 'måste vara lokal eller av' }).default('lokal'),
  BF_PDF_SIGNING_KEYS: z.string().min(1).optional(),
  /** A python with pyHanko for the local signer, instead of the project's .tools/ install (signing/pyhanko-tool.ts). */
  BF_PYHANKO_PYTHON: z.string().min(1).optional(),
  BF_LEARNING_PLATFORM: z.enum(['fake'], { error: 'bara fake finns (integrationen mot lärplattformen ligger utanför produkten)' }).default('fake'),
});

export type Config = z.infer<typeof envSchema>;

const TRUST_PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * BF_TRUST_PROXY → Express's `trust proxy`: `off` (none: X-Forwarded-For is ignored), a hop count 1–10 (the last n
 * proxies), or a comma-separated list of addresses, CIDR ranges and the names loopback, linklocal, uniquelocal.
 * `true`/`all` is refused: trusting every sender lets any client forge its address. An error starts with "!".
 */
export function trustProxySetting(value: string): false | number | string {
  const v = value.trim();
  if (v === 'off') return false;
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    return hops >= 1 && hops <= 10 ? hops : '!ett antal proxyer måste vara 1–10';
  }
  if (v === 'true' || v === 'all' || v === '*')
    return '!att lita på alla avsändare låter vem som helst förfalska sin adress; ange proxyns adress, t.ex. 10.0.0.5 eller loopback';
  const items = v.split(',').map((s) => s.trim());
  for (const item of items) {
    if (TRUST_PROXY_NAMES.has(item)) continue;
    const [addr, prefix, ...rest] = item.split('/');
    const family = isIP(addr ?? '');
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32));
    if (family === 0 || !prefixOk || rest.length > 0) {
      return `!${JSON.stringify(item)} är varken off, ett antal proxyer (1–10), en IP-adress, ett CIDR-intervall eller loopback/linklocal/uniquelocal`;
    }
  }
  return items.join(',');
}

export class ConfigError extends Error {}

/** Parses the environment; a bad variable stops the start with one line per problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable counts as unset (compose files write `VAR: ${VAR:-}`).
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(present);
  const issues = result.success ? crossFieldIssues(result.data) : result.error.issues.map((i) => ({ name: String(i.path[0]), message: i.message }));
  if (issues.length > 0) {
    // One line per variable, whatever the number of rules it broke.
    const byName = new Map<string, string[]>();
    for (const { name, message } of issues) byName.set(name, [...(byName.get(name) ?? []), message]);
    const lines = [...byName].map(([name, messages]) => `  ${name}: ${[...new Set(messages)].join('; ')} (värde: ${shown(name, present[name])})`);
    throw new ConfigError(`Felaktig konfiguration i miljövariablerna:\n${lines.join('\n')}`);
  }
  return (result as { data: Config }).data;
}

/** Web and worker processes on a cluster: loadConfig plus the variables they cannot do without. */
export function loadClusterConfig(env: NodeJS.ProcessEnv = process.env): Config & { TEMPORAL_ADDRESS: string } {
  const config = loadConfig(env);
  const missing = CLUSTER_REQUIRED_ENV.filter((name) => config[name] === undefined);
  if (missing.length > 0) {
    const lines = missing.map((name) => `  ${name}: måste vara satt när processen körs ensam mot ett Temporal-kluster, t.ex. temporal:7233`);
    throw new ConfigError(`Felaktig konfiguration i miljövariablerna:\n${lines.join('\n')}`);
  }
  return config as Config & { TEMPORAL_ADDRESS: string };
}

function crossFieldIssues(config: Config): Array<{ name: string; message: string }> {
  const issues: Array<{ name: string; message: string }> = [];
  if (config.BF_DOCUMENT_STORE === 's3' && !config.BF_S3_BUCKET) {
    issues.push({ name: 'BF_S3_BUCKET', message: 'måste vara satt när BF_DOCUMENT_STORE=s3' });
  }
  if (Boolean(config.BF_S3_ACCESS_KEY_ID) !== Boolean(config.BF_S3_SECRET_ACCESS_KEY)) {
    const name = config.BF_S3_ACCESS_KEY_ID ? 'BF_S3_SECRET_ACCESS_KEY' : 'BF_S3_ACCESS_KEY_ID';
    issues.push({ name, message: 'BF_S3_ACCESS_KEY_ID och BF_S3_SECRET_ACCESS_KEY sätts tillsammans (eller ingen av dem)' });
  }
  const oidc = [config.BF_OIDC_ISSUER, config.BF_OIDC_CLIENT_ID, config.BF_OIDC_REDIRECT_URI];
  if (oidc.some(Boolean) && !oidc.every(Boolean)) {
    for (const name of ['BF_OIDC_ISSUER', 'BF_OIDC_CLIENT_ID', 'BF_OIDC_REDIRECT_URI'] as const) {
      if (!config[name]) issues.push({ name, message: 'BF_OIDC_ISSUER, BF_OIDC_CLIENT_ID och BF_OIDC_REDIRECT_URI sätts tillsammans (eller ingen av dem)' });
    }
  }
  if (config.BF_OIDC_ISSUER && config.BF_OIDC_ISSUER.startsWith('http:') && !/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:|\/|$)/.test(config.BF_OIDC_ISSUER)) {
    issues.push({ name: 'BF_OIDC_ISSUER', message: 'måste vara https (http bara för en inloggningstjänst på samma dator)' });
  }
  if (config.BF_OIDC_REDIRECT_URI && !new URL(config.BF_OIDC_REDIRECT_URI).pathname.endsWith('/logga-in/oidc/callback')) {
    issues.push({ name: 'BF_OIDC_REDIRECT_URI', message: 'måste sluta på /logga-in/oidc/callback' });
  }
  return issues;
}

const SECRET = /SECRET|TOKEN|PASSWORD|KEY_ID|SMTP_URL/;

function shown(name: string, value: string | undefined): string {
  if (value === undefined) return 'saknas';
  if (SECRET.test(name)) return 'dolt';
  return JSON.stringify(value);
}
