/** `npm start`'s demo data: the ärenden land in different stages through the same use cases as the web app. */
import { startProduct, type TestProduct } from '../support/product';
import { devServerAddress } from '../support/temporal';
import { demoCredentials, demoUsersConfigured, seedDemoData } from '../../runtime/demo-data';
import { apiClient } from './http';

let product: TestProduct;
beforeAll(async () => {
  product = await startProduct(devServerAddress());
});
afterAll(async () => {
  await product?.stop();
});

test('seeds seed 000 in Stockholm and ärenden in other municipalities and stages; a second run records nothing twice', async () => {
  const ctx = product.web.context;
  expect(await demoUsersConfigured(ctx)).toBe(true);
  const made = await seedDemoData(ctx);
  expect(made.map((a) => [a.kommun, a.stage])).toEqual([
    ['Stockholm', 'sammantrade'],
    ['Stockholm', 'utkast'],
    ['Göteborg', 'utkast'],
    ['Uppsala', 'beredning'],
    ['Umeå', 'overklagandetid'],
  ]);
  const seed = await apiClient(product.baseUrl, 'stockholm')('GET', `/api/arenden/${made[0].id}`);
  expect(seed.json.title).toBe('Hemställan om att ansluta till Yrkesresan');
  expect(seed.json.documents.map((d: any) => d.type)).toEqual(expect.arrayContaining(['tjansteutlatande', 'remiss', 'yttrande', 'foredragningslista']));

  const again = await seedDemoData(ctx);
  expect(again.map((a) => a.id)).toEqual(made.map((a) => a.id));
  const history = (await apiClient(product.baseUrl, 'stockholm')('GET', `/api/arenden/${made[0].id}`)).json.history;
  expect(history).toEqual(seed.json.history);

  const banner = demoCredentials().join('\n');
  expect(banner).toContain('sekreterare@stockholm');
  expect(banner).toContain('Authorization: Bearer bf_demo_stockholm_');
});
