/**
 * Archival copies: PDF/A-2b through Ghostscript's pdfwrite (Debian package "ghostscript").
 *
 * Ghostscript drops the structure tree (the tags), so the tagged PDF stays the one that is published and the
 * PDF/A copy is what goes to the e-archive: the register keeps both. The OutputIntent uses the sRGB ICC
 * profile that Ghostscript itself ships (/usr/share/color/icc/ghostscript/srgb.icc on Debian).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import { PDFDocument, PDFHexString, PDFName, PDFRef } from 'pdf-lib';
import { isExecutable as executable } from '../runtime/executable';
import { runAtLowPriority } from '../runtime/background-process';
import { PDFA_2B_ID, xmpPacket } from './xmp';

const run = promisify(execFile);

export class ArchivalError extends Error {
  override name = 'ArchivalError';
}

export interface ArchivalMetadata {
  title: string;
  author?: string;
  subject?: string;
  /** Keywords (Info /Keywords and XMP pdf:Keywords, the same text): e.g. "Tjänsteutlåtande, UTKAST, Version 2" */
  keywords?: string[];
  /** BCP 47, e.g. "sv" */
  lang?: string;
  /** CreationDate/ModDate of the archival copy; default now. */
  date?: Date;
}

export interface ArchivalOptions {
  /** Ghostscript executable; default: BF_GHOSTSCRIPT, then gs on the usual paths. */
  gs?: string;
  /** sRGB ICC profile for the OutputIntent; default: BF_SRGB_ICC, then Ghostscript's and Debian's. */
  iccProfile?: string;
  timeoutMs?: number;
}

const GS_CANDIDATES = ['/usr/bin/gs', '/usr/local/bin/gs', '/opt/homebrew/bin/gs'];
const ICC_CANDIDATES = [
  '/usr/share/color/icc/ghostscript/srgb.icc',
  '/usr/share/color/icc/sRGB.icc',
  '/usr/share/color/icc/colord/sRGB.icc',
  '/usr/share/ghostscript/iccprofiles/srgb.icc',
  '/usr/local/share/ghostscript/iccprofiles/srgb.icc',
  '/opt/homebrew/share/ghostscript/iccprofiles/srgb.icc',
];

export function findGhostscript(env = process.env): string {
  const configured = env.BF_GHOSTSCRIPT;
  if (configured) {
    if (!executable(configured)) throw new ArchivalError(`BF_GHOSTSCRIPT=${configured} är inte ett körbart program.`);
    return configured;
  }
  const found = GS_CANDIDATES.find(executable);
  if (!found) {
    throw new ArchivalError(
      'Ghostscript (gs) saknas, så inga arkivexemplar i PDF/A-2b kan skapas. Installera det (Debian/Ubuntu: "apt-get install ghostscript") eller ange sökvägen i BF_GHOSTSCRIPT.',
    );
  }
  return found;
}

export function findSrgbProfile(env = process.env): string {
  const configured = env.BF_SRGB_ICC;
  if (configured) {
    if (!existsSync(configured)) throw new ArchivalError(`BF_SRGB_ICC=${configured} finns inte.`);
    return configured;
  }
  const found = ICC_CANDIDATES.find((p) => existsSync(p));
  if (!found) {
    throw new ArchivalError(
      'Hittar ingen sRGB-ICC-profil för PDF/A (väntade mig /usr/share/color/icc/ghostscript/srgb.icc från paketet ghostscript). Ange en i BF_SRGB_ICC.',
    );
  }
  return found;
}

