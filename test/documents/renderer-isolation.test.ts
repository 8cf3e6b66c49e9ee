/**
 * Nothing leaves the renderer. Payloads are injected straight into the HTML the renderer prints (bypassing the
 * templates' escaping, to prove the renderer layer on its own) towards a loopback HTTP server of this test and
 * a secret file: the server must see no request and no connection, the renderer must list what it refused,
 * and the PDF must not contain the file's text. A document that navigates away is refused, not printed.
 * Then the same payloads as user data through the templates: printed as literal text.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { NavigationRefusedError, type ChromiumPdfRenderer } from '../../documents/renderer';
import { renderDocumentHtml } from '../../documents/templates';
import { createRenderer } from '../../runtime/worker';
import { seed000, seed000Look } from '../fixtures/seed-000';
import { normalizeSpace, readPdf } from '../support/pdf';

const SECRET = `HEMLIGT-${randomUUID()}`;
const secretDir = mkdtempSync(path.join(process.env.BF_TEST_DIR ?? os.tmpdir(), 'isolation-'));
const secretFile = path.join(secretDir, 'hemlig.txt');
writeFileSync(secretFile, SECRET);
writeFileSync(path.join(secretDir, 'hemlig.css'), `body::after { content: "${SECRET}"; }`);
writeFileSync(path.join(secretDir, 'hemlig.html'), `<p>${SECRET}</p>`);
const FILE = `file://${secretDir}`;

let server: http.Server;
let base: string;
const hits: string[] = [];
let connections = 0;
let renderer: ChromiumPdfRenderer;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'text/html' }).end(`<p>${SECRET}</p>`);
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  renderer = createRenderer(1);
}, 30_000);

afterAll(async () => {
  await renderer?.close();
  await new Promise((resolve) => server?.close(resolve));
});

const printable = () => renderDocumentHtml('tjansteutlatande', seed000, seed000Look);
const job = (html: string) => ({ ...printable(), html, createdAt: new Date('2026-06-05T08:00:00Z') });

/** Every way an HTML page can ask for something, each with its own path so that the refused list shows it. */
function subresourcePayloads(): { head: string; body: string; http: string[]; file: string[] } {
  const h = (name: string) => `${base}/${name}`;
  const head = `
<link rel="stylesheet" href="${h('link-stylesheet.css')}">
<link rel="stylesheet" href="${FILE}/hemlig.css">
<link rel="preload" as="image" href="${h('link-preload.png')}">
<link rel="prefetch" href="${h('link-prefetch')}">
<link rel="preconnect" href="${base}">
<link rel="dns-prefetch" href="${base}">
<link rel="icon" href="${h('favicon.ico')}">
<style>@import url("${h('style-import.css')}");</style>
<style>@import url("${FILE}/hemlig.css");</style>
<style>
@font-face { font-family: "Exfil"; src: url("${h('font-face.woff2')}") format("woff2"); }
h1 { font-family: "Exfil", serif; }
body { background-image: url("${h('css-background.png')}"); }
h2::before { content: url("${h('css-content.png')}"); }
p { list-style-image: url("${h('css-list-style.png')}"); border-image: url("${h('css-border-image.png')}") 30; }
main { background-image: image-set("${h('css-image-set.png')}" 1x); }
</style>
<script src="${h('script-src.js')}"></script>
<script>fetch("${h('inline-script-fetch')}"); new Image().src = "${h('inline-script-image')}";</script>`;
  const body = `
<img src="${h('img.png')}" alt="">
<img src="${FILE}/hemlig.txt" alt="">
<img srcset="${h('img-srcset.png')} 1x" alt="">
<picture><source srcset="${h('picture-source.png')}"><img alt=""></picture>
<iframe src="${h('iframe.html')}"></iframe>
<iframe src="${FILE}/hemlig.html"></iframe>
<object data="${h('object.html')}"></object>
<embed src="${h('embed.html')}">
<video poster="${h('video-poster.png')}" src="${h('video.mp4')}"></video>
<audio src="${h('audio.mp3')}"></audio>
<input type="image" src="${h('input-image.png')}" alt="x">
<svg width="10" height="10"><image href="${h('svg-image.png')}" width="10" height="10"/></svg>
<table background="${h('table-background.png')}"><tr><td>x</td></tr></table>
<a href="${h('anchor-href')}" ping="${h('anchor-ping')}">en länk (hämtas inte)</a>
<form action="${h('form-action')}"><button formaction="${h('button')}">x</button></form>`;
  const http = ['link-stylesheet.css', 'style-import.css', 'font-face.woff2', 'css-background.png', 'img.png', 'iframe.html', 'object.html', 'embed.html'].map(
    h,
  );
  return { head, body, http, file: [`${FILE}/hemlig.css`, `${FILE}/hemlig.txt`, `${FILE}/hemlig.html`] };
}

