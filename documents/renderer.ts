import os from 'node:os';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import { PDFDocument } from 'pdf-lib';

/** What the template engine hands to the printer. */
export interface PrintJob {
  html: string;
  headerTemplate: string;
  footerTemplate: string;
  title: string;
  author: string;
  subject: string;
  keywords?: string[];
  lang: string;
  /** The time the document is made (from the workflow): written as CreationDate so the same input gives the same bytes. */
  createdAt: Date;
}

export interface PdfRenderer {
  render(job: PrintJob): Promise<Uint8Array>;
  close(): Promise<void>;
}

export interface ChromiumRendererOptions {
  executablePath: string;
  args: string[];
  /** Pages kept open and reused; defaults to the number of cores. */
  pages?: number;
  /** A render that takes longer is treated as a hung browser: it is killed and relaunched. */
  timeoutMs?: number;
  /** Called for every request the renderer refused (everything but data: URLs). */
  onBlockedRequest?: (url: string) => void;
}

export class RendererError extends Error {}

/**
 * One Chromium per worker, a small pool of reused pages, JavaScript off, and request interception that lets
 * through only data: URLs. A crashed or hung browser is detected and relaunched on the next render.
 */
export class ChromiumPdfRenderer implements PdfRenderer {
  private browser?: Browser;
  private launching?: Promise<Browser>;
  private idle: Page[] = [];
  private waiters: Array<(page: Page) => void> = [];
  private pageCount = 0;
  private closed = false;
  readonly blockedRequests: string[] = [];
  private readonly poolSize: number;
  private readonly timeoutMs: number;

  constructor(private readonly opts: ChromiumRendererOptions) {
    this.poolSize = opts.pages ?? Math.max(1, Math.min(4, os.availableParallelism()));
    this.timeoutMs = opts.timeoutMs ?? 30_000;
  }

  /** Number of times Chromium has been launched (1 in a healthy run). */
  launches = 0;

  async render(job: PrintJob): Promise<Uint8Array> {
    if (this.closed) throw new RendererError('Renderaren är stängd');
    const page = await this.acquire();
    let healthy = false;
    try {
      const pdf = await withTimeout(this.print(page, job), this.timeoutMs);
      healthy = true;
      return await finishPdf(pdf, job);
    } catch (err) {
      if (!healthy) await this.discard(page, err);
      throw err;
    } finally {
      if (healthy) this.release(page);
    }
  }

  private async print(page: Page, job: PrintJob): Promise<Uint8Array> {
    await page.setContent(job.html, { waitUntil: 'load', timeout: this.timeoutMs });
    if (page.url() !== 'about:blank') {
      throw new RendererError(`Dokumentet försökte lämna about:blank (${page.url()}); inget skrevs ut.`);
    }
    return page.pdf({
      format: 'A4',
      printBackground: true,
      tagged: true,
      outline: false,
      displayHeaderFooter: true,
      headerTemplate: job.headerTemplate,
      footerTemplate: job.footerTemplate,
      preferCSSPageSize: true,
      timeout: this.timeoutMs,
    });
  }

  private async getBrowser(): Promise<Browser> {
    if (this.browser?.connected) return this.browser;
    if (!this.launching) {
      this.launching = (async () => {
        const browser = await puppeteer.launch({
          executablePath: this.opts.executablePath,
          headless: true,
          args: this.opts.args,
          protocolTimeout: this.timeoutMs * 2,
        });
        this.launches++;
        browser.on('disconnected', () => {
          if (this.browser === browser) {
            this.browser = undefined;
            this.idle = [];
            this.pageCount = 0;
          }
        });
        this.browser = browser;
        return browser;
      })().finally(() => {
        this.launching = undefined;
      });
    }
    return this.launching;
  }

  private async newPage(): Promise<Page> {
    const browser = await this.getBrowser();
    const page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request: HTTPRequest) => {
      const url = request.url();
      if (url.startsWith('data:')) {
        void request.continue();
      } else {
        this.blockedRequests.push(url);
        this.opts.onBlockedRequest?.(url);
        void request.abort('blockedbyclient');
      }
    });
    return page;
  }

  private async acquire(): Promise<Page> {
    const page = this.idle.pop();
    if (page && !page.isClosed() && this.browser?.connected) return page;
    if (this.pageCount < this.poolSize || !this.browser?.connected) {
      this.pageCount++;
      try {
        return await this.newPage();
      } catch (err) {
        this.pageCount--;
        throw err;
      }
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private release(page: Page): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter(page);
    else this.idle.push(page);
  }

  /** A page that failed may belong to a hung or crashed browser: kill the browser so the next render relaunches it. */
  private async discard(page: Page, err: unknown): Promise<void> {
    this.pageCount = Math.max(0, this.pageCount - 1);
    const browser = this.browser;
    if (err instanceof TimeoutError || !browser?.connected) {
      this.browser = undefined;
      this.idle = [];
      this.pageCount = 0;
      browser?.process()?.kill('SIGKILL');
      await browser?.close().catch(() => undefined);
    } else {
      await page.close().catch(() => undefined);
    }
    // Anyone waiting for a page gets a fresh one.
    const waiters = this.waiters.splice(0);
    for (const w of waiters) {
      this.pageCount++;
      this.newPage().then(w, () => {
        this.pageCount--;
      });
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const browser = this.browser ?? (await this.launching?.catch(() => undefined));
    this.browser = undefined;
    await browser?.close().catch(() => undefined);
  }
}

class TimeoutError extends RendererError {}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new TimeoutError(`Utskriften tog mer än ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Document information the archive and screen readers need, and a fixed CreationDate for reproducible bytes. */
async function finishPdf(pdf: Uint8Array, job: PrintJob): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  doc.setTitle(job.title, { showInWindowTitleBar: true });
  doc.setAuthor(job.author);
  doc.setSubject(job.subject);
  if (job.keywords?.length) doc.setKeywords(job.keywords);
  doc.setCreator('Beslutsflöde');
  doc.setProducer('Beslutsflöde (Chromium/Skia PDF)');
  doc.setCreationDate(job.createdAt);
  doc.setModificationDate(job.createdAt);
  return doc.save({ useObjectStreams: false });
}
