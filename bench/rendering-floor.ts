/**
 * The rendering floor of a run (issue 14 p. 6): how long its documents would take in bare Chromium alone, the least
 * any orchestration could cost. Floor = Σ over the documents written of the bare time of their type ÷ the pages in
 * the worker's pool, with the bare time per type measured in the same run on the same machine (one Chromium, one
 * reused page, setContent + page.pdf of the product's HTML: bench/documents.ts (b)). A run's wall time against its
 * floor is a ratio that holds on any machine of this kind, where absolute times differ threefold.
 */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { renderDocumentHtml } from '../documents/templates';
import { DOCUMENT_TYPES, type DocumentType } from '../documents/types';
import { CHROMIUM_ARGS, findChromium } from '../runtime/chromium';
import { SAMPLES, sampleLook } from '../test/documents/samples';
import { barePrint, launchOptions } from './documents';

/** The worker's pool as the bench starts it (BF_RENDER_PAGES unset: the number of cores, at most 4; documents/renderer.ts). */
export const workerPoolPages = () => Number(process.env.BF_RENDER_PAGES ?? Math.max(1, Math.min(4, os.availableParallelism())));

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Median bare-Chromium time per document type, ms (`rounds` after one warm-up each). */
export async function bareMsPerType(rounds = 5): Promise<Map<DocumentType, number>> {
  const browser = await puppeteer.launch({ ...launchOptions(findChromium()), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const out = new Map<DocumentType, number>();
    for (const type of DOCUMENT_TYPES) {
      const job = { ...renderDocumentHtml(type, SAMPLES[type], sampleLook), createdAt: new Date('2026-06-05T08:00:00Z') };
      await barePrint(page, job);
      const times: number[] = [];
      for (let i = 0; i < rounds; i++) {
        const t = performance.now();
        await barePrint(page, job);
        times.push(performance.now() - t);
      }
      out.set(type, median(times));
    }
    return out;
  } finally {
    await browser.close();
  }
}

/** Documents per type in a product's register (records/*.json), those rendered from a template only (no uploads). */
export function renderedDocumentsByType(dataDir: string, since = new Set<string>()): Map<DocumentType, number> {
  const folder = path.join(dataDir, 'documents', 'records');
  const counts = new Map<DocumentType, number>();
  let files: string[] = [];
  try {
    files = readdirSync(folder).filter((f) => f.endsWith('.json') && !since.has(f));
  } catch {
    return counts;
  }
  for (const f of files) {
    const type = (JSON.parse(readFileSync(path.join(folder, f), 'utf8')) as { type: string }).type as DocumentType;
    if (DOCUMENT_TYPES.includes(type)) counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  return counts;
}

/** The record files there now: pass to renderedDocumentsByType to count only what a run added. */
export function recordFilesNow(dataDir: string): Set<string> {
  try {
    return new Set(readdirSync(path.join(dataDir, 'documents', 'records')));
  } catch {
    return new Set();
  }
}

export interface RenderingFloor {
  documents: number;
  seconds: number;
  pages: number;
  /** Mean bare time per document of this mix, ms. */
  bareMsPerDocument: number;
}

export function renderingFloor(counts: Map<DocumentType, number>, bare: Map<DocumentType, number>, pages = workerPoolPages()): RenderingFloor {
  let documents = 0;
  let ms = 0;
  for (const [type, n] of counts) {
    documents += n;
    ms += n * (bare.get(type) ?? 0);
  }
  return { documents, seconds: ms / 1000 / pages, pages, bareMsPerDocument: documents ? ms / documents : 0 };
}
