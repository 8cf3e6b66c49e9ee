/**
 * The renderer survives its browser: a Chromium killed with SIGKILL between renders or during one, and a hung
 * render, are detected; the browser is relaunched; the pool neither leaks permits nor leaves waiters hanging.
 */
import { existsSync } from 'node:fs';
import { BrowserCrashedError, RenderTimeoutError, RendererError, type ChromiumPdfRenderer, type PrintJob } from '../../documents/renderer';
import { renderDocumentHtml } from '../../documents/templates';
import { createRenderer } from '../../runtime/worker';
import { seed000, seed000Look } from '../fixtures/seed-000';
import { normalizeSpace, readPdf } from '../support/pdf';
import { eventually } from '../support/product';

const job: PrintJob = { ...renderDocumentHtml('tjansteutlatande', seed000, seed000Look), createdAt: new Date('2026-06-05T08:00:00Z') };
let renderer: ChromiumPdfRenderer;

beforeAll(() => {
  renderer = createRenderer(2);
});
afterAll(async () => {
  await renderer?.close();
});

async function killBrowser(): Promise<number> {
  const pid = renderer.browserPid();
  if (!pid) throw new Error('ingen Chromium körs');
  process.kill(pid, 'SIGKILL');
  return pid;
}

async function expectGoodPdf(bytes: Uint8Array) {
  const pdf = await readPdf(bytes);
  expect(normalizeSpace(pdf.text)).toContain('Hemställan om att ansluta till Yrkesresan');
  expect(pdf.pages).toBeGreaterThanOrEqual(3);
}

test('a Chromium killed (SIGKILL) between renders is noticed and relaunched by the next render', async () => {
  await expectGoodPdf(await renderer.render(job));
  const launches = renderer.launches;
  const pid = await killBrowser();
  await eventually(async () => !existsSync(`/proc/${pid}`) || undefined, 10_000, 20);
  await expectGoodPdf(await renderer.render(job));
  expect(renderer.launches).toBe(launches + 1);
  expect(renderer.browserPid()).not.toBe(pid);
});

test('a Chromium killed during a render fails that render with BrowserCrashedError; the next one relaunches', async () => {
  await renderer.warmUp();
  const launches = renderer.launches;
  const pending = renderer.render(job);
  await killBrowser(); // at once: the print cannot have finished
  await expect(pending).rejects.toBeInstanceOf(BrowserCrashedError);
  await expectGoodPdf(await renderer.render(job));
  expect(renderer.launches).toBe(launches + 1);
});

test('a hung render (over its timeout) is abandoned, the browser killed and relaunched', async () => {
  await renderer.warmUp();
  const launches = renderer.launches;
  const pid = renderer.browserPid()!;
  await expect(renderer.render(job, { timeoutMs: 1 })).rejects.toBeInstanceOf(RenderTimeoutError);
  await eventually(async () => !existsSync(`/proc/${pid}`) || undefined, 10_000, 20);
  await expectGoodPdf(await renderer.render(job));
  expect(renderer.launches).toBe(launches + 1);
});

test('a crash while more renders wait than there are pages: every render settles, none hangs, the pool recovers', async () => {
  await renderer.warmUp();
  const renders = Array.from({ length: 6 }, () => renderer.render(job));
  await new Promise((r) => setTimeout(r, 50));
  await killBrowser();
  const settled = await Promise.allSettled(renders);
  for (const s of settled) {
    if (s.status === 'rejected') expect(s.reason).toBeInstanceOf(RendererError);
  }
  expect(settled.some((s) => s.status === 'rejected')).toBe(true);
  // All permits came back: as many concurrent renders as before succeed.
  const again = await Promise.all(Array.from({ length: 4 }, () => renderer.render(job)));
  for (const bytes of again) await expectGoodPdf(bytes);
  expect(renderer.poolSize).toBe(2);
});

test('close() refuses new renders and releases waiters', async () => {
  const r = createRenderer(1);
  const first = r.render(job);
  const waiting = r.render(job);
  const closing = r.close();
  await expect(waiting).rejects.toBeInstanceOf(RendererError);
  await first.catch(() => undefined);
  await closing;
  await expect(r.render(job)).rejects.toThrow('Renderaren är stängd');
  expect(r.browserPid()).toBeUndefined();
});
