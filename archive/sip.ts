/**
 * The e-archive package (SIP) of a closed ärende as a list of files: E-ARK CSIP 2.1 + SIP 2.1 (FGS Paketstruktur
 * 2.0) with ERMS 2.1 (FGS Ärendehantering 2.0) as descriptive metadata:
 *
 *   <objId>/METS.xml                              the package
 *   <objId>/metadata/descriptive/erms.xml         the ärende in ERMS
 *   <objId>/representations/rep1/METS.xml         the representation
 *   <objId>/representations/rep1/data/*.pdf       the PDF/A-2b archive copies of the final documents
 *   <objId>/schemas/*.xsd                         METS 1.12, xlink, the CSIP/SIP extensions, ERMS 2.1.2
 *   <objId>/documentation/paketbeskrivning.txt    what the package holds, in Swedish
 *
 * Pure apart from hashing: the caller reads the bytes (and checks them against the register).
 */
import { createHash } from 'node:crypto';
import type { PackageContents } from './contents';
import { ermsXml, type ErmsOptions, type Software } from './erms';
import { packageMets, representationMets, type MetsHeader, type PackagedFile } from './mets';
import { cryptographicVerification, noCryptographicVerification, type CryptographicVerifier } from './signatures';

export interface SipFile {
  path: string;
  bytes: Uint8Array;
}

export interface SipInput {
  contents: PackageContents;
  /** The archive copies' bytes by document id. */
  pdfs: Map<string, Uint8Array>;
  /** The schema files to ship (file name → bytes). */
  schemas: Map<string, Uint8Array>;
  software: Software;
  createdAt: string;
  verifier?: CryptographicVerifier;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

/** The root folder and OBJID: the ärende's id (unique in the installation, safe in a path). */
export const packageId = (c: PackageContents) => `beslutsflode-${c.state.id}`;

function describe(c: PackageContents, objId: string, software: Software, createdAt: string): string {
  const s = c.state;
  const lines = [
    `E-arkivpaket (FGS Paketstruktur 2.0 / E-ARK SIP 2.1) för ärendet ${s.diarienummer ?? s.id}: ${s.title}`,
    '',
    `Paket-id: ${objId}`,
    `Skapat: ${createdAt} av ${software.name} ${software.version}`,
    `Kommun: ${s.kommun?.officialName ?? s.kommun?.name ?? s.kommunkod} (${s.kommunkod}), ${s.namnd.namn} (diarieserie ${s.namnd.kod})`,
    `Ärendet avslutades: ${c.closedAt}${s.endReason ? ` (${s.endReason})` : ''}`,
    '',
    'Innehåll:',
    '- METS.xml: paketets METS (E-ARK CSIP 2.1, SIP 2.1), innehållstyp citserms_v2_1.',
    '- metadata/descriptive/erms.xml: ärendet enligt FGS Ärendehantering 2.0 (E-ARK CITS ERMS 2.1): diarienummer,',
    '  klassificering, parter, datum, beslut och varje handling med typ, datum, riktning och underskrifter.',
    '- representations/rep1/: arkivexemplar i PDF/A-2b av varje slutlig version, med egen METS.xml.',
    '- schemas/: XML-scheman som filerna följer (METS 1.12, xlink, E-ARK CSIP/SIP-tillägg, ERMS 2.1.2).',
    '',
    'Kontrollsummor (SHA-256) står i METS-filerna och är desamma som i Beslutsflödes dokumentregister.',
    'Underskrifter är registrerade i processen; om en kryptografisk kontroll gjorts står det i erms.xml (verifiering).',
    '',
    `Handlingar (${c.records.length}):`,
    ...c.records.map((r) => `- ${r.file.path}: ${r.doc.title}, version ${r.version}, ${r.doc.createdAt}`),
  ];
  return `${lines.join('\n')}\n`;
}

function packaged(path: string, bytes: Uint8Array, mimeType: string, created: string): PackagedFile {
  return { path, mimeType, size: bytes.length, sha256: sha256(bytes), created };
}

/** Every file of the package, paths under the root folder <objId>/. */
export function buildSip(input: SipInput): SipFile[] {
  const { contents: c, createdAt, software } = input;
  const objId = packageId(c);
  const verifier = input.verifier ?? noCryptographicVerification;
  const header: MetsHeader = {
    objId,
    label: `${c.state.diarienummer ?? c.state.id} ${c.state.title}`,
    createdAt,
    software,
    submitter: c.state.kommun?.officialName ?? c.state.kommun?.name ?? `Kommun ${c.state.kommunkod}`,
    submitterId: `kommunkod ${c.state.kommunkod}`,
  };
  const files: SipFile[] = [];
  const add = (path: string, bytes: Uint8Array) => files.push({ path: `${objId}/${path}`, bytes });

  const data: PackagedFile[] = c.records.map((r) => {
    const pdf = input.pdfs.get(r.doc.id);
    if (!pdf) throw new Error(`Arkivexemplaret av ${r.doc.id} saknas`);
    if (sha256(pdf) !== r.file.sha256) throw new Error(`Arkivexemplaret av ${r.doc.id} stämmer inte med dokumentregistrets kontrollsumma`);
    add(`representations/rep1/data/${r.file.path}`, pdf);
    return packaged(`data/${r.file.path}`, pdf, 'application/pdf', r.doc.createdAt);
  });
  const repMets = utf8(representationMets(header, data));
  add('representations/rep1/METS.xml', repMets);

  const ermsOptions: ErmsOptions = {
    software,
    createdAt,
    packageId: objId,
    verify: (r, s) => cryptographicVerification(verifier, r.doc, s, input.pdfs.get(r.doc.id)!),
  };
  const erms = utf8(ermsXml(c, ermsOptions));
  add('metadata/descriptive/erms.xml', erms);

  const schemas = [...input.schemas].map(([name, bytes]) => {
    add(`schemas/${name}`, bytes);
    return packaged(`schemas/${name}`, bytes, 'text/xml', createdAt);
  });
  const doc = utf8(describe(c, objId, software, createdAt));
  add('documentation/paketbeskrivning.txt', doc);

  const mets = packageMets({
    header,
    descriptive: [packaged('metadata/descriptive/erms.xml', erms, 'text/xml', createdAt)],
    documentation: [packaged('documentation/paketbeskrivning.txt', doc, 'text/plain', createdAt)],
    schemas,
    representationMets: packaged('representations/rep1/METS.xml', repMets, 'text/xml', createdAt),
  });
  add('METS.xml', utf8(mets));
  return files;
}
