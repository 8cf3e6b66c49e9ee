/**
 * The anslutningsavtal and the avgiftsunderlag of Stockholm and Göteborg as both writers build them
 * (workflows/agreement-texts.ts), through the real renderer, read back as text: the parties as they name themselves,
 * "nedan kallad SKR" once, § 2 once, the county's RSS named from the reference data, an honest text where the RSS's
 * rate is not known ("ej fastställd", never 0 kr), the rate of each fee year (2,43 for 2027, 2,47 for 2028, or the
 * one SKR has set), and the population with its date.
 */
import type { ChromiumPdfRenderer } from '../../documents/renderer';
import { renderDocumentHtml } from '../../documents/templates';
import { feeScheduleForYears, rateTable, type RegionalOrganisation } from '../../domain/fees';
import { officialMunicipalityName } from '../../domain/municipality-names';
import { parseRate } from '../../domain/money';
import { periodFor, YRKESRESAN } from '../../domain/programmes';
import { loadMunicipalityRegistry } from '../../runtime/reference-data';
import { createRenderer } from '../../runtime/worker';
import { agreementFees, agreementParties, feeStatementData, regionalTerms } from '../../workflows/agreement-texts';
import { normalizeSpace, readPdf } from '../support/pdf';

const registry = loadMunicipalityRegistry();
let renderer: ChromiumPdfRenderer;
beforeAll(() => {
  renderer = createRenderer(1);
});
afterAll(async () => {
  await renderer?.close();
});

const period = { start: '2027-07-01', end: '2028-06-30', preliminary: false };

async function pdfText(type: 'anslutningsavtal' | 'avgiftsunderlag', data: unknown, kommunName: string): Promise<string> {
  const printable = renderDocumentHtml(type, data, { kommunName, primaryColor: '#1f3a5f' });
  const bytes = await renderer.render({ ...printable, createdAt: new Date('2026-12-02T08:00:00Z') });
  // pdftotext writes no-break spaces as they are; a reader sees spaces.
  return normalizeSpace((await readPdf(bytes)).text.replace(/\u00a0/g, ' '));
}

function basisOf(kommunkod: string, organisation: RegionalOrganisation, setBySkr = [] as Parameters<typeof rateTable>[1]) {
  const m = registry.byKode(kommunkod)!;
  return {
    m,
    name: officialMunicipalityName(m),
    table: rateTable(YRKESRESAN.nationalRates, setBySkr),
    regional: regionalTerms(periodFor(YRKESRESAN, period.start).regionalRates, m.lanskod, m.rss?.name, organisation),
  };
}

function agreement(kommunkod: string, organisation: RegionalOrganisation) {
  const b = basisOf(kommunkod, organisation);
  return {
    diarienummer: `YR-${kommunkod}-2027`,
    date: '2026-12-02',
    title: YRKESRESAN.agreementTitle,
    parties: agreementParties(YRKESRESAN, b.name),
    purpose: [YRKESRESAN.purpose],
    programmeParts: YRKESRESAN.parts.map((p) => ({ name: p.name, description: p.description })),
    fees: agreementFees({ programme: YRKESRESAN, table: b.table, period, regional: b.regional, lan: b.m.lan }),
    period: { start: period.start, end: period.end },
    terms: [],
    signatures: { skr: [{ name: 'Behörig företrädare', title: 'SKR' }], municipality: [{ name: 'Behörig företrädare', title: b.name }] },
  };
}

function statements(kommunkod: string, organisation: RegionalOrganisation, setBySkr?: Parameters<typeof rateTable>[1]) {
  const b = basisOf(kommunkod, organisation, setBySkr);
  return feeScheduleForYears(period.start, period.end).map((year) =>
    feeStatementData({
      programme: YRKESRESAN,
      diarienummer: `YR-${kommunkod}-2027`,
      date: year.from,
      year,
      municipalityName: b.name,
      population: { count: b.m.population, asOf: b.m.populationDate, source: 'SCB' },
      table: b.table,
      regional: b.regional,
      agreement: { number: `YR-${kommunkod}-2027`, ...period },
    }),
  );
}

const occurrences = (text: string, part: string) => text.split(part).length - 1;

test('Stockholm through StorSthlm: "Stockholms stad", SKR named once, § 2 once, StorSthlm with 1,88 kr, the rate of each fee year', async () => {
  const text = await pdfText('anslutningsavtal', agreement('0180', 'rss'), 'Stockholms stad');
  expect(text).toContain('Stockholms stad, nedan kallad kommunen');
  expect(text).toContain('Sveriges Kommuner och Regioner, organisationsnummer 222000-0315, 118 82 Stockholm, nedan kallad SKR.');
  expect(text).not.toContain('nedan kallad nedan kallad');
  expect(text).not.toContain('Stockholms kommun');
  expect(occurrences(text, 'tillgång till alla delar')).toBe(1);
  expect(occurrences(text, '2. Avtalets omfattning')).toBe(1);
  expect(text).toContain('Nationell avgift 2027 Sveriges Kommuner och Regioner 2,43 kr per invånare och år');
  expect(text).toContain('Nationell avgift 2028 Sveriges Kommuner och Regioner 2,47 kr per invånare och år');
  expect(text).toContain('Regional avgift Storsthlm (RSS Stockholms län) 1,88 kr per invånare och år');
  expect(text).toContain('Det regionala genomförandet sköts av Storsthlm (RSS Stockholms län)');
  expect(text).not.toContain('organiserar själv');
});