test('subresources of every kind: zero requests and zero connections reach the server; the PDF has no secret', async () => {
  const p = subresourcePayloads();
  const base0 = printable();
  const html = base0.html.replace('</head>', `${p.head}\n</head>`).replace('</main>', `${p.body}\n</main>`);
  const before = renderer.blockedRequests.length;
  const bytes = await renderer.render(job(html));

  await new Promise((r) => setTimeout(r, 300)); // anything late (prefetch, ping) would have arrived by now
  expect(hits).toEqual([]);
  expect(connections).toBe(0);

  const blocked = renderer.blockedRequests.slice(before);
  for (const url of p.http) expect(blocked).toContain(url);
  for (const url of blocked) expect(url.startsWith('data:')).toBe(false);
  // file: URLs are refused too: either by the interception (listed) or by Chromium itself before any request
  // (a page on about:blank may not load local resources). Either way, the secret is not in the PDF.
  const pdf = await readPdf(bytes);
  expect(pdf.text).not.toContain(SECRET);
  expect(normalizeSpace(pdf.text)).toContain('Hemställan om att ansluta till Yrkesresan'); // the document itself printed
  expect(normalizeSpace(pdf.text)).toContain('en länk (hämtas inte)');
  expect(pdf.tagged).toBe(true);
});

test.each([
  ['meta refresh to the loopback server', () => `<meta http-equiv="refresh" content="0;url=${base}/meta-refresh">`],
  ['meta refresh within the page (fragment)', () => `<meta http-equiv="refresh" content="0;url=about:blank#annanstans">`],
])('a page that navigates away is refused, not printed: %s', async (_name, payload) => {
  const html = printable().html.replace('<head>', `<head>${payload()}`);
  await expect(renderer.render(job(html))).rejects.toBeInstanceOf(NavigationRefusedError);
  expect(hits).toEqual([]);
  expect(connections).toBe(0);
  // The renderer is still good for the next document (the refused page was closed, not reused).
  const ok = await readPdf(await renderer.render(job(printable().html)));
  expect(ok.text).not.toContain(SECRET);
  expect(renderer.launches).toBe(1);
});

test('a meta refresh to a file goes nowhere: Chromium does not let about:blank open local files; the document prints as itself', async () => {
  const html = printable().html.replace('<head>', `<head><meta http-equiv="refresh" content="0;url=${FILE}/hemlig.html">`);
  const pdf = await readPdf(await renderer.render(job(html)));
  expect(pdf.text).not.toContain(SECRET);
  expect(normalizeSpace(pdf.text)).toContain('Hemställan om att ansluta till Yrkesresan');
  expect(hits).toEqual([]);
});

test('the refused list names the navigation target', async () => {
  const html = printable().html.replace('<head>', `<head><meta http-equiv="refresh" content="0;url=${base}/navigation-target">`);
  await expect(renderer.render(job(html))).rejects.toThrow(/navigation-target/);
  expect(renderer.blockedRequests).toContain(`${base}/navigation-target`);
  expect(hits).toEqual([]);
});

test('the same payloads as user data go through the templates and print as literal text', async () => {
  const p = subresourcePayloads();
  const payloads = [
    `<meta http-equiv="refresh" content="0;url=${base}/tpl-refresh">`,
    `<img src="${base}/tpl-img.png" alt="">`,
    `<link rel="stylesheet" href="${base}/tpl-link.css">`,
    `<style>@import url("${base}/tpl-import.css");</style>`,
    `<iframe src="${FILE}/hemlig.html"></iframe>`,
    `<script>fetch("${base}/tpl-script")</script>`,
  ];
  const before = renderer.blockedRequests.length;
  const data = {
    ...seed000,
    summary: payloads,
    caseOfficer: { name: `"><img src="${base}/tpl-attr.png">`, title: 'utredare' },
    attachments: [p.body.trim().split('\n')[0]!],
  };
  const printed = renderDocumentHtml('tjansteutlatande', data, seed000Look);
  const pdf = await readPdf(await renderer.render({ ...printed, createdAt: new Date('2026-06-05T08:00:00Z') }));
  const text = normalizeSpace(pdf.text);
  for (const payload of payloads) expect(text).toContain(normalizeSpace(payload));
  expect(text).toContain(`"><img src="${base}/tpl-attr.png">`);
  expect(hits).toEqual([]);
  expect(connections).toBe(0);
  expect(renderer.blockedRequests.slice(before)).toEqual([]); // escaped: nothing was even asked for
});
