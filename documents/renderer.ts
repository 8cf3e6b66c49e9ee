// Longer than 300 lines on purpose: the Chromium page pool and its failure handling are one concern.
import os from 'node:os';
import puppeteer, { type Browser, type HTTPRequest, type Page, type PDFOptions } from 'puppeteer-core';
import { setPdfInfo } from './pdf-info';
import { finishForPdfUa, keepEmptyTableCells } from './pdf-ua';
import { PRINT_PAGE } from './templates';

/** What the template engine hands to the printer. */
export interface PrintJob {
  html: string;
  headerTemplate: string;
  footerTemplate: string;
  title: string;
  author: string;
  subject: string;
  keywords?: string[];
  /** Custom entries of the document information dictionary (e.g. Dokumentstatus: Utkast). */
  info?: Record<string, string>;
  lang: string;
  /** The time the document is made (from the workflow): written as CreationDate so the same input gives the same bytes. */
  createdAt: Date;
}

export interface RenderOptions {
  /** Overrides the renderer's timeout for this one document. */
  timeoutMs?: number;
}

export interface PdfRenderer {
  render(job: PrintJob, options?: RenderOptions): Promise<Uint8Array>;
  close(): Promise<void>;
}

export interface ChromiumRendererOptions {
  executablePath: string;
  args: string[];
  /** Pages kept open and reused, i.e. documents printed at the same time; defaults to the number of cores (at most 4). */
  pages?: number;
  /** A render that takes longer is treated as a hung browser: it is killed and relaunched. */
  timeoutMs?: number;
  /** Called for every request the renderer refused (everything but data: URLs). */
  onBlockedRequest?: (url: string) => void;
}

export class RendererError extends Error {
  override name = 'RendererError';
}
/** The render took longer than its timeout; the browser was killed and is relaunched on the next render. */
export class RenderTimeoutError extends RendererError {
  override name = 'RenderTimeoutError';
}
/** Chromium died (crash, OOM killer, kill -9) during the render; it is relaunched on the next render. */
export class BrowserCrashedError extends RendererError {
  override name = 'BrowserCrashedError';
}
/** The document tried to leave about:blank (meta refresh, navigation): nothing was printed. */
export class NavigationRefusedError extends RendererError {
  override name = 'NavigationRefusedError';
}

/**
 * Flags added to the caller's: nothing a document contains may open a connection, even one that is not an HTTP
 * request and so never reaches request interception (preconnect, DNS prefetch). Every proxied connection goes to
 * a proxy that does not exist, loopback included.
 */
export const ISOLATION_ARGS = [
  '--proxy-server=socks5://127.0.0.1:9',
  '--proxy-bypass-list=<-loopback>',
  '--host-resolver-rules=MAP * ~NOTFOUND',
  '--disable-features=NetworkPrediction,PreconnectToSearch,NetworkServiceInProcess2',
  '--dns-prefetch-disable',
  '--disable-extensions',
  '--disable-default-apps',
  '--mute-audio',
];

/** One launched Chromium; pages remember which one they belong to, so a relaunch never mixes the two. */
interface Generation {
  browser: Browser;
  dead: boolean;
  /** Rejects when the browser dies: every wait on this browser races it, so a crash never waits out a timeout. */
  died: Promise<never>;
  die(err: Error): void;
}

/**
 * One Chromium per worker, a small pool of reused pages, JavaScript off, and request interception that lets
 * through only data: URLs; the page must still be about:blank before and after printing.
 *
 * Concurrency is a semaphore of `pages` permits, separate from the pages themselves: a render takes a permit,
 * then an idle page of the current browser (or opens one), and gives both back. A page that failed is closed,
 * never reused; a timeout kills the whole browser (it may be hung); a crash is noticed through the
 * `disconnected` event or the dead process. The next render launches a new browser. Nothing is created per
 * document except the print itself.
 */
export class ChromiumPdfRenderer implements PdfRenderer {
  private current?: Generation;
  private launching?: Promise<Generation>;
  private idle: Array<{ page: Page; gen: Generation }> = [];
  private active = 0;
  private waiters: Array<{ resolve: () => void; reject: (err: Error) => void }> = [];
  private closed = false;
  /** The URLs the renderer refused, newest last (the last 1000, for tests and diagnostics). */
  readonly blockedRequests: string[] = [];
  readonly poolSize: number;
  private readonly timeoutMs: number;

  /** Number of times Chromium has been launched (1 in a healthy run). */
  launches = 0;

  constructor(private readonly opts: ChromiumRendererOptions) {
    this.poolSize = opts.pages ?? Math.max(1, Math.min(4, os.availableParallelism()));
    this.timeoutMs = opts.timeoutMs ?? 30_000;
  }

