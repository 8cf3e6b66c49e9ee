/**
 * docker-compose.yml and the Dockerfile checked without a Docker engine: the YAML is parsed (with merge keys), the
 * services the deployment needs are there with health checks and replicas, and the product's environment in
 * compose + image is exactly what runtime/config.ts knows and accepts, for the file store and for S3.
 * When the Docker CLI has the compose plugin, `docker compose config` validates the file as well.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CLUSTER_REQUIRED_ENV, envSchema, loadClusterConfig } from '../../runtime/config';
import { GO_TOOLCHAIN, TEMPORAL_SERVER_VERSION } from '../../runtime/cluster/binaries';
import { SETUP_SCHEMA_SCRIPT } from '../../runtime/cluster/cluster';
import { DYNAMIC_CONFIG_FILE, SERVER_CONFIG_FILE, serverEnv } from '../../runtime/cluster/temporal-server';

// The `yaml` package is here as a dependency of @asteasolutions/zod-to-openapi (openapi3-ts).

const YAML = require('yaml') as typeof import('yaml');

const ROOT = path.resolve(__dirname, '../..');
const composeText = readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
const compose = YAML.parse(composeText, { merge: true }) as {
  services: Record<string, any>;
  volumes?: Record<string, unknown>;
  configs?: Record<string, unknown>;
};
const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
const KNOWN = new Set(Object.keys(envSchema.shape));

/** Compose's interpolation: ${V}, ${V:-d}, ${V-d}, ${V:?msg}, ${V?msg}, $$ → $. */
function interpolate(value: unknown, env: Record<string, string>): string {
  return String(value)
    .replace(/\$\$/g, '\u0000')
    .replace(/\$\{([A-Z0-9_]+)(?:(:?)([-?])([^}]*))?\}/g, (_, name: string, colon: string, op: string, arg: string) => {
      const v = env[name];
      const unset = v === undefined || (colon === ':' && v === '');
      if (op === '-') return unset ? arg : v;
      if (op === '?' && unset) throw new Error(`${name}: ${arg}`);
      return v ?? '';
    })
    .replace(/\u0000/g, '$');
}

/** ENV lines of the Dockerfile (NAME=value, possibly continued over lines). */
function dockerfileEnv(): Record<string, string> {
  const out: Record<string, string> = {};
  const joined = dockerfile.replace(/\\\n/g, ' ');
  for (const line of joined.split('\n')) {
    const m = /^ENV\s+(.*)$/.exec(line.trim());
    if (!m) continue;
    for (const pair of m[1].trim().split(/\s+/)) {
      const [k, ...v] = pair.split('=');
      out[k] = v.join('=');
    }
  }
  return out;
}

/** What a product container sees: the image's ENV, then the service's environment, interpolated. */
function containerEnv(service: string, hostEnv: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = { ...dockerfileEnv() };
  for (const [k, v] of Object.entries(compose.services[service].environment ?? {})) env[k] = interpolate(v, hostEnv);
  return env;
}

const PRODUCT_SERVICES = ['web', 'worker', 'background-worker'];
const SECRET = 'en-sessionsnyckel-som-ar-minst-32-tecken-lang';
/** Variables of the image that are for tools (Node, puppeteer, glibc's malloc), not for the product's configuration. */
const TOOL_ENV = new Set(['NODE_ENV', 'PUPPETEER_SKIP_DOWNLOAD', 'PUPPETEER_EXECUTABLE_PATH', 'MALLOC_ARENA_MAX']);

test('the services of a production deployment are there: PostgreSQL, Temporal, its UI, web and workers', () => {
  const s = compose.services;
  expect(s.postgresql.image).toMatch(/^postgres:/);
  expect(s['temporal-admin-tools'].image).toMatch(/^temporalio\/admin-tools:/);
  expect(s.temporal.image).toMatch(/^temporalio\/server:/);
  expect(s.temporal.depends_on['temporal-admin-tools'].condition).toBe('service_completed_successfully');
  expect(s['temporal-ui'].image).toMatch(/^temporalio\/ui:/);
  expect(s.minio.profiles).toEqual(['s3']);
  for (const name of ['postgresql', 'temporal', 'web', 'worker', 'minio']) {
    expect(s[name].healthcheck?.test).toBeDefined();
  }
  // Several web and worker processes by default.
  for (const name of PRODUCT_SERVICES) expect(Number(interpolate(s[name].deploy.replicas, {}))).toBeGreaterThanOrEqual(2);
  expect(s.worker.command).toEqual(['node', '--import', 'tsx', 'runtime/worker-main.ts']);
  expect(s.web.command).toEqual(['node', '--import', 'tsx', 'server/main.ts']);
  for (const file of ['runtime/worker-main.ts', 'server/main.ts']) expect(existsSync(path.join(ROOT, file))).toBe(true);
  // Documents on a volume shared by web and workers (the file store), or in S3.
  for (const name of PRODUCT_SERVICES) expect(s[name].volumes).toContain('documents:/data');
  expect(Object.keys(compose.volumes ?? {})).toEqual(expect.arrayContaining(['documents', 'postgres-data']));
});

