/**
 * Issue 15 point 5, "what the walk found", on a demo-like product (`npm start`'s demo data in a namespace of its own):
 * every main page, as the municipalities' secretaries and as SKR, shows stage labels and Stockholm local time, never a
 * stage code, a UTC timestamp, a file of the repository or an HTTP route.
 */
import { seedDemoData } from '../../runtime/demo-data';
import { startProduct, type TestProduct } from '../support/product';
import { devServerAddress } from '../support/temporal';
import { BrowserSession, type DemoUserKey } from './http';
import { expectReadable, visibleText } from './page-text';

let product: TestProduct;
let made: Awaited<ReturnType<typeof seedDemoData>>;
beforeAll(async () => {
  product = await startProduct(devServerAddress(), { series: 'config' }); // as npm start: the configured organs
  made = await seedDemoData(product.web.context);
}, 120_000);
afterAll(async () => {
  await product?.stop();
});

const SECRETARY: Record<string, DemoUserKey> = {
  Stockholm: 'stockholmSekreterare',
  Göteborg: 'goteborgSekreterare',
  Uppsala: 'uppsalaSekreterare',
  Umeå: 'umeaSekreterare',
};

/** Reads a page (200) and checks its visible text; returns the HTML for the links it has. */
async function walk(s: BrowserSession, path: string): Promise<string> {
  const r = await s.get(path);
  expect({ path, status: r.status }).toEqual({ path, status: 200 });
  expectReadable(path, visibleText(r.text));
  return r.text;
}

const links = (html: string, re: RegExp) => [...new Set([...html.matchAll(re)].map((m) => m[0]))];

test('the demo: ärenden in five stages, their meetings and plans, and SKR’s pages, all in words and local time', async () => {
  expect(made.length).toBeGreaterThanOrEqual(5);
  const sessions = new Map<DemoUserKey, BrowserSession>();
  const as = async (user: DemoUserKey) => {
    if (!sessions.has(user)) {
      const s = new BrowserSession(product.baseUrl);
      await s.signIn(user);
      sessions.set(user, s);
    }
    return sessions.get(user) as BrowserSession;
  };

  for (const a of made) {
    const s = await as(SECRETARY[a.kommun]);
    const page = visibleText(await walk(s, `/arenden/${a.id}`));
    expect(page).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d/); // the history, in local time
  }
  for (const user of new Set(made.map((a) => SECRETARY[a.kommun]))) {
    const s = await as(user);
    await walk(s, '/');
    await walk(s, '/planering');
    for (const organ of links(await walk(s, '/sammantraden'), /\/sammantraden\/[A-ZÅÄÖ0-9]+(?=["?])/g)) await walk(s, organ);
  }

  const skr = await as('skrAdmin');
  const overview = await walk(skr, '/skr');
  for (const kommun of [
    '/skr/kommuner/0180',
    '/skr/kommuner/0182',
    '/skr/kommuner/0192',
    '/skr/kommuner/0305',
    ...links(overview, /\/skr\/kommuner\/\d{4}/g).slice(0, 5),
  ]) {
    await walk(skr, kommun);
  }
  await walk(skr, '/skr/avgifter');
  await walk(skr, '/skr/folkmangd');
  const bulks = links(await walk(skr, '/skr/massatgarder'), /\/skr\/massatgarder\/[A-Za-z0-9_-]+/g);
  expect(bulks.length).toBeGreaterThan(0);
  for (const bulk of bulks) await walk(skr, bulk);
});