  /** The running Chromium's process id, if one is running. */
  browserPid(): number | undefined {
    return this.current?.browser.process()?.pid;
  }

  /** Launches Chromium now (at worker start) instead of at the first document. */
  async warmUp(): Promise<void> {
    await this.generation();
  }

  async render(job: PrintJob, options: RenderOptions = {}): Promise<Uint8Array> {
    await this.takePermit();
    let pdf: Uint8Array;
    try {
      pdf = await this.printWithPermit(job, options.timeoutMs ?? this.timeoutMs);
    } finally {
      this.givePermit();
    }
    // Node-side work after the page is back in the pool.
    const info = {
      title: job.title,
      author: job.author,
      subject: job.subject,
      keywords: job.keywords,
      custom: job.info,
      creator: 'Beslutsflöde',
      producer: 'Beslutsflöde (Chromium/Skia PDF)',
      date: job.createdAt,
      lang: job.lang,
    };
    return finishForPdfUa(await setPdfInfo(pdf, info), info); // XMP, artifacts, role map: docs/archival.md
  }

  private async printWithPermit(job: PrintJob, timeoutMs: number): Promise<Uint8Array> {
    const slot = await this.takePage();
    let ok = false;
    try {
      const pdf = await withTimeout(Promise.race([this.print(slot.page, job, timeoutMs), slot.gen.died]), timeoutMs);
      ok = true;
      return pdf;
    } catch (err) {
      if (err instanceof RenderTimeoutError) {
        this.kill(slot.gen); // a hung page may mean a hung browser: start over
        throw err;
      }
      if (slot.gen.dead || !slot.gen.browser.connected) {
        this.kill(slot.gen);
        if (err instanceof RendererError) throw err;
        throw new BrowserCrashedError(`Chromium avslutades under utskriften (${(err as Error).message}); den startas om vid nästa utskrift.`, { cause: err });
      }
      throw err;
    } finally {
      if (ok && !slot.gen.dead && slot.gen === this.current && !slot.page.isClosed()) this.idle.push(slot);
      else if (!slot.gen.dead) void slot.page.close().catch(() => undefined);
    }
  }

  private async print(page: Page, job: PrintJob, timeoutMs: number): Promise<Uint8Array> {
    const state = pageState(page);
    state.navigation = undefined;
    // The HTML is self-contained: 'load' fires as soon as the data: images are decoded.
    await page.setContent(keepEmptyTableCells(job.html), { waitUntil: 'load', timeout: timeoutMs }); // PDF/UA 7.2: pdf-ua.ts
    this.assertStillBlank(page);
    let pdf: Uint8Array;
    try {
      pdf = await this.printPdf(page, job, timeoutMs);
    } catch (err) {
      // A navigation during the print (meta refresh) makes Chromium fail the print: say why.
      this.assertStillBlank(page);
      throw err;
    }
    this.assertStillBlank(page); // a delayed refresh must not hand back a print of something else
    return pdf;
  }

  private printPdf(page: Page, job: PrintJob, timeoutMs: number): Promise<Uint8Array> {
    return page.pdf({ ...printOptions(job), timeout: timeoutMs });
  }

  /** The page must show the document it was given: no navigation was attempted, the URL is still about:blank. */
  private assertStillBlank(page: Page): void {
    const url = page.url();
    const attempted = pageState(page).navigation;
    if (url !== 'about:blank' || attempted) {
      throw new NavigationRefusedError(`Dokumentet försökte lämna about:blank (${(attempted ?? url).slice(0, 200)}); inget skrevs ut.`);
    }
  }

  // ---- the pool ---------------------------------------------------------------------------------------------