test('every variable the image and the product services set is one runtime/config.ts knows', () => {
  for (const name of PRODUCT_SERVICES) {
    const names = Object.keys(containerEnv(name, { POSTGRES_PASSWORD: 'x', BF_SESSION_SECRET: SECRET })).filter((k) => !TOOL_ENV.has(k));
    expect(names.filter((k) => !KNOWN.has(k))).toEqual([]);
  }
});

test('the variables the processes need on a cluster, and those S3 needs, are set by compose', () => {
  for (const name of PRODUCT_SERVICES) {
    const env = compose.services[name].environment;
    for (const required of [...CLUSTER_REQUIRED_ENV, 'BF_DOCUMENT_STORE', 'BF_S3_BUCKET', 'BF_S3_ENDPOINT', 'BF_S3_ACCESS_KEY_ID', 'BF_S3_SECRET_ACCESS_KEY']) {
      expect(Object.keys(env)).toContain(required);
    }
  }
  expect(compose.services.worker.environment.BF_WORKER_HTTP_PORT).toBeDefined();
});

test('with the defaults (file store) and with S3, the product services start on a valid configuration', () => {
  const fileMode = { POSTGRES_PASSWORD: 'x', BF_SESSION_SECRET: SECRET };
  const s3Mode = {
    POSTGRES_PASSWORD: 'x',
    BF_SESSION_SECRET: SECRET,
    BF_DOCUMENT_STORE: 's3',
    BF_S3_ENDPOINT: 'http://minio:9000',
    BF_S3_BUCKET: 'beslutsflode-dokument',
    BF_S3_ACCESS_KEY_ID: 'beslutsflode',
    BF_S3_SECRET_ACCESS_KEY: 'ett-langt-hemligt-losenord',
    BF_S3_FORCE_PATH_STYLE: 'on',
  };
  for (const hostEnv of [fileMode, s3Mode]) {
    for (const name of PRODUCT_SERVICES) {
      const config = loadClusterConfig(containerEnv(name, hostEnv));
      expect(config.TEMPORAL_ADDRESS).toBe('temporal:7233');
      expect(config.BF_DATA_DIR).toBe('/data');
      expect(config.HOST).toBe('0.0.0.0');
      expect(config.BF_DOCUMENT_STORE).toBe(hostEnv === s3Mode ? 's3' : 'file');
    }
  }
  // S3 without a bucket is refused at start, with the variable's name.
  expect(() => loadClusterConfig(containerEnv('worker', { BF_DOCUMENT_STORE: 's3' }))).toThrow(/BF_S3_BUCKET/);
  // The database password and the web processes' shared session secret have no defaults.
  expect(() => interpolate(compose.services.postgresql.environment.POSTGRES_PASSWORD, {})).toThrow(/POSTGRES_PASSWORD/);
  expect(() => containerEnv('web', { POSTGRES_PASSWORD: 'x' })).toThrow(/BF_SESSION_SECRET/);
});

test('the interactive and the background queue each have their workers (domain/task-queues.ts)', () => {
  const queuesOf = (service: string) => loadClusterConfig(containerEnv(service, { POSTGRES_PASSWORD: 'x', BF_SESSION_SECRET: SECRET })).BF_WORKER_QUEUES;
  expect(queuesOf('worker')).toBe('interactive');
  expect(queuesOf('background-worker')).toBe('background');
  expect(compose.services['background-worker'].command).toEqual(compose.services.worker.command);
  expect(compose.services['background-worker'].healthcheck.test.join(' ')).toContain(
    `:${compose.services['background-worker'].environment.BF_WORKER_HTTP_PORT}/healthz`,
  );
});

test('the health checks of web and worker call the endpoints the processes serve', () => {
  expect(compose.services.web.healthcheck.test.join(' ')).toContain('/readyz');
  expect(compose.services.worker.healthcheck.test.join(' ')).toContain(`:${compose.services.worker.environment.BF_WORKER_HTTP_PORT}/healthz`);
});

test('the Dockerfile: Debian slim Node 20, Chromium and fonts from apt, npm ci, no browser download, not root', () => {
  expect(dockerfile).toMatch(/^FROM node:20-bookworm-slim$/m);
  for (const pkg of ['chromium', 'fonts-dejavu-core', 'fonts-liberation', 'poppler-utils', 'ghostscript']) {
    expect(dockerfile).toMatch(new RegExp(`apt-get install[^\\n]*\\b${pkg}\\b`));
  }
  expect(dockerfileEnv().PUPPETEER_SKIP_DOWNLOAD).toBe('1');
  expect(dockerfile).toMatch(/npm ci\b/);
  expect(dockerfile).toMatch(/^USER (?!root)\S+$/m);
  const ignored = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8').split('\n');
  expect(ignored).toEqual(expect.arrayContaining(['node_modules', '.tools', 'data']));
});

