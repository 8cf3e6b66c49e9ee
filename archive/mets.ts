/**
 * The METS files of the package (E-ARK CSIP 2.1 + SIP 2.1 = FGS Paketstruktur 2.0): the package METS.xml with the
 * ERMS descriptive metadata, the documentation, the schemas and a pointer to the representation, and the
 * representation's own METS.xml with its PDF/A files. Every file has its size and SHA-256.
 */
import { el, xmlDocument, type XmlElement } from './xml';

export const CSIP_PROFILE = 'https://earksip.dilcis.eu/profile/E-ARK-SIP.xml';

export interface PackagedFile {
  /** Path from the METS file's folder, '/'-separated. */
  path: string;
  mimeType: string;
  size: number;
  sha256: string;
  created: string;
}

export interface MetsHeader {
  objId: string;
  label: string;
  createdAt: string;
  software: { name: string; version: string };
  /** The organisation that submits the package (the municipality). */
  submitter: string;
  /** The submitter's identification code (the municipality's kommunkod). */
  submitterId: string;
}

const NS = {
  'xmlns:mets': 'http://www.loc.gov/METS/',
  'xmlns:xlink': 'http://www.w3.org/1999/xlink',
  'xmlns:csip': 'https://DILCIS.eu/XML/METS/CSIPExtensionMETS',
  'xmlns:sip': 'https://DILCIS.eu/XML/METS/SIPExtensionMETS',
  'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
};

/** METS IDs are xs:ID: a letter first, then letters, digits, '-', '_' and '.'. */
export const metsId = (prefix: string, path: string) => `${prefix}-${path.replace(/[^A-Za-z0-9._-]/g, '_')}`;

function root(h: MetsHeader, schemaLocation: string, ...children: XmlElement[]): XmlElement {
  return el(
    'mets:mets',
    {
      ...NS,
      'xsi:schemaLocation': `http://www.loc.gov/METS/ ${schemaLocation}mets.xsd http://www.w3.org/1999/xlink ${schemaLocation}xlink.xsd https://DILCIS.eu/XML/METS/CSIPExtensionMETS ${schemaLocation}DILCISExtensionMETS.xsd https://DILCIS.eu/XML/METS/SIPExtensionMETS ${schemaLocation}DILCISExtensionSIPMETS.xsd`,
      OBJID: h.objId,
      LABEL: h.label,
      TYPE: 'Textual works – Digital',
      'csip:CONTENTINFORMATIONTYPE': 'citserms_v2_1',
      PROFILE: CSIP_PROFILE,
    },
    ...children,
  );
}

function header(h: MetsHeader): XmlElement {
  return el(
    'mets:metsHdr',
    { CREATEDATE: h.createdAt, LASTMODDATE: h.createdAt, RECORDSTATUS: 'NEW', 'csip:OAISPACKAGETYPE': 'SIP' },
    el(
      'mets:agent',
      { ROLE: 'CREATOR', TYPE: 'OTHER', OTHERTYPE: 'SOFTWARE' },
      el('mets:name', {}, h.software.name),
      el('mets:note', { 'csip:NOTETYPE': 'SOFTWARE VERSION' }, h.software.version),
    ),
    // SIP 2.1 submitting agent (SIP11-SIP14); docs/archival.md on why eark-validator reports SIP14 and CSIP12-16 here.
    el(
      'mets:agent',
      { ROLE: 'CREATOR', TYPE: 'ORGANIZATION' },
      el('mets:name', {}, h.submitter),
      el('mets:note', { 'csip:NOTETYPE': 'IDENTIFICATIONCODE' }, h.submitterId),
    ),
  );
}

function file(prefix: string, f: PackagedFile): XmlElement {
  return el(
    'mets:file',
    { ID: metsId(prefix, f.path), MIMETYPE: f.mimeType, SIZE: f.size, CREATED: f.created, CHECKSUM: f.sha256, CHECKSUMTYPE: 'SHA-256' },
    el('mets:FLocat', { LOCTYPE: 'URL', 'xlink:type': 'simple', 'xlink:href': f.path }),
  );
}

const fptr = (prefix: string, f: PackagedFile) => el('mets:fptr', { FILEID: metsId(prefix, f.path) });

