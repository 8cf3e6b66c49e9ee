// Longer than 300 lines on purpose: the data of every document the ärende writes, side by side so that their wording stays consistent.
/**
 * The data of each document the process writes (schemas in documents/types/<type>/schema.ts), built from the ärende's
 * state. Pure: the document activity validates, renders and stores.
 */
import type { DocumentInput } from '../documents/types';
import type { RecordAnslag, RecordJustering, RecordReferralAnswer, SendReferrals } from '../domain/actions';
import { feeScheduleForYears, rateTable, type FeeYear } from '../domain/fees';
import { stockholmDate, type IsoDate } from '../domain/iso-date';
import type { MunicipalityBasis } from '../domain/municipalities';
import { officialMunicipalityName } from '../domain/municipality-names';
import { periodFor, type Programme } from '../domain/programmes';
import { agreementFees, agreementParties, feeStatementData, regionalTerms } from './agreement-texts';
import type { AdoptionInput, ArendeState, Decision, MeetingBooking, Referral } from '../domain/arende-state';

/** The basis an agreement or fee statement is written from, as the getMunicipality activity returned it. */
export function kommunBasis(k: MunicipalityBasis): MunicipalityBasis {
  return {
    name: k.name,
    lanskod: k.lanskod,
    population: k.population,
    populationDate: k.populationDate,
    ...(k.rss ? { rss: k.rss } : {}),
    ...(k.officialName ? { officialName: k.officialName } : {}),
    ...(k.lan ? { lan: k.lan } : {}),
    ...(k.nationalRates ? { nationalRates: k.nationalRates } : {}),
  };
}

/**
 * The municipality as it names itself ("Stockholms stad") when given the basis (MunicipalityBasis); from a bare name only the
 * rule ("Kiruna kommun"), so pass the basis wherever there is one.
 */
export function kommunLegalName(kommun: string | { name: string; officialName?: string }): string {
  return officialMunicipalityName(typeof kommun === 'string' ? { name: kommun } : kommun);
}

function upperFirst(s: string): string {
  return s.charAt(0).toLocaleUpperCase('sv') + s.slice(1);
}

function dnr(state: ArendeState): string {
  return state.diarienummer ?? 'Ej diariefört';
}

function referralOutcome(r: Referral): string {
  if (r.answer?.kind === 'yttrande') return `${r.recipient} har lämnat yttrande den ${r.answer.date}.`;
  if (r.answer?.kind === 'avstar') return `${r.recipient} har avstått från att yttra sig.`;
  return `${r.recipient} har inte svarat (sista svarsdag ${r.dueDate}).`;
}

function blockText(b: unknown): string {
  if (typeof b === 'string') return b;
  if (b && typeof b === 'object')
    return Object.values(b as Record<string, unknown>)
      .flat()
      .join(' ');
  return '';
}

/**
 * The referrals the author's own text does not already speak of. A generated line must never repeat or contradict
 * what the author wrote (seed 000: "Förvaltningsgruppen har behandlat ärendet den 3 juni" needs no line of ours);
 * for a body the text does not name, the register's facts are added as a list of their own, labelled as such.
 */
export function referralsNotInText(content: Record<string, unknown>, referrals: Referral[]): Referral[] {
  const text = Object.values(content)
    .flatMap((v) => (Array.isArray(v) ? v.map(blockText) : []))
    .join(' ')
    .toLocaleLowerCase('sv');
  return referrals.filter((r) => !text.includes(r.recipient.toLocaleLowerCase('sv')));
}

function referralBlocks(content: Record<string, unknown>, referrals: Referral[]): TjansteutlatandeBlock[] {
  const unmentioned = referralsNotInText(content, referrals);
  if (unmentioned.length === 0) return [];
  return ['Remisser i ärendet enligt diariet:', { bullets: unmentioned.map(referralOutcome) }];
}

type TjansteutlatandeBlock = NonNullable<DocumentInput['tjansteutlatande']['preparation']>[number];

