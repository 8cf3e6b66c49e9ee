/**
 * The ERMS XML of a closed ärende (E-ARK CITS ERMS 2.1, schema 2.1.2 = Riksarkivet's FGS Ärendehantering 2.0): one
 * aggregation of type caseFile (the ärende: diarienummer, classification by the nämnd's diarieserie, parties, dates,
 * decisions) with one record per final version of every handling (type, date, direction, agents, signatures and
 * their verification, the path of its PDF/A file). Element order follows ERMS.xsd (archive/schemas/).
 */
import { STAGE_LABELS } from '../domain/stages';
import type { ArendeState } from '../domain/arende-state';
import type { PackageContents, PackageRecord } from './contents';
import type { RecordedSignature, SignatureVerification } from './signatures';
import { el, xmlDocument, type XmlElement } from './xml';

export const ERMS_NS = 'https://DILCIS.eu/XML/ERMS';
/** Beslutsflöde's own elements inside ERMS's open slots (signature details): a URN, no schema of its own. */
export const BF_NS = 'urn:beslutsflode:earkiv:1';

export interface Software {
  name: string;
  version: string;
}

export interface ErmsOptions {
  software: Software;
  /** When the package is made (ISO 8601). */
  createdAt: string;
  /** The package's id (METS OBJID). */
  packageId: string;
  verify: (record: PackageRecord, signature: RecordedSignature) => SignatureVerification;
}

const OUTCOME: Record<string, string> = { bifall: 'Bifall', avslag: 'Avslag', aterremiss: 'Återremiss', bordlaggning: 'Bordläggning' };
const ROLE: Record<string, string> = {
  forvaltningschef: 'Förvaltningschef',
  avdelningschef: 'Avdelningschef',
  kommun: 'Kommunen',
  skr: 'Sveriges Kommuner och Regioner',
  ordforande: 'Ordförande (justering)',
  justerare: 'Justerare',
};

