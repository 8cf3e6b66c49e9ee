/** Starts the loopback OIDC provider of test/support/oidc-provider.mjs as a child process and stops it. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface TestOidcAccount {
  name: string;
  email?: string;
  groups?: string[];
  kommunkod?: string;
}

export interface TestOidcProvider {
  issuer: string;
  stop(): Promise<void>;
}

export async function startOidcProvider(opts: {
  client: { client_id: string; client_secret: string; redirect_uris: string[]; post_logout_redirect_uris: string[] };
  accounts: Record<string, TestOidcAccount>;
}): Promise<TestOidcProvider> {
  const child: ChildProcess = spawn(process.execPath, ['--no-warnings', path.join(__dirname, 'oidc-provider.mjs')], {
    env: { ...process.env, BF_TEST_OIDC: JSON.stringify(opts) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += String(d)));
  const issuer = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d) => {
      out += String(d);
      const m = /READY (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`OIDC-leverantören avslutades (${code}): ${stderr}`)));
  });
  return {
    issuer,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