test('docker compose config accepts the file, when the Docker CLI has the compose plugin', () => {
  const probe = spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' });
  if (probe.status !== 0) {
    // Not on this machine (see docs/deployment.md § What was validated): the checks above stand in.
    expect(probe.status).not.toBe(0);
    return;
  }
  const out = execFileSync('docker', ['compose', '-f', 'docker-compose.yml', '--profile', 's3', 'config', '--format', 'json'], {
    cwd: ROOT,
    env: { ...process.env, POSTGRES_PASSWORD: 'x', BF_SESSION_SECRET: SECRET },
    encoding: 'utf8',
  });
  const resolved = JSON.parse(out) as { services: Record<string, unknown> };
  expect(Object.keys(resolved.services).sort()).toEqual(Object.keys(compose.services).sort());
});

/** The configs entry a service mounts at a path, as the repository file it comes from. */
function mountedFile(service: string, target: string): string | undefined {
  const entry = (compose.services[service].configs ?? []).find((c: { target: string }) => c.target === target);
  const source = entry && (compose.configs as Record<string, { file?: string }>)[entry.source];
  return source?.file ? path.resolve(ROOT, source.file) : undefined;
}

test('compose runs the Temporal server that `npm run cluster` and the cluster tests run: same version, config and schema step', () => {
  const s = compose.services;
  // One version: the images' tags are the Go module version the cache builds (runtime/cluster/binaries.ts).
  expect(s.temporal.image).toBe(`temporalio/server:${TEMPORAL_SERVER_VERSION}`);
  expect(s['temporal-admin-tools'].image).toBe(`temporalio/admin-tools:${TEMPORAL_SERVER_VERSION}`);
  expect(s['temporal-create-namespace'].image).toBe(`temporalio/admin-tools:${TEMPORAL_SERVER_VERSION}`);
  // One configuration file, rendered by the server from the environment; compose sets only names the file reads.
  const command = s.temporal.command.join('\n');
  const configPath = /--config-file (\S+)/.exec(command)?.[1];
  expect(configPath).toBeDefined();
  expect(mountedFile('temporal', configPath!)).toBe(SERVER_CONFIG_FILE);
  expect(mountedFile('temporal', s.temporal.environment.DYNAMIC_CONFIG_FILE_PATH)).toBe(DYNAMIC_CONFIG_FILE);
  const template = readFileSync(SERVER_CONFIG_FILE, 'utf8');
  expect(template.slice(0, 200)).toContain('# enable-template');
  const read = new Set([...template.matchAll(/env "([A-Z_]+)"/g)].map((m) => m[1]));
  for (const name of Object.keys(s.temporal.environment)) expect(read).toContain(name);
  expect(command).toContain('TEMPORAL_BROADCAST_ADDRESS');
  // ... and `npm run cluster` sets only names the file reads too.
  const local = serverEnv({
    binary: 'server',
    ports: { frontend: 1, frontendHttp: 2, history: 3, matching: 4, worker: 5, membership: { frontend: 6, history: 7, matching: 8, worker: 9 } },
    postgres: { host: '127.0.0.1', port: 5432, user: 'temporal', password: 'x' },
    split: false,
    logFile: '/dev/null',
  });
  for (const name of Object.keys(local).filter((k) => k !== 'PATH' && k !== 'HOME')) expect(read).toContain(name);
  // SQL advanced visibility on PostgreSQL for both stores.
  expect(template.match(/pluginName: postgres12/g)).toHaveLength(2);
  // One schema step: the same script, with the tool's embedded schemas of this version.
  const admin = s['temporal-admin-tools'];
  expect([...admin.entrypoint, ...admin.command].join(' ')).toContain('/etc/beslutsflode/temporal/setup-schema.sh');
  expect(mountedFile('temporal-admin-tools', '/etc/beslutsflode/temporal/setup-schema.sh')).toBe(SETUP_SCHEMA_SCRIPT);
  const script = readFileSync(SETUP_SCHEMA_SCRIPT, 'utf8');
  expect(script).toContain('--plugin postgres12');
  expect(script).toContain('update-schema --schema-name "postgresql/v12/$schema"');
  for (const name of ['SQL_HOST', 'SQL_PORT', 'SQL_USER', 'SQL_PASSWORD']) expect(Object.keys(admin.environment)).toContain(name);
});

test('CI builds the same Temporal server version with the same toolchain, only when the cache lacks it', () => {
  const ci = readFileSync(path.join(ROOT, '.ci/run'), 'utf8');
  expect(/^TEMPORAL_SERVER_VERSION=(\S+)$/m.exec(ci)?.[1]).toBe(TEMPORAL_SERVER_VERSION);
  expect(ci).toContain(`GOTOOLCHAIN=${GO_TOOLCHAIN}`);
  expect(ci).toMatch(/if \[ ! -x "\$TEMPORAL_CACHE\/server" \]/);
  expect(ci).toContain('go.temporal.io/server/cmd/server@v$TEMPORAL_SERVER_VERSION');
  expect(ci).toContain('go.temporal.io/server/cmd/tools/sql@v$TEMPORAL_SERVER_VERSION');
  expect(ci).toContain('need+=(postgresql)');
});