/** Signatures as recorded: name, title, unit, and the day (Europe/Stockholm) each was given. */
function recordedSignatures(state: ArendeState) {
  const signed = [state.signatures.forvaltningschef, state.signatures.avdelningschef].filter((s): s is NonNullable<typeof s> => s !== undefined);
  return signed.map((s) => ({ name: s.name, title: s.title, ...(s.unit ? { unit: s.unit } : {}), signedAt: stockholmDate(new Date(s.at)) }));
}

/** The tjänsteutlåtande in its current version; signed when both signatures are in. */
export function tjansteutlatandeData(input: AdoptionInput, state: ArendeState, today: IsoDate): DocumentInput['tjansteutlatande'] {
  const { date, ...content } = state.draft.content;
  const signed = recordedSignatures(state);
  return {
    ...content,
    preparation: [...content.preparation, ...referralBlocks(content as Record<string, unknown>, state.referrals)],
    signatures: signed.length > 0 ? signed : content.signatures,
    title: state.title,
    addressee: state.namnd.namn,
    diarienummer: dnr(state),
    date: date && !state.documents.some((d) => d.type === 'tjansteutlatande') ? date : today,
    forvaltning: input.forvaltning,
    avdelning: input.avdelning,
    caseOfficer: input.caseOfficer,
  };
}

export function remissData(
  input: AdoptionInput,
  state: ArendeState,
  referral: SendReferrals['referrals'][number],
  p: SendReferrals,
  today: IsoDate,
): DocumentInput['remiss'] {
  const summary = state.draft.content.summary.filter((b): b is string => typeof b === 'string');
  return {
    diarienummer: dnr(state),
    date: today,
    caseOfficer: input.caseOfficer,
    forvaltning: input.forvaltning,
    avdelning: input.avdelning,
    sender: state.namnd.namn,
    recipients: [referral.recipient],
    // The remiss template prints "Remiss: <title>"; the register's title names the recipient (one remiss per recipient).
    title: state.title,
    body: p.body ? [p.body] : summary.length > 0 ? summary : [`${state.namnd.namn} önskar synpunkter på förslaget "${state.title}".`],
    questions: referral.questions,
    answerBy: referral.dueDate,
    answerTo: p.answerTo,
    attachments: [`Tjänsteutlåtande (${Object.keys(state.signatures).length === 2 ? 'undertecknat' : 'utkast'}, version ${state.draft.version})`],
  };
}

export function yttrandeData(state: ArendeState, referral: Referral, p: RecordReferralAnswer, today: IsoDate): DocumentInput['yttrande'] {
  const blocks = p.answer === 'avstar' ? [`${referral.recipient} avstår från att yttra sig över remissen.`] : p.text;
  return {
    diarienummer: dnr(state),
    date: p.date ?? today,
    addressee: state.namnd.namn,
    sender: referral.recipient,
    referral: { title: state.title, diarienummer: dnr(state), date: referral.sentAt.slice(0, 10), sender: state.namnd.namn },
    title: `Yttrande över remiss: ${state.title}`,
    proposals: p.proposals,
    sections: [{ heading: 'Yttrande', blocks }],
    ...(p.signatory ? { signatures: [p.signatory] } : {}),
  };
}

export function foredragningslistaData(state: ArendeState, m: MeetingBooking, rapporteur?: string): DocumentInput['foredragningslista'] {
  return {
    organ: m.organName,
    meetingDate: m.date,
    time: m.time,
    place: m.place,
    items: [{ title: state.title, diarienummer: dnr(state), ...(rapporteur ? { rapporteur } : {}) }],
  };
}

