/**
 * A PostgreSQL cluster of the product's own under the data folder (Debian's PostgreSQL, `initdb` + `pg_ctl`), for
 * Temporal's two databases. PostgreSQL refuses to run as root: as root every command runs as the `postgres` user
 * (`runuser -u postgres --`) in a folder that user owns.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export interface PostgresOptions {
  /** The cluster's folder: data/, the log and the superuser's password file go here. */
  dir: string;
  port: number;
}

/** PG_BIN, else the newest /usr/lib/postgresql/<n>/bin (Debian), else the PATH. */
export function postgresBinDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.PG_BIN) return env.PG_BIN;
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base).filter((v) => /^\d+$/.test(v) && existsSync(path.join(base, v, 'bin', 'initdb')));
  versions.sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(base, versions[0], 'bin') : undefined;
}

/**
 * The postgres user must reach its folder: folders on the way that only root may enter (mkdtemp makes them 0700) get
 * the search bit for others (x, not r: nothing can be listed), within the temp folder only; elsewhere a clear error.
 */
function openPathFor(dir: string): void {
  const tmp = path.resolve(os.tmpdir());
  for (let d = path.dirname(path.resolve(dir)); d !== path.dirname(d); d = path.dirname(d)) {
    const mode = statSync(d).mode;
    if (mode & 0o001) continue;
    if (d.startsWith(tmp + path.sep)) chmodSync(d, mode | 0o001);
    else
      throw new Error(
        `PostgreSQL-användaren postgres kommer inte åt ${d} (rättigheter ${(mode & 0o777).toString(8)}): välj en datamapp under en mapp som andra får passera (chmod o+x), t.ex. med BF_DATA_DIR`,
      );
  }
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

export class Postgres {
  readonly dataDir: string;
  readonly logFile: string;
  readonly host = '127.0.0.1';
  private readonly bin: string;
  private stopOnExit?: () => void;

  constructor(readonly opts: PostgresOptions) {
    const bin = postgresBinDir();
    if (!bin) {
      throw new Error('PostgreSQL saknas (initdb hittas inte under /usr/lib/postgresql/*/bin; sätt PG_BIN). Debian: apt-get install postgresql');
    }
    this.bin = bin;
    this.dataDir = path.join(opts.dir, 'data');
    this.logFile = path.join(opts.dir, 'postgres.log');
  }

  get port() {
    return this.opts.port;
  }

  /** Runs a PostgreSQL program as the user that owns the cluster. */
  private run(program: string, args: string[], opts: { allowFailure?: boolean } = {}): string {
    const cmd = path.join(this.bin, program);
    const [file, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
    const r = spawnSync(file, argv, { encoding: 'utf8', cwd: this.opts.dir });
    if (r.status !== 0 && !opts.allowFailure) {
      throw new Error(`${program} ${args.join(' ')} misslyckades: ${r.stderr || r.stdout}\n(logg: ${this.logFile})`);
    }
    return r.stdout;
  }

  get initialized(): boolean {
    return existsSync(path.join(this.dataDir, 'PG_VERSION'));
  }

  /** initdb on first use (superuser `postgres` with a generated password, kept beside the data). */
  init(): void {
    mkdirSync(this.opts.dir, { recursive: true });
    if (isRoot()) {
      openPathFor(this.opts.dir);
      const pg = execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim();
      const gid = execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim();
      chownSync(this.opts.dir, Number(pg), Number(gid));
    }
    if (this.initialized) return;
    const pwfile = path.join(this.opts.dir, 'superuser-password');
    writeFileSync(pwfile, randomBytes(18).toString('base64url'), { mode: 0o600 });
    if (isRoot()) execFileSync('chown', ['postgres:postgres', pwfile]);
    // Loopback TCP with passwords; the socket (in this folder only) trusts its owner for the set-up below.
    this.run('initdb', [
      '-D',
      this.dataDir,
      '-U',
      'postgres',
      '--pwfile',
      pwfile,
      '--auth-host=scram-sha-256',
      '--auth-local=trust',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
    ]);
  }

  /** Starts the server and waits until it accepts connections. */
  start(): void {
    const options = [`-p ${this.port}`, `-c listen_addresses=${this.host}`, `-c unix_socket_directories=${this.opts.dir}`, '-c max_connections=300'];
    this.run('pg_ctl', ['-D', this.dataDir, '-l', this.logFile, '-o', options.join(' '), '-w', '-t', '60', 'start']);
    if (!this.stopOnExit) {
      // Never leave a server behind when this process ends without stopping it.
      this.stopOnExit = () => void this.run('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop'], { allowFailure: true });
      process.once('exit', this.stopOnExit);
    }
  }

  get running(): boolean {
    return spawnSync(path.join(this.bin, 'pg_isready'), ['-h', this.host, '-p', String(this.port)]).status === 0;
  }

  /** A clean stop (`-m fast`: open transactions are rolled back, clients disconnected). */
  stop(mode: 'fast' | 'immediate' = 'fast'): void {
    this.run('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', 'stop'], { allowFailure: true });
    if (this.stopOnExit) process.removeListener('exit', this.stopOnExit);
    this.stopOnExit = undefined;
  }

  /** SQL as the superuser over the cluster's own socket. */
  sql(statement: string, database = 'postgres'): string {
    return this.run('psql', ['-h', this.opts.dir, '-p', String(this.port), '-U', 'postgres', '-d', database, '-v', 'ON_ERROR_STOP=1', '-tAc', statement]);
  }

  /** The login Temporal uses: created once, with CREATEDB so that the schema tool can create its databases. */
  ensureRole(user: string, password: string): void {
    const exists = this.sql(`SELECT 1 FROM pg_roles WHERE rolname = '${user}'`).trim() === '1';
    const verb = exists ? 'ALTER' : 'CREATE';
    this.sql(`${verb} ROLE ${user} WITH LOGIN CREATEDB PASSWORD '${password.replace(/'/g, "''")}'`);
  }

  /** The role's password, generated on first use and kept in the cluster's folder. */
  passwordFor(user: string): string {
    const file = path.join(this.opts.dir, `${user}-password`);
    if (!existsSync(file)) writeFileSync(file, randomBytes(18).toString('base64url'), { mode: 0o600 });
    return readFileSync(file, 'utf8').trim();
  }
}