export interface PackageMetsInput {
  header: MetsHeader;
  descriptive: PackagedFile[];
  documentation: PackagedFile[];
  schemas: PackagedFile[];
  /** The representation's METS.xml, path representations/rep1/METS.xml. */
  representationMets: PackagedFile;
}

/** The package's root METS.xml. */
export function packageMets(p: PackageMetsInput): string {
  const dmd = p.descriptive.map((f) =>
    el(
      'mets:dmdSec',
      { ID: metsId('dmd', f.path), CREATED: f.created, STATUS: 'CURRENT' },
      el('mets:mdRef', {
        LOCTYPE: 'URL',
        'xlink:type': 'simple',
        'xlink:href': f.path,
        MDTYPE: 'OTHER',
        OTHERMDTYPE: 'ERMS',
        MIMETYPE: f.mimeType,
        SIZE: f.size,
        CREATED: f.created,
        CHECKSUM: f.sha256,
        CHECKSUMTYPE: 'SHA-256',
      }),
    ),
  );
  const rep = p.representationMets;
  const fileSec = el(
    'mets:fileSec',
    { ID: 'filesec' },
    el('mets:fileGrp', { ID: 'grp-documentation', USE: 'Documentation' }, ...p.documentation.map((f) => file('file', f))),
    el('mets:fileGrp', { ID: 'grp-schemas', USE: 'Schemas' }, ...p.schemas.map((f) => file('file', f))),
    el('mets:fileGrp', { ID: 'grp-rep1', USE: 'Representations/rep1', 'csip:CONTENTINFORMATIONTYPE': 'citserms_v2_1' }, file('file', rep)),
  );
  const structMap = el(
    'mets:structMap',
    { ID: 'structmap-csip', TYPE: 'PHYSICAL', LABEL: 'CSIP' },
    el(
      'mets:div',
      { ID: 'div-root', LABEL: p.header.objId },
      el('mets:div', { ID: 'div-metadata', LABEL: 'Metadata', DMDID: p.descriptive.map((f) => metsId('dmd', f.path)).join(' ') }),
      el('mets:div', { ID: 'div-documentation', LABEL: 'Documentation' }, ...p.documentation.map((f) => fptr('file', f))),
      el('mets:div', { ID: 'div-schemas', LABEL: 'Schemas' }, ...p.schemas.map((f) => fptr('file', f))),
      el(
        'mets:div',
        { ID: 'div-rep1', LABEL: 'Representations/rep1' },
        el('mets:mptr', { LOCTYPE: 'URL', 'xlink:type': 'simple', 'xlink:href': rep.path, 'xlink:title': metsId('file', rep.path) }),
      ),
    ),
  );
  return xmlDocument(root(p.header, 'schemas/', header(p.header), ...dmd, fileSec, structMap));
}

/** The representation's METS.xml (representations/rep1/METS.xml): its data files, paths from its own folder. */
export function representationMets(header: MetsHeader, data: PackagedFile[]): string {
  const fileSec = el(
    'mets:fileSec',
    { ID: 'filesec-rep1' },
    el(
      'mets:fileGrp',
      { ID: 'grp-data', USE: 'Representations/rep1/Data', 'csip:CONTENTINFORMATIONTYPE': 'citserms_v2_1' },
      ...data.map((f) => file('file', f)),
    ),
  );
  const structMap = el(
    'mets:structMap',
    { ID: 'structmap-rep1', TYPE: 'PHYSICAL', LABEL: 'CSIP' },
    el('mets:div', { ID: 'div-rep1-root', LABEL: header.objId }, el('mets:div', { ID: 'div-data', LABEL: 'Data' }, ...data.map((f) => fptr('file', f)))),
  );
  return xmlDocument(
    root(
      header,
      '../../schemas/',
      el(
        'mets:metsHdr',
        { CREATEDATE: header.createdAt, LASTMODDATE: header.createdAt, RECORDSTATUS: 'NEW', 'csip:OAISPACKAGETYPE': 'SIP' },
        el(
          'mets:agent',
          { ROLE: 'CREATOR', TYPE: 'OTHER', OTHERTYPE: 'SOFTWARE' },
          el('mets:name', {}, header.software.name),
          el('mets:note', { 'csip:NOTETYPE': 'SOFTWARE VERSION' }, header.software.version),
        ),
      ),
      fileSec,
      structMap,
    ),
  );
}
