import type { ChildProcess } from 'node:child_process';
import type { RunningDevServer } from '../../runtime/dev-server';
import { stopChild } from '../../runtime/dev-server';

export default async function globalTeardown() {
  const servers = (globalThis as Record<string, unknown>).__bfServers as
    { devServer: RunningDevServer; timeSkipping: Array<{ child: ChildProcess }> } | undefined;
  if (!servers) return;
  await Promise.all([
    servers.devServer.stop(),
    ...servers.timeSkipping.map(({ child }) => stopChild(child, () => child.exitCode !== null || child.signalCode !== null, 5_000)),
  ]);
}