test("Stockholm on its own (the seed's choice): the regional part is the city's, no regional fee", async () => {
  const text = await pdfText('anslutningsavtal', agreement('0180', 'egen'), 'Stockholms stad');
  expect(text).toContain('Kommunen organiserar själv det som motsvarar det regionala genomförandet');
  expect(text).not.toContain('Regional avgift Storsthlm');
});

test('Göteborg through its RSS: "Göteborgs Stad", the RSS named from the reference data, its fee honestly not set', async () => {
  const text = await pdfText('anslutningsavtal', agreement('1480', 'rss'), 'Göteborgs Stad');
  expect(text).toContain('Göteborgs Stad, nedan kallad kommunen');
  expect(text).not.toContain('Göteborgs kommun');
  expect(text).toContain('Regional avgift VästKom med GR / Fyrbodal / Skaraborg / Sjuhärad ej fastställd');
  expect(text).toContain(
    'Det regionala genomförandet sköts av VästKom med GR / Fyrbodal / Skaraborg / Sjuhärad, den regionala samverkans- och stödstrukturen (RSS) i Västra Götalands län.',
  );
  expect(text).toContain('är därför ej fastställd i detta avtal');
  expect(text).not.toContain('organiserar själv');
  expect(text).not.toContain('ingen regional avgift');
});

test('fee statements of Stockholm: 2,43 in 2027 and 2,47 in 2028, with the full year (2 403 131,49 and 2 442 689,21 kr) and the population with its date', async () => {
  const [y2027, y2028] = statements('0180', 'rss');
  const t2027 = await pdfText('avgiftsunderlag', y2027, 'Stockholms stad');
  expect(t2027).toContain('Avgiftsunderlag 2027: Stockholms stad');
  expect(t2027).toContain('invånarantal den 2023-12-31: 988 943 invånare enligt SCB');
  expect(t2027).toContain('988 943 invånare × 2,43 kr = 2 403 131,49 kr för helt år; 184 av årets 365 dagar');
  expect(t2027).toContain('Taxa för avgiftsår 2027: 2,43 kr per invånare och år. Källa:');
  expect(t2027).toContain('Regional avgift Storsthlm (RSS Stockholms län) 1,88 kr');
  const t2028 = await pdfText('avgiftsunderlag', y2028, 'Stockholms stad');
  expect(t2028).toContain('988 943 invånare × 2,47 kr = 2 442 689,21 kr för helt år; 182 av årets 366 dagar');
  expect(t2028).toContain('Taxa för avgiftsår 2028: 2,47 kr per invånare och år.');
  expect(y2027.national.amountOre).toBe(Math.floor((240_313_149 * 184 * 2 + 365) / (2 * 365)));
  expect(y2028.national.amountOre).toBe(Math.floor((244_268_921 * 182 * 2 + 366) / (2 * 366)));
});

test('fee statement of Göteborg: the regional fee reads "ej fastställd", never 0 kr; a rate SKR has set for the year is used', async () => {
  const setBySkr = [{ year: 2028, rate: parseRate('2,55'), source: 'SKR:s beslut (test)', setOn: '2026-12-01' }];
  const [y2027, y2028] = statements('1480', 'rss', setBySkr);
  const t2027 = await pdfText('avgiftsunderlag', y2027, 'Göteborgs Stad');
  expect(t2027).toContain('Avgiftsunderlag 2027: Göteborgs Stad');
  expect(t2027).toContain('604 616 invånare');
  expect(t2027).toContain('den 2023-12-31');
  // (the long payee wraps, so pdftotext reads the table by column)
  expect(t2027).toContain('Regional avgift VästKom med GR / Fyrbodal / Skaraborg / Sjuhärad');
  expect(t2027).toContain('2,43 kr 740 646,32 kr ej fastställd ej fastställd 740 646,32 kr');
  expect(t2027).toContain('Totalt fastställda avgifter');
  expect(t2027).not.toMatch(/Regional avgift[^.]*0,00 kr/);
  expect(y2027.regional).toMatchObject({ rateOre: null, amountOre: null });
  const t2028 = await pdfText('avgiftsunderlag', y2028, 'Göteborgs Stad');
  expect(t2028).toContain('604 616 invånare × 2,55 kr');
  expect(t2028).toContain('Källa: SKR:s beslut (test); fastställd 2026-12-01.');
});
