import { z } from 'zod';
import { actorSchema, requestIdSchema } from './actions';
import { isoDateSchema } from './iso-date';
import { line, text } from './text';

/**
 * Incoming and drawn-up documents (handlingar) of an ärende (OSL 5 kap. 1 §: registered without delay with date,
 * sender or recipient and a short description). A bilaga is stored as the bytes it arrived in; the server never
 * opens, renders or runs it. Only the types a nämnd receives in practice: PDF, Word (.docx), PNG and JPEG images.
 */
export const ATTACHMENT_TYPES = {
  'application/pdf': { label: 'PDF', extensions: ['pdf'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { label: 'Word (.docx)', extensions: ['docx'] },
  'image/png': { label: 'PNG-bild', extensions: ['png'] },
  'image/jpeg': { label: 'JPEG-bild', extensions: ['jpg', 'jpeg'] },
} as const;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

export const DEFAULT_MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

export function isAttachmentType(t: string): t is AttachmentType {
  return Object.hasOwn(ATTACHMENT_TYPES, t);
}

/** "PDF, Word (.docx), PNG-bild eller JPEG-bild" */
export const ATTACHMENT_TYPE_LIST = (() => {
  const labels = Object.values(ATTACHMENT_TYPES).map((t) => t.label);
  return `${labels.slice(0, -1).join(', ')} eller ${labels[labels.length - 1]}`;
})();

/** The type the file's first bytes say it is (magic numbers), whatever its name or the browser claimed. */
export function detectAttachmentType(bytes: Uint8Array): AttachmentType | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  // A .docx is a ZIP (OOXML) with the main part word/document.xml; the name is in the local header and the directory.
  if (b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) && b.includes('word/document.xml', 0, 'latin1')) {
    return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  }
  return undefined;
}

/** The declared type: the browser's media type, or (for application/octet-stream and the like) the file name's extension. */
export function declaredAttachmentType(mediaType: string | undefined, fileName: string): string {
  const t = (mediaType ?? '').split(';')[0].trim().toLowerCase();
  if (t === 'image/jpg' || t === 'image/pjpeg') return 'image/jpeg';
  if (t && t !== 'application/octet-stream' && t !== 'binary/octet-stream') return t;
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(fileName)?.[1]?.toLowerCase();
  const byExt = Object.entries(ATTACHMENT_TYPES).find(([, v]) => (v.extensions as readonly string[]).includes(ext ?? ''));
  return byExt ? byExt[0] : t || 'application/octet-stream';
}

export type AttachmentProblem =
  | { status: 415; code: 'UNSUPPORTED_FILE_TYPE'; message: string }
  | { status: 415; code: 'FILE_CONTENT_MISMATCH'; message: string }
  | { status: 400; code: 'VALIDATION_FAILED'; message: string };

/** Why the file is refused, or its (checked) type: declared type allowed, and the bytes are what it says. */
export function checkAttachment(declared: string, bytes: Uint8Array): AttachmentProblem | { type: AttachmentType } {
  if (bytes.byteLength === 0) return { status: 400, code: 'VALIDATION_FAILED', message: 'filen är tom' };
  if (!isAttachmentType(declared)) {
    return { status: 415, code: 'UNSUPPORTED_FILE_TYPE', message: `Filtypen tas inte emot. Skicka en fil av typen ${ATTACHMENT_TYPE_LIST}.` };
  }
  const actual = detectAttachmentType(bytes);
  if (actual !== declared) {
    return {
      status: 415,
      code: 'FILE_CONTENT_MISMATCH',
      message: `Filens innehåll är inte ${ATTACHMENT_TYPES[declared].label}, som filnamnet eller webbläsaren säger. Kontrollera filen och skicka den igen.`,
    };
  }
  return { type: actual };
}

/** A safe file name to keep and to offer back: no path, no control characters, at most 120 characters. */
export function safeFileName(name: string, type: AttachmentType): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are what this removes
    .replace(/[\u0000-\u001f\u007f-\u009f"<>:|?*\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .trim()
    .slice(-120);
  return cleaned && /\.[A-Za-z0-9]+$/.test(cleaned) ? cleaned : `bilaga.${ATTACHMENT_TYPES[type].extensions[0]}`;
}

export const DIRECTIONS = ['inkommande', 'upprattad'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const DIRECTION_LABELS: Record<Direction, string> = { inkommande: 'Inkommande', upprattad: 'Upprättad' };

/** The register fields that come with an upload (form fields beside the file). */
export const handlingFieldsShape = {
  requestId: requestIdSchema,
  direction: z.enum(DIRECTIONS, { error: "måste vara 'inkommande' eller 'upprattad'" }),
  /** The day it arrived (inkommande) or was drawn up (upprättad); default today. */
  date: isoDateSchema.optional(),
  /** Who sent it (inkommande: required) or who drew it up. */
  sender: line(200).optional(),
  description: line(300),
  /** Register it as this remissinstans' answer (a yttrande that arrived as a file). */
  referralRecipient: line(200).optional(),
};
export const handlingFieldsSchema = z.object(handlingFieldsShape).superRefine((d, ctx) => {
  if (d.direction === 'inkommande' && !d.sender) ctx.addIssue({ code: 'custom', path: ['sender'], message: 'ange vem handlingen kom från' });
});
export type HandlingFields = z.infer<typeof handlingFieldsSchema>;

/** What the handlingar workflow's update takes: the fields plus the stored file (staged in the document store). */
export const registerHandlingSchema = z.object({
  ...handlingFieldsShape,
  actor: actorSchema,
  date: isoDateSchema,
  fileName: line(200),
  contentType: z.enum(Object.keys(ATTACHMENT_TYPES) as [AttachmentType, ...AttachmentType[]]),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().positive(),
  comment: text(2_000).optional(),
});
export type RegisterHandling = z.infer<typeof registerHandlingSchema>;