/** xs:dateTime from an ISO date or date-time (a bare date is noon Swedish time: the day is what is known). */
const dateTime = (v: string) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T12:00:00+01:00` : v);
const date = (dateType: string, v: string | undefined) => (v ? el('date', { dateType }, dateTime(v)) : undefined);

function kommunName(state: ArendeState): string {
  return state.kommun?.officialName ?? state.kommun?.name ?? `Kommun ${state.kommunkod}`;
}

function agent(agentType: string, name: string, extra: { organisation?: string; unitName?: string; role?: string; id?: string } = {}): XmlElement {
  return el(
    'agent',
    { agentType },
    el('name', {}, name),
    extra.organisation ? el('organisation', {}, extra.organisation) : undefined,
    extra.unitName ? el('unitName', {}, extra.unitName) : undefined,
    extra.id ? el('idNumber', { idNumberType: 'kommunkod' }, extra.id) : undefined,
    extra.role ? el('role', {}, extra.role) : undefined,
  );
}

function control(state: ArendeState, o: ErmsOptions): XmlElement {
  return el(
    'control',
    {},
    el('identification', { identificationType: 'FGS-paket' }, o.packageId),
    el(
      'maintenanceInformation',
      {},
      el('maintenanceStatus', { value: 'new' }),
      el('maintenanceAgency', {}, el('agencyName', {}, kommunName(state))),
      el(
        'maintenanceHistory',
        {},
        el(
          'maintenanceEvent',
          {},
          el('eventType', { value: 'created' }),
          el('eventDateTime', {}, o.createdAt),
          el('agent', { agentType: 'other', otherAgentType: 'software' }, el('name', {}, `${o.software.name} ${o.software.version}`)),
        ),
      ),
    ),
  );
}

function signatureElement(r: PackageRecord, s: RecordedSignature, v: SignatureVerification): XmlElement {
  return el(
    'eSignature',
    { present: true, dateeSignatureIsVerified: v.verifiedAt },
    el(
      'signature',
      {},
      el('bf:underskrift', {
        'xmlns:bf': BF_NS,
        roll: s.role,
        rollnamn: ROLE[s.role] ?? s.role,
        namn: s.name,
        titel: s.title,
        tidpunkt: s.at,
        verifiering: v.status,
        metod: v.method,
        dokument: r.file.path,
      }),
    ),
  );
}

function record(state: ArendeState, r: PackageRecord, o: ErmsOptions): XmlElement {
  const d = r.doc;
  const sender = r.direction === 'incoming' ? (d.title.match(/från (.+)$/)?.[1] ?? d.createdBy) : kommunName(state);
  const receiver =
    r.direction === 'outgoing' ? (d.type === 'anslutningsavtal' ? 'Sveriges Kommuner och Regioner' : d.title.match(/till (.+)$/)?.[1]) : undefined;
  return el(
    'record',
    { systemIdentifier: d.id, recordType: d.type, recordPhysicalOrDigital: 'digitial' },
    el('objectId', {}, `${state.diarienummer ?? state.id}:${d.id}`),
    el('extraId', { extraIdType: 'handling' }, r.handling),
    el('extraId', { extraIdType: 'version' }, String(r.version)),
    el('extraId', { extraIdType: 'sha256' }, d.sha256),
    el('title', {}, d.title),
    el('status', { value: 'closed' }),
    el('direction', { directionDefinition: r.direction }),
    el(
      'agents',
      {},
      agent('creator', d.createdBy, { organisation: kommunName(state) }),
      agent('sender', sender ?? kommunName(state)),
      receiver ? agent('receiver', receiver) : undefined,
      ...r.signatures.map((s, i) =>
        agent(i === 0 ? 'main_signatory' : 'other_signatory', s.name, { role: s.title ? `${ROLE[s.role] ?? s.role}: ${s.title}` : (ROLE[s.role] ?? s.role) }),
      ),
    ),
    el('description', {}, `${d.title} (version ${r.version}, skapad i steget ${d.step})`),
    el(
      'dates',
      {},
      date('created', d.createdAt),
      date(r.direction === 'incoming' ? 'received' : r.direction === 'outgoing' ? 'sent' : 'prepared', d.createdAt),
    ),
    r.signatures.length > 0 ? el('eSignatures', {}, ...r.signatures.map((s) => signatureElement(r, s, o.verify(r, s)))) : undefined,
    el(
      'additionalInformation',
      {},
      el('appendix', {
        disposable: false,
        name: r.file.path,
        description: `Arkivexemplar (PDF/A-2b) av ${d.title}, version ${r.version}`,
        fileFormat: 'PDF/A-2b',
        originalFileFormat: 'PDF/UA-1 (taggad PDF)',
        path: `representations/rep1/data/${r.file.path}`,
        eSignatureHasExisted: r.signatures.length > 0,
      }),
    ),
  );
}

function caseFile(c: PackageContents, o: ErmsOptions): XmlElement {
  const s = c.state;
  const decisions = s.decisions ?? [];
  const parties = new Set<string>(['Sveriges Kommuner och Regioner', ...(s.referrals ?? []).map((r) => r.recipient)]);
  return el(
    'aggregation',
    { systemIdentifier: s.id, aggregationType: 'caseFile' },
    el('objectId', {}, s.diarienummer ?? s.id),
    el('extraId', { extraIdType: 'arende_id' }, s.id),
    el('classification', { classificationCode: s.namnd.kod, fullyQualifiedClassificationCode: `${s.kommunkod}/${s.namnd.kod}` }, s.namnd.namn),
    el('keywords', {}, el('keyword', {}, s.program), el('keyword', {}, 'anslutning')),
    el('title', {}, s.title),
    el('status', { value: 'closed' }),
    el(
      'agents',
      {},
      agent('owner', kommunName(s), { organisation: kommunName(s), unitName: s.namnd.namn, id: s.kommunkod }),
      agent('responsible_person', s.caseOfficer.name, { organisation: kommunName(s), role: s.caseOfficer.title }),
      ...[...parties].map((p) => agent('counterpart', p)),
    ),
    el('description', {}, `Avslutat ${c.closedAt.slice(0, 10)}${s.endReason ? `: ${s.endReason}` : ''} (skede: ${STAGE_LABELS[s.stage]})`),
    el(
      'dates',
      {},
      date('created', s.registeredAt),
      date('opened', s.registeredAt),
      ...decisions.map((d) => date('decision', d.meetingDate)),
      date('closed', c.closedAt),
    ),
    ...decisions.map((d) =>
      el(
        'action',
        {},
        el(
          'actionText',
          {},
          `${d.organName} ${d.meetingDate} § ${d.paragraph}: ${OUTCOME[d.outcome] ?? d.outcome}${d.decisionText.length ? ` – ${d.decisionText.join(' ')}` : ''}`,
        ),
        d.reason ? el('actionMotivation', {}, d.reason) : undefined,
        el('actionType', {}, 'beslut'),
        el('dates', {}, el('actionDate', { dateType: 'decision' }, dateTime(d.meetingDate))),
      ),
    ),
    ...c.records.map((r) => record(s, r, o)),
  );
}

/** The ERMS XML document of the package. */
export function ermsXml(c: PackageContents, o: ErmsOptions): string {
  return xmlDocument(el('erms', { xmlns: ERMS_NS }, control(c.state, o), el('aggregations', {}, caseFile(c, o))));
}