export function protokollsutdragData(
  state: ArendeState,
  d: Decision,
  p: RecordJustering,
  actor: { name: string; role?: string },
): DocumentInput['protokollsutdrag'] {
  const sentTo = p.sentTo.length > 0 ? p.sentTo : d.organ === 'kf' ? [state.namnd.namn, 'Kommunstyrelsen'] : ['Kommunstyrelsen', state.caseOfficer.name];
  const process = [...(d.decisionProcess ? [d.decisionProcess] : []), ...(d.outcome === 'avslag' ? [`${d.organName} avslog förslaget.`] : [])];
  return {
    organ: d.organName,
    meetingDate: d.meetingDate,
    paragraph: d.paragraph,
    diarienummer: dnr(state),
    title: state.title,
    decision: d.decisionText,
    ...(process.length > 0 ? { decisionProcess: process } : {}),
    reservations: d.reservations,
    justering: { date: p.date, chair: p.chair, adjusters: p.adjusters, immediate: d.immediateJustering === true },
    certifiedBy: p.certifiedBy ? { name: p.certifiedBy.name, title: p.certifiedBy.title } : { name: actor.name, title: actor.role ?? 'Sekreterare' },
    sentTo,
  };
}

export function anslagsbevisData(state: ArendeState, d: Decision, p: RecordAnslag, lastAppealDay: IsoDate): DocumentInput['anslagsbevis'] {
  return {
    organ: d.organName,
    meetingDate: d.meetingDate,
    paragraphs: `§ ${d.paragraph}`,
    diarienummer: dnr(state),
    justeringDate: d.justering?.date ?? d.meetingDate,
    postedFrom: p.date,
    // The notice stays up until the time for appeal has passed (KL 8 kap. 12 §).
    postedTo: lastAppealDay,
    protocolKeptAt: p.protocolKeptAt,
    lastAppealDate: lastAppealDay,
    ...(p.certifiedBy ? { certifiedBy: { name: p.certifiedBy.name, title: p.certifiedBy.title } } : {}),
  };
}

/** "Hemställan om att ansluta till Yrkesresan" → "om att ansluta till Yrkesresan"; another title → "i ärendet <title>". */
function hemstallanSubject(title: string): string {
  const m = /^hemställan\s+(om\s+.+)$/i.exec(title.trim());
  return m ? m[1]! : `i ärendet ${title}`;
}

/** What the nämnd asks kommunfullmäktige to decide (also KS's default förslag to KF). */
export function hemstallanRequest(state: ArendeState): string[] {
  return [`Kommunfullmäktige bifaller hemställan från ${state.namnd.namn} ${hemstallanSubject(state.title)}.`];
}

/**
 * The missive from the nämnd to kommunfullmäktige via kommunstyrelsen (docs/process.md, documents): recipient, diarienummer,
 * subject, the nämnd's decision, what KF is asked to decide, enclosures, and who sends it: the meeting's ordförande
 * and the nämnd's sekreterare (the municipality's look may choose otherwise, hemstallanSignedBy).
 */
export function hemstallanData(
  input: AdoptionInput,
  state: ArendeState,
  d: Decision,
  today: IsoDate,
  secretary?: { name: string; title?: string },
): DocumentInput['hemstallan'] {
  const fc = state.signatures.forvaltningschef;
  return {
    diarienummer: dnr(state),
    date: today,
    caseOfficer: input.caseOfficer,
    forvaltning: input.forvaltning,
    from: state.namnd.namn,
    to: 'Kommunfullmäktige',
    via: 'Kommunstyrelsen',
    title: state.title,
    meetingDate: d.meetingDate,
    paragraph: d.paragraph,
    request: hemstallanRequest(state),
    decision: d.decisionText,
    signatoriesByRole: {
      ...(d.justering ? { ordforande: { name: d.justering.chair, title: 'Ordförande', unit: state.namnd.namn } } : {}),
      ...(secretary ? { sekreterare: { name: secretary.name, title: upperFirst(secretary.title ?? 'Nämndsekreterare'), unit: state.namnd.namn } } : {}),
      ...(fc ? { forvaltningschef: { name: fc.name, title: fc.title, ...(fc.unit ? { unit: fc.unit } : {}) } } : {}),
    },
    attachments: [`Protokollsutdrag ${d.organName} ${d.meetingDate} § ${d.paragraph}`, `Tjänsteutlåtande (undertecknat, version ${state.draft.version})`],
  };
}

