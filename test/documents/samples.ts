/**
 * Valid data for every document type, for rendering tests and the benchmark (fictitious where seed 000 has
 * nothing; "Exempel" names). The same samples as test/unit/templates.test.ts, shared here so that the
 * PDF tests and bench/ need not import a test file.
 */
import type { DocumentInput, DocumentType, MunicipalityLookInput } from '../../documents/document-types';
import { SEED_000_PROPOSALS, seed000 } from '../fixtures/seed-000';

export const TINY_PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

export const sampleLook: MunicipalityLookInput = {
  kommunName: 'Stockholms stad',
  forvaltning: 'Socialförvaltningen',
  avdelning: 'Avdelningen för strategi och utveckling',
  logoDataUrl: TINY_PNG,
  primaryColor: '#1f3a5f',
  signatories: [{ name: 'Veronica Carstorp Wolgast', title: 'Socialdirektör', unit: 'Socialförvaltningen' }],
};

export const signatures = [
  { name: 'Veronica Carstorp Wolgast', title: 'Socialdirektör', unit: 'Socialförvaltningen' },
  { name: 'Lina Blombergsson', title: 'Avdelningschef', unit: 'Socialförvaltningen' },
];

/** Valid sample data for every document type (fictitious where the seed has nothing). */
export const SAMPLES: { [T in DocumentType]: DocumentInput[T] } = {
  tjansteutlatande: seed000,
  remiss: {
    diarienummer: 'SN 2026/0000',
    date: '2026-05-04',
    caseOfficer: { name: 'Exempel Exempelsson', phone: '08-000 00 00', email: 'exempel@example.se' },
    sender: 'Socialnämnden',
    recipients: ['Äldrenämnden', 'Rådet för funktionshinderfrågor'],
    title: 'Remiss: Hemställan om att ansluta till Yrkesresan',
    body: ['Socialförvaltningen har tagit fram ett förslag om att ansluta till Yrkesresan.\n\nVi vill ha era synpunkter.'],
    questions: ['Vill nämnden ansluta sina verksamheter?'],
    answerBy: '2026-05-25',
    answerTo: 'registrator@example.se',
    attachments: ['Förslag till tjänsteutlåtande'],
  },
  yttrande: {
    diarienummer: 'ÄN 2026/0000',
    date: '2026-05-20',
    addressee: 'Socialnämnden',
    sender: 'Äldrenämnden',
    forvaltning: 'Äldreförvaltningen',
    referral: { title: 'Hemställan om att ansluta till Yrkesresan', diarienummer: 'SN 2026/0000', date: '2026-05-04' },
    title: 'Yttrande över remiss om Yrkesresan',
    proposals: ['Äldrenämnden godkänner förvaltningens förslag till yttrande.'],
    sections: [
      {
        heading: 'Äldreförvaltningens synpunkter',
        blocks: ['Äldreförvaltningen ser i nuläget inte behov av att ansluta till Yrkesresan.'],
      },
    ],
    signatures: [{ name: 'Exempel Chef', title: 'Äldredirektör' }],
  },
  protokollsutdrag: {
    organ: 'Socialnämnden',
    meetingDate: '2026-06-16',
    paragraph: 12,
    diarienummer: 'SN 2026/0000',
    title: 'Hemställan om att ansluta till Yrkesresan',
    decision: [...SEED_000_PROPOSALS],
    decisionProcess: ['Ordföranden ställer proposition på förvaltningens förslag och finner det bifallet.'],
    reservations: [{ who: 'Exempel Ledamot (X)', text: 'Till förmån för eget yrkande.' }],
    justering: { date: '2026-06-23', chair: 'Exempel Ordförande', adjusters: ['Exempel Justerare'] },
    certifiedBy: { name: 'Exempel Sekreterare' },
    sentTo: ['Kommunstyrelsen', 'Äldrenämnden'],
  },
  anslagsbevis: {
    organ: 'Socialnämnden',
    meetingDate: '2024-06-11',
    paragraphs: '§§ 1–15',
    justeringDate: '2024-06-18',
    postedFrom: '2024-06-20',
    postedTo: '2024-07-12',
    protocolKeptAt: 'Socialförvaltningen, registraturen',
    lastAppealDate: '2024-07-11',
    certifiedBy: { name: 'Exempel Sekreterare', title: 'Nämndsekreterare' },
  },
  hemstallan: {
    diarienummer: 'SN 2026/0000',
    date: '2026-06-24',
    from: 'Socialnämnden',
    title: 'Hemställan om att ansluta till Yrkesresan',
    meetingDate: '2026-06-16',
    paragraph: 12,
    request: ['Stockholms stad ansluter till Yrkesresan från och med 2027-07-01.'],
    body: ['Socialnämnden har behandlat ärendet och överlämnar förslaget.'],
    attachments: ['Protokollsutdrag', 'Tjänsteutlåtande'],
  },
  anslutningsavtal: {
    diarienummer: 'SN 2026/0000',
    date: '2027-03-01',
    parties: {
      skr: { name: 'Sveriges Kommuner och Regioner', shortName: 'SKR' },
      municipality: { name: 'Stockholms stad', shortName: 'kommunen' },
    },
    programmeParts: [
      { name: 'Barn och unga', description: 'myndighetsutövning' },
      { name: 'Funktionshinder' },
      { name: 'Skadligt bruk och beroende' },
      { name: 'Äldre' },
    ],
    fees: {
      nationalRateOre: 243,
      regional: null,
      computation: ['Den nationella avgiften beräknas på kommunens invånarantal och faktureras årsvis.'],
    },
    period: { start: '2027-07-01', end: '2028-06-30' },
    terms: [{ heading: 'Uppsägning', blocks: ['Avtalet kan sägas upp enligt vad parterna kommer överens om.'] }],
    signatures: {
      skr: [{ name: 'Exempel Direktör', title: 'Avdelningschef', place: 'Stockholm' }],
      municipality: [{ name: 'Exempel Ordförande', title: 'Ordförande i socialnämnden', date: '2027-03-10' }],
    },
  },
  startbesked: {
    diarienummer: 'SN 2026/0000',
    date: '2027-06-01',
    addressee: 'Socialnämnden',
    startDate: '2027-07-01',
    programmeParts: ['Barn och unga', 'Funktionshinder'],
    body: ['Kontoadministrationen öppnar två veckor före start.'],
    contact: { name: 'Exempel Kontakt', email: 'kontakt@example.se' },
  },
  avgiftsunderlag: {
    diarienummer: 'SN 2026/0000',
    date: '2027-01-15',
    year: 2027,
    municipality: 'Stockholms stad',
    population: { count: 988943, asOf: '2023-12-31', source: 'SCB' },
    national: { rateOre: 243, amountOre: 240313149 },
    regional: { payee: 'StorSthlm', rateOre: 188, amountOre: 185921284 },
    totalOre: 240313149 + 185921284,
  },
  foredragningslista: {
    organ: 'Socialnämnden',
    meetingDate: '2026-06-16',
    time: '13:00',
    place: 'Socialförvaltningen, sammanträdesrummet',
    items: [
      { title: 'Val av justerare' },
      { title: 'Hemställan om att ansluta till Yrkesresan', diarienummer: 'SN 2026/0000', rapporteur: 'Exempel Exempelsson' },
    ],
    chair: 'Exempel Ordförande',
    secretary: 'Exempel Sekreterare',
  },
  kallelse: {
    organ: 'Socialnämnden',
    meetingDate: '2026-06-16',
    time: '13:00',
    place: 'Socialförvaltningen, sammanträdesrummet',
    version: 2,
    changed: true,
    secretary: 'Exempel Sekreterare',
    items: [
      { number: 1, title: 'Upprop och närvaro' },
      { number: 2, title: 'Hemställan om att ansluta till Yrkesresan', diarienummer: 'SN 2026/0000', rapporteur: 'Exempel Exempelsson', proposals: ['Socialnämnden godkänner förslaget.'] },
    ],
  },
  protokoll: {
    organ: 'Socialnämnden',
    meetingDate: '2026-06-16',
    time: '13:00',
    place: 'Socialförvaltningen, sammanträdesrummet',
    paragraphs: '§§ 11–12',
    present: ['Exempel Ordförande (S)', 'Exempel Ledamot (X)'],
    serving: ['Exempel Ersättare (Y) för Exempel Borta (Y)'],
    absent: ['Exempel Borta (Y)'],
    secretary: 'Exempel Sekreterare',
    items: [
      { paragraph: 11, title: 'Upprop och närvaro', decision: ['Närvaron fastställs.'] },
      {
        paragraph: 12,
        title: 'Hemställan om att ansluta till Yrkesresan',
        diarienummer: 'SN 2026/0000',
        yrkanden: [{ who: 'Exempel Ledamot (X)', text: 'avslag.' }],
        propositionsordning: 'Ordföranden ställer förvaltningens förslag mot avslag och finner förslaget bifallet.',
        outcome: 'Bifall',
        decision: ['Socialnämnden godkänner förslaget.'],
        votering: { question: 'Votering begärs.', ja: 'förslaget', nej: 'avslag', votes: [{ member: 'Exempel Ordförande (S)', vote: 'Ja' }, { member: 'Exempel Ledamot (X)', vote: 'Nej' }, { member: 'Exempel Ersättare (Y)', vote: 'Ja' }], result: '2 ja, 1 nej, 0 avstod.' },
        reservations: [{ who: 'Exempel Ledamot (X)', text: 'Till förmån för eget yrkande.' }],
        anteckningar: [{ who: 'Exempel Ersättare (Y)', text: 'Vill att uppföljning sker.' }],
      },
    ],
    justering: { justerat: true, date: '2026-06-20', signers: [{ name: 'Exempel Ordförande', role: 'Ordförande', date: '2026-06-19' }, { name: 'Exempel Justerare', role: 'Justerare', date: '2026-06-20' }] },
  },
};