  private takePermit(): Promise<void> {
    if (this.closed) return Promise.reject(new RendererError('Renderaren är stängd'));
    if (this.active < this.poolSize) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Hands the permit straight to the next waiter (the count stays), or returns it. */
  private givePermit(): void {
    const next = this.waiters.shift();
    if (next) next.resolve();
    else this.active--;
  }

  private async takePage(): Promise<{ page: Page; gen: Generation }> {
    while (this.idle.length > 0) {
      const slot = this.idle.pop()!;
      // A page that navigated while idle (a delayed refresh of its last document) is not reused.
      const clean = slot.page.url() === 'about:blank' && !pageState(slot.page).navigation;
      if (this.isAlive(slot.gen) && slot.gen === this.current && !slot.page.isClosed() && clean) return slot;
      if (!slot.page.isClosed()) void slot.page.close().catch(() => undefined);
    }
    // Opening a page on a browser that died while idle fails before anything is printed: relaunch once and retry.
    for (let attempt = 0; ; attempt++) {
      const gen = await this.generation();
      try {
        return { page: await Promise.race([this.newPage(gen), gen.died]), gen };
      } catch (err) {
        if (this.isAlive(gen) || attempt > 0) throw err;
        this.kill(gen);
      }
    }
  }

  private isAlive(gen: Generation): boolean {
    const proc = gen.browser.process();
    return !gen.dead && gen.browser.connected && (!proc || (proc.exitCode === null && proc.signalCode === null));
  }

  private async generation(): Promise<Generation> {
    if (this.closed) throw new RendererError('Renderaren är stängd');
    if (this.current && this.isAlive(this.current)) return this.current;
    if (this.current) this.kill(this.current);
    this.launching ??= this.launch().finally(() => {
      this.launching = undefined;
    });
    return this.launching;
  }

  private async launch(): Promise<Generation> {
    const browser = await puppeteer.launch({
      executablePath: this.opts.executablePath,
      headless: true,
      // DevTools over a pipe, not a WebSocket: when the worker dies (kill -9) the pipe closes and Chromium exits with
      // it instead of living on as an orphan.
      pipe: true,
      args: [...this.opts.args, ...ISOLATION_ARGS],
      protocolTimeout: Math.max(this.timeoutMs * 2, 10_000),
    });
    this.launches++;
    // The tab Chromium opens at start is never printed on (the pool opens its own pages) but keeps a renderer process
    // alive: ~100 MB (PSS) of the worker's Chromium with 2 pages (docs/benchmarks.md, "Worker memory").
    for (const blank of await browser.pages().catch(() => [])) await blank.close().catch(() => undefined);
    let die: (err: Error) => void = () => undefined;
    const died = new Promise<never>((_, reject) => {
      die = reject;
    });
    died.catch(() => undefined);
    const gen: Generation = { browser, dead: false, died, die };
    browser.on('disconnected', () => this.kill(gen));
    browser.process()?.once('exit', () => this.kill(gen));
    if (this.closed) {
      this.kill(gen);
      throw new RendererError('Renderaren är stängd');
    }
    this.current = gen;
    return gen;
  }

  private async newPage(gen: Generation): Promise<Page> {
    const page = await gen.browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.setBypassServiceWorker(true);
    await page.setRequestInterception(true);
    page.on('request', (request: HTTPRequest) => {
      if (request.isInterceptResolutionHandled()) return;
      const url = request.url();
      if (request.isNavigationRequest() && request.frame() === page.mainFrame()) pageState(page).navigation ??= url;
      if (url.startsWith('data:')) {
        void request.continue().catch(() => undefined);
      } else {
        this.blockedRequests.push(url);
        if (this.blockedRequests.length > 1000) this.blockedRequests.splice(0, this.blockedRequests.length - 1000);
        this.opts.onBlockedRequest?.(url);
        void request.abort('blockedbyclient').catch(() => undefined);
      }
    });
    return page;
  }

  /** Forgets a browser and makes sure its process is gone; its pages are never handed out again. */
  private kill(gen: Generation): void {
    if (gen.dead) return;
    gen.dead = true;
    gen.die(new BrowserCrashedError('Chromium avslutades; den startas om vid nästa utskrift.'));
    if (this.current === gen) this.current = undefined;
    this.idle = this.idle.filter((s) => s.gen !== gen);
    const proc = gen.browser.process();
    if (proc && proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    void gen.browser.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.waiters.splice(0)) w.reject(new RendererError('Renderaren är stängd'));
    const gen = this.current ?? (await this.launching?.catch(() => undefined));
    this.idle = [];
    if (!gen || gen.dead) return;
    gen.dead = true;
    gen.die(new RendererError('Renderaren är stängd'));
    this.current = undefined;
    await gen.browser.close().catch(() => undefined);
    const proc = gen.browser.process();
    if (proc && proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
  }
}

/** Per-page bookkeeping: the first main-frame navigation the document attempted during its job. */
const PAGE_STATE = new WeakMap<Page, { navigation?: string }>();
function pageState(page: Page): { navigation?: string } {
  let state = PAGE_STATE.get(page);
  if (!state) PAGE_STATE.set(page, (state = {}));
  return state;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new RenderTimeoutError(`Utskriften tog mer än ${ms} ms; Chromium startas om.`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Chromium's print options for a job: A4 with the page geometry of the templates, tagged, header and footer. */
export function printOptions(job: PrintJob): PDFOptions {
  return {
    format: PRINT_PAGE.format,
    margin: PRINT_PAGE.margin,
    printBackground: true,
    tagged: true,
    outline: false,
    displayHeaderFooter: true,
    headerTemplate: job.headerTemplate,
    footerTemplate: job.footerTemplate,
    preferCSSPageSize: true,
  };
}
