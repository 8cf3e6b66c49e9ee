/**
 * The e-archive package's pure parts (archive/): which documents go in, their direction and signatures, the ERMS and
 * METS against the official XSDs, and the checks on the bytes. The whole path over HTTP, with the E-ARK validator,
 * is test/archive/earkiv.test.ts.
 */
import { createHash } from 'node:crypto';
import { NotClosedError, packageContents } from '../../archive/contents';
import { buildSip } from '../../archive/sip';
import { packageSchemas } from '../../archive/schemas';
import { escapeXml } from '../../archive/xml';
import { validatePackageXml } from '../../archive/validation/xsd';
import type { ArendeState } from '../../domain/arende-state';

const pdf = new Uint8Array(Buffer.from('%PDF-1.7\n% arkivexemplar\n'));
const sha = createHash('sha256').update(pdf).digest('hex');
const doc = (id: string, type: string, title: string, status: 'utkast' | 'slutlig' = 'slutlig', archived = status === 'slutlig') => ({
  id,
  arendeId: 'arende-abcdefgh12',
  type,
  title,
  version: 1,
  handling: type === 'remiss' ? 'remiss|Äldrenämnden' : type,
  status,
  sha256: 'a'.repeat(64),
  size: 10,
  step: 'steg',
  createdAt: '2026-03-01T10:00:00.000Z',
  createdBy: 'Sara Sekreterare (nämndsekreterare)',
  ...(archived ? { archived: { sha256: sha, size: pdf.length } } : {}),
});

function closedState(overrides: Partial<ArendeState> = {}): ArendeState {
  return {
    id: 'arende-abcdefgh12',
    kommunkod: '0180',
    namnd: { kod: 'SN', namn: 'Socialnämnden' },
    program: 'yrkesresan',
    title: 'Anslutning till Yrkesresan <& "citat">',
    diarienummer: 'SN 2026/12',
    stage: 'avslutad',
    caseOfficer: { name: 'Hanna Handläggare', title: 'Utredare' },
    registeredAt: '2026-02-01T09:00:00.000Z',
    history: [{ at: '2026-03-02T10:00:00.000Z', actor: 'system', action: 'stage', text: 'Justering → Avslutat', stage: 'avslutad' }],
    documents: [
      doc('d0', 'tjansteutlatande', 'Tjänsteutlåtande: Anslutning', 'utkast'),
      doc('d1', 'tjansteutlatande', 'Tjänsteutlåtande: Anslutning'),
      doc('d2', 'remiss', 'Remiss till Äldrenämnden'),
      doc('d3', 'yttrande', 'Yttrande från Äldrenämnden'),
      doc('d4', 'protokollsutdrag', 'Protokollsutdrag § 12'),
    ],
    signatures: {
      forvaltningschef: { name: 'Veronica Carstorp Wolgast', title: 'Socialdirektör', at: '2026-02-10T10:00:00.000Z', by: 'x' },
      avdelningschef: { name: 'Lina Blombergsson', title: 'Avdelningschef', at: '2026-02-10T11:00:00.000Z', by: 'x' },
    },
    referrals: [
      {
        recipient: 'Äldrenämnden',
        dueDate: '2026-02-20',
        questions: [],
        sentAt: '2026-02-05T10:00:00.000Z',
        documentId: 'd2',
        answer: { kind: 'yttrande', date: '2026-02-18', by: 'x', documentId: 'd3' },
      },
    ],
    decisions: [
      {
        organ: 'namnd',
        organName: 'Socialnämnden',
        meetingDate: '2026-03-01',
        paragraph: 12,
        outcome: 'avslag',
        decisionText: ['Socialnämnden avslår förslaget.'],
        reservations: [],
        minority: false,
        recordedAt: '2026-03-01T12:00:00.000Z',
        recordedBy: 'x',
        justering: { date: '2026-03-02', chair: 'Ordförande Olsson', adjusters: ['Justerare Jansson'], documentId: 'd4' },
      },
    ],
    kommun: { name: 'Stockholm', officialName: 'Stockholms stad', lanskod: '01', population: 1, populationDate: '2025-12-31' },
    endReason: 'avslag i Socialnämnden 2026-03-01 § 12',
    ...overrides,
  } as ArendeState;
}

const build = (state: ArendeState) => {
  const contents = packageContents(state);
  return buildSip({
    contents,
    pdfs: new Map(contents.records.map((r) => [r.doc.id, pdf])),
    schemas: packageSchemas(),
    software: { name: 'Beslutsflöde', version: '0.1.0' },
    createdAt: '2026-03-03T10:00:00.000Z',
  });
};
const text = (files: ReturnType<typeof build>, suffix: string) => Buffer.from(files.find((f) => f.path.endsWith(suffix))!.bytes).toString('utf8');

describe('archive/ e-archive package', () => {
  it('refuses an ärende that is not in its end state', () => {
    expect(() => packageContents(closedState({ stage: 'justering' }))).toThrow(NotClosedError);
  });

  it('holds every final version with its archive copy, in register order, with direction and recorded signatures', () => {
    const c = packageContents(closedState());
    expect(c.records.map((r) => [r.doc.id, r.direction, r.file.path])).toEqual([
      ['d1', 'internal_memo_for_follow-up', '001-tjansteutlatande-anslutning-v1.pdf'],
      ['d2', 'outgoing', '002-remiss-till-aldrenamnden-v1.pdf'],
      ['d3', 'incoming', '003-yttrande-fran-aldrenamnden-v1.pdf'],
      ['d4', 'outgoing', '004-protokollsutdrag-12-v1.pdf'],
    ]);
    expect(c.records[0].signatures.map((s) => s.name)).toEqual(['Veronica Carstorp Wolgast', 'Lina Blombergsson']);
    expect(c.records[3].signatures.map((s) => s.role)).toEqual(['ordforande', 'justerare']);
    expect(c.closedAt).toBe('2026-03-02T10:00:00.000Z');
  });

  it('lists a final version without an archive copy instead of packing it', () => {
    const state = closedState();
    state.documents.push(doc('d5', 'anslagsbevis', 'Anslagsbevis', 'slutlig', false));
    expect(packageContents(state).missingArchiveCopies.map((d) => d.id)).toEqual(['d5']);
  });

  it('writes ERMS and both METS files that the official XSDs accept, escaping text', async () => {
    const files = build(closedState());
    for (const suffix of ['/METS.xml', 'rep1/METS.xml', 'erms.xml']) {
      const r = await validatePackageXml(suffix, text(files, suffix));
      expect({ suffix, errors: r.errors }).toEqual({ suffix, errors: [] });
    }
    const erms = text(files, 'erms.xml');
    expect(erms).toContain('<title>Anslutning till Yrkesresan &lt;&amp; &quot;citat&quot;&gt;</title>');
    expect(erms).toContain('verifiering="recorded"');
    expect(text(files, '/METS.xml')).toContain('csip:CONTENTINFORMATIONTYPE="citserms_v2_1"');
    expect(escapeXml('a\u0001b')).toBe('ab');
  });

  it('refuses bytes that do not match the register', () => {
    const contents = packageContents(closedState());
    const other = new Uint8Array(Buffer.from('%PDF annat'));
    expect(() =>
      buildSip({
        contents,
        pdfs: new Map(contents.records.map((r) => [r.doc.id, other])),
        schemas: packageSchemas(),
        software: { name: 'B', version: '1' },
        createdAt: '2026-03-03T10:00:00.000Z',
      }),
    ).toThrow(/kontrollsumma/);
  });
});
