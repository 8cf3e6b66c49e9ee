/**
 * A worker process killed with SIGKILL alone (the OOM killer's way: its process group is not touched) leaves no
 * Chromium behind. puppeteer starts Chromium in a process group of its own, so nothing kills it with the worker;
 * it exits because the renderer talks to it over a pipe (documents/renderer.ts `pipe: true`), which closes when the
 * worker dies. Over a WebSocket it would live on as an orphan holding its memory.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { registrationBody } from '../fixtures/registration';
import { eventually } from '../support/product';
import { postJson, recordFiles, startWorkerProcess, uniqueSerie, webOnDevServer } from '../scale/processes';

jest.setTimeout(180_000);

const product = webOnDevServer('no-orphan-chromium');
const { procs } = product;

/** The descendants of a process (from /proc), with their command names. */
function descendants(root: number): Array<{ pid: number; comm: string }> {
  const rows: Array<{ pid: number; ppid: number; comm: string }> = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      rows.push({ pid: Number(entry), comm: stat.slice(stat.indexOf('(') + 1, close), ppid: Number(stat.slice(close + 2).split(' ')[1]) });
    } catch {
      // gone meanwhile
    }
  }
  const out: Array<{ pid: number; comm: string }> = [];
  const walk = (p: number) => {
    for (const r of rows) {
      if (r.ppid !== p) continue;
      out.push({ pid: r.pid, comm: r.comm });
      walk(r.pid);
    }
  };
  walk(root);
  return out;
}

function alive(pid: number): boolean {
  try {
    // a zombie is dead: it holds no memory, only its exit status for its parent
    return !/^\S+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

test('SIGKILL to the worker process alone: its Chromium exits with it', async () => {
  const { env, dir } = product;
  const worker = await startWorkerProcess('worker', env, dir);
  procs.push(worker);
  const created = await postJson(
    product.web.url,
    '/api/arenden',
    registrationBody({ namnd: { kod: uniqueSerie(), namn: 'Nämnd' }, title: 'Utan föräldralös Chromium' }),
  );
  expect(created.status).toBe(201);
  await eventually(async () => (recordFiles(env).length >= 1 ? true : undefined), 60_000, 50); // Chromium has printed

  const tree = descendants(worker.child.pid as number);
  const chromium = tree.filter((p) => /chrom/i.test(p.comm));
  expect(chromium.length).toBeGreaterThan(0);

  process.kill(worker.child.pid as number, 'SIGKILL'); // the worker only, not its process group
  await worker.exited;
  const left = await eventually(
    async () => {
      const living = chromium.filter((p) => alive(p.pid));
      return living.length === 0 ? living : undefined;
    },
    15_000,
    100,
  ).catch(() => chromium.filter((p) => alive(p.pid)));
  expect(left).toEqual([]);
});