/** The basis of the agreement and the fee statements: the municipality's own name, its RSS, the rates in force. */
function feeBasis(programme: Programme, state: ArendeState, kommun: MunicipalityBasis) {
  const period = state.agreement?.period;
  const rates = periodFor(programme, period?.start ?? programme.defaultStart).regionalRates;
  return {
    municipalityName: officialMunicipalityName(kommun),
    table: rateTable(programme.nationalRates, kommun.nationalRates ?? []),
    regional: regionalTerms(rates, kommun.lanskod, kommun.rss, state.policy.regionalOrganisation),
  };
}

export function anslutningsavtalData(programme: Programme, state: ArendeState, kommun: MunicipalityBasis): DocumentInput['anslutningsavtal'] {
  const a = state.agreement;
  if (!a || !a.signedAt) throw new Error('avtalet är inte undertecknat');
  const basis = feeBasis(programme, state, kommun);
  const sig = (party: 'skr' | 'kommun') => {
    const s = a.signatures[party];
    if (!s) throw new Error('underskrift saknas');
    return [{ name: s.name, title: s.title, ...(s.unit ? { unit: s.unit } : {}), ...(s.place ? { place: s.place } : {}), date: s.date }];
  };
  return {
    diarienummer: dnr(state),
    date: a.signedAt,
    title: programme.agreementTitle,
    parties: agreementParties(programme, basis.municipalityName),
    purpose: [programme.purpose],
    programmeParts: programme.parts.map((p) => ({ name: p.name, description: p.description })),
    fees: agreementFees({ programme, table: basis.table, period: a.period, regional: basis.regional, ...(kommun.lan ? { lan: kommun.lan } : {}) }),
    period: { start: a.period.start, end: a.period.end },
    terms: [],
    signatures: { skr: sig('skr'), municipality: sig('kommun') },
  };
}

export function startbeskedData(
  input: AdoptionInput,
  programme: Programme,
  state: ArendeState,
  addressee: string,
  startDate: IsoDate,
  today: IsoDate,
): DocumentInput['startbesked'] {
  return {
    diarienummer: dnr(state),
    date: today,
    caseOfficer: input.caseOfficer,
    forvaltning: input.forvaltning,
    avdelning: input.avdelning,
    addressee,
    title: `Startbesked för ${programme.name}`,
    programme: programme.name,
    startDate,
    programmeParts: programme.parts.map((p) => p.name),
    body: [`Anslutningen till ${programme.name} gäller från och med ${startDate} till och med ${state.agreement?.period.end ?? startDate}.`],
    contact: input.caseOfficer,
  };
}

/** The fee years of the current agreement period (calendar years, pro rata by days). */
export function feeYears(state: ArendeState): FeeYear[] {
  const a = state.agreement;
  if (!a) return [];
  return feeScheduleForYears(a.period.start, a.period.end);
}

export function avgiftsunderlagData(
  programme: Programme,
  state: ArendeState,
  kommun: MunicipalityBasis,
  year: FeeYear,
  today: IsoDate,
): DocumentInput['avgiftsunderlag'] {
  const basis = feeBasis(programme, state, kommun);
  const a = state.agreement;
  return feeStatementData({
    programme,
    diarienummer: dnr(state),
    date: today,
    year,
    municipalityName: basis.municipalityName,
    population: { count: kommun.population, asOf: kommun.populationDate, source: 'SCB, folkmängd' },
    table: basis.table,
    regional: basis.regional,
    agreement: { start: a?.period.start ?? year.from, end: a?.period.end ?? year.to, preliminary: a?.period.preliminary ?? false },
  });
}