/** PostScript string literal for a path: only what PostScript needs escaped. */
function psString(s: string): string {
  return `(${s.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

/**
 * The PDFA_def.ps that Ghostscript's documentation describes: the OutputIntent with the sRGB profile, and /Lang.
 * The document information is not set here: Ghostscript 10.00 discards any DOCINFO string that is not plain
 * ASCII when it writes PDF/A ("cannot be represented in XMP"), so Title, Author, Subject and the matching XMP
 * are written afterwards (stampArchivalMetadata).
 */
export function pdfaDefinition(iccProfile: string, meta: Pick<ArchivalMetadata, 'lang'>): string {
  return [
    '%!',
    `/ICCProfile ${psString(iccProfile)} def`,
    '[/_objdef {icc_PDFA} /type /stream /OBJ pdfmark',
    '[{icc_PDFA} << /N 3 >> /PUT pdfmark',
    '[{icc_PDFA} ICCProfile (r) file /PUT pdfmark',
    '[/_objdef {OutputIntent_PDFA} /type /dict /OBJ pdfmark',
    '[{OutputIntent_PDFA} << /Type /OutputIntent /S /GTS_PDFA1 /DestOutputProfile {icc_PDFA} /OutputConditionIdentifier (sRGB) /Info (sRGB IEC61966-2.1) >> /PUT pdfmark',
    '[{Catalog} << /OutputIntents [ {OutputIntent_PDFA} ] >> /PUT pdfmark',
    ...(meta.lang ? [`[{Catalog} << /Lang ${psString(meta.lang)} >> /PUT pdfmark`] : []),
    '',
  ].join('\n');
}

/** A PDF/A-2b copy of a PDF (Ghostscript pdfwrite). Throws ArchivalError when gs is missing or fails. */
export async function toPdfA2b(pdf: Uint8Array, meta: ArchivalMetadata, opts: ArchivalOptions = {}): Promise<Uint8Array> {
  const gs = opts.gs ?? findGhostscript();
  const icc = opts.iccProfile ?? findSrgbProfile();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bf-pdfa-'));
  try {
    const input = path.join(dir, 'in.pdf');
    const output = path.join(dir, 'out.pdf');
    const def = path.join(dir, 'PDFA_def.ps');
    await writeFile(input, pdf);
    await writeFile(def, pdfaDefinition(icc, meta));
    const args = [
      '-dPDFA=2',
      '-dBATCH',
      '-dNOPAUSE',
      '-dQUIET',
      '-dSAFER',
      `--permit-file-read=${icc}`,
      '-sColorConversionStrategy=RGB',
      '-sDEVICE=pdfwrite',
      '-dPDFACompatibilityPolicy=1',
      '-dEmbedAllFonts=true',
      `-sOutputFile=${output}`,
      def,
      input,
    ];
    try {
      // Background work (an archive copy nobody waits for): below the interactive work in the CPU's queue.
      const gsRun = run(gs, args, { timeout: opts.timeoutMs ?? 60_000, maxBuffer: 4 * 1024 * 1024 });
      runAtLowPriority(gsRun.child);
      await gsRun;
    } catch (err) {
      const e = err as NodeJS.ErrnoException & { stderr?: string; stdout?: string };
      if (e.code === 'ENOENT') throw new ArchivalError(`Ghostscript finns inte på ${gs}.`);
      throw new ArchivalError(`Ghostscript kunde inte skapa PDF/A: ${(e.stderr || e.stdout || e.message).slice(0, 500)}`);
    }
    const out = await readFile(output);
    if (!out.subarray(0, 5).equals(Buffer.from('%PDF-'))) throw new ArchivalError('Ghostscript gav ingen PDF.');
    if (!/pdfaid:part=['"]2['"]/.test(out.toString('latin1'))) {
      throw new ArchivalError('Ghostscript skrev ingen PDF/A-2-identifiering (pdfaid:part 2).');
    }
    return await stampArchivalMetadata(out, meta);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const PRODUCER = 'Beslutsflöde (Ghostscript pdfwrite, PDF/A-2b)';

/** XMP packet for PDF/A-2b whose Dublin Core and PDF properties match the document information dictionary. */
export function pdfaXmp(meta: ArchivalMetadata & { date: Date; producer: string }): string {
  return xmpPacket({ ...meta, identification: [PDFA_2B_ID] });
}

/**
 * Writes Title, Author, Subject, Creator, Producer and dates into the document information dictionary and an
 * XMP packet that says the same (PDF/A requires them to agree), keeping the OutputIntent and the trailer /ID.
 */
export async function stampArchivalMetadata(pdf: Uint8Array, meta: ArchivalMetadata): Promise<Uint8Array> {
  const date = new Date(Math.floor((meta.date ?? new Date()).getTime() / 1000) * 1000);
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  if (meta.author) doc.setAuthor(meta.author);
  if (meta.subject) doc.setSubject(meta.subject);
  // One string in both places (PDF/A: Info and XMP agree); pdf-lib would join an array the same way.
  if (meta.keywords?.length) doc.setKeywords([meta.keywords.join(', ')]);
  doc.setCreator('Beslutsflöde');
  doc.setProducer(PRODUCER);
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  const xmp = Buffer.from(pdfaXmp({ ...meta, date, producer: PRODUCER }), 'utf8');
  // Uncompressed, as PDF/A readers expect to find the packet by scanning.
  const stream = doc.context.stream(xmp, { Type: 'Metadata', Subtype: 'XML', Length: xmp.length });
  const previous = doc.catalog.get(PDFName.of('Metadata'));
  if (previous instanceof PDFRef) doc.context.delete(previous);
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
  const trailer = doc.context.trailerInfo;
  if (!trailer.ID) {
    const id = PDFHexString.of(createHash('sha256').update(pdf).digest('hex').slice(0, 32));
    trailer.ID = doc.context.obj([id, id]);
  }
  return doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
}
