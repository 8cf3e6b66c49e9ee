import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isExecutable as executable } from './executable';

/** Flags for a headless Chromium that never talks to the network on its own. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
  '--font-render-hinting=none',
  // No GPU process: printing to PDF draws in software in the renderer; the GPU thread runs inside the browser
  // process and SwiftShader is not loaded. One process (~40 MB PSS) fewer per worker (docs/benchmarks.md).
  '--in-process-gpu',
  '--disable-software-rasterizer',
  // Not --disable-crashpad-for-testing (it would spare the crash handler's processes): with it Chromium aborts every
  // navigation (net::ERR_ABORTED) and the renderer's navigation guard times out (test/documents/renderer-isolation).
];

const SYSTEM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** Chrome for Testing binaries that `npx puppeteer browsers install chrome` leaves in puppeteer's cache. */
function fromPuppeteerCache(): string | undefined {
  const cache = process.env.PUPPETEER_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'puppeteer');
  for (const browser of ['chrome', 'chrome-headless-shell']) {
    const dir = path.join(cache, browser);
    let versions: string[];
    try {
      versions = readdirSync(dir).sort().reverse();
    } catch {
      continue;
    }
    for (const v of versions) {
      for (const rel of ['chrome-linux64/chrome', 'chrome-headless-shell-linux64/chrome-headless-shell']) {
        const candidate = path.join(dir, v, rel);
        if (executable(candidate)) return candidate;
      }
    }
  }
  return undefined;
}

/** PUPPETEER_EXECUTABLE_PATH → a system Chromium/Chrome → puppeteer's cache. Throws with what to do otherwise. */
export function findChromium(env = process.env): string {
  const fromEnv = env.PUPPETEER_EXECUTABLE_PATH;
  if (fromEnv) {
    if (!executable(fromEnv)) {
      throw new Error(`PUPPETEER_EXECUTABLE_PATH=${fromEnv} pekar inte på en körbar Chromium. Rätta sökvägen eller ta bort variabeln.`);
    }
    return fromEnv;
  }
  const system = SYSTEM_CANDIDATES.find(executable);
  if (system) return system;
  const cached = fromPuppeteerCache();
  if (cached) return cached;
  throw new Error(
    'Hittar ingen Chromium för att skapa PDF:er. Installera den (Debian/Ubuntu: "apt-get install chromium fonts-dejavu-core fonts-liberation"), ' +
      'eller sätt PUPPETEER_EXECUTABLE_PATH, eller kör "npx puppeteer browsers install chrome" om du är uppkopplad.',
  );
}
