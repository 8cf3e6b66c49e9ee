// Longer than 300 lines on purpose: the document store contract and its file implementation, which must change together.
import { createHash, randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { DocumentRef } from '../domain/documents/ref';

/** One entry of the document register, an allmän handling never changed once written: the reference the workflows
 * keep (domain/documents/ref.ts) and the stored input's hash and archival copy. */
export interface DocumentRecord extends Omit<DocumentRef, 'archived'> {
  /** SHA-256 of the JSON input that produced the document; the input itself is kept beside it (getInput). */
  inputSha256: string;
  /** Archival PDF/A-2b copy, when one was made; with the cryptographic signatures in it, in signing order. */
  archival?: { sha256: string; size: number; createdAt?: string; signatures?: DocumentSignature[] };
}

/** One cryptographic signature in a PDF, as the register keeps it (signing/pdf-signer.ts makes them). */
export interface DocumentSignature {
  /** The signature field in the PDF ("Underskrift1", "Underskrift2", … in signing order). */
  field: string;
  name: string;
  title: string;
  /** The role signed in: 'kommun', 'skr', 'ordforande', 'justerare'. */
  role: string;
  organisation?: string;
  reason: string;
  location: string;
  /** When the signature was made (the signature dictionary's /M), ISO 8601. */
  signedAt: string;
  /** The signer certificate: subject and issuer (RFC 4514) and its SHA-256 fingerprint. */
  certificate: { subject: string; issuer: string; sha256: string };
  /** 'pades-b-b': ETSI.CAdES.detached with the signing-certificate-v2 attribute. */
  level: 'pades-b-b';
  /** The provider that made it ('lokal': the installation's local test CA). */
  provider: string;
}

export type NewDocument = Omit<DocumentRecord, 'sha256' | 'size' | 'inputSha256' | 'archival'>;

export interface DocumentStore {
  /**
   * Stores bytes, input and record. Idempotent for the same id (a retried activity gets the first record back);
   * a different document under a used id, or a second document with the same ärende, type and version, is refused.
   */
  put(record: NewDocument, bytes: Uint8Array, input: unknown): Promise<DocumentRecord>;
  /**
   * Adds the archival copy to a record, once, with the signatures in it (if any); a second call returns the record
   * with the first copy.
   */
  putArchival(id: string, bytes: Uint8Array, createdAt?: string, signatures?: DocumentSignature[]): Promise<DocumentRecord>;
  getRecord(id: string): Promise<DocumentRecord | undefined>;
  /**
   * Stores bytes alone under their SHA-256 (an upload waiting for its register entry: put with the same bytes later
   * makes it a document); idempotent, and harmless if never registered. Returns the SHA-256.
   */
  putBlob(bytes: Uint8Array): Promise<string>;
  getBytes(sha256: string): Promise<Uint8Array | undefined>;
  getInput(inputSha256: string): Promise<unknown>;
  /** Records whose document or archival copy has these bytes (tell which by comparing sha256 / archival.sha256). */
  findByHash(sha256: string): Promise<DocumentRecord[]>;
  /** Every document of an ärende, oldest first. */
  listByArende(arendeId: string): Promise<DocumentRecord[]>;
}

export class ImmutableDocumentError extends Error {
  override name = 'ImmutableDocumentError';
}

/** The document a version number already belongs to: a new version must take the next number. */
function versionTakenError(partial: { type: string; version: number; handling?: string }, holder: string): ImmutableDocumentError {
  const of = partial.handling ? `handlingen ${partial.handling}` : `dokumenttypen ${partial.type}`;
  return new ImmutableDocumentError(`Ärendet har redan version ${partial.version} av ${of} (dokument ${holder}); en ny version måste få nästa nummer.`);
}

/**
 * Whether a second store of the same id is the same document: a retried activity may produce other bytes (or the
 * same bytes from other input); either is the same document. Otherwise ImmutableDocumentError.
 */
function assertSameDocument(existing: DocumentRecord, attempt: DocumentRecord): void {
  const sameDocument =
    existing.arendeId === attempt.arendeId &&
    existing.type === attempt.type &&
    existing.version === attempt.version &&
    existing.handling === attempt.handling &&
    (existing.sha256 === attempt.sha256 || existing.inputSha256 === attempt.inputSha256);
  if (!sameDocument) {
    throw new ImmutableDocumentError(`Dokument ${existing.id} finns redan med annat innehåll; en ny version är ett nytt dokument.`);
  }
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const HEX64 = /^[0-9a-f]{64}$/;
const SAFE_ID = /^[A-Za-z0-9_-]{1,100}$/;
const SAFE_TYPE = /^[a-z0-9-]{1,40}$/;

interface ArchivalEntry {
  sha256: string;
  size: number;
  createdAt: string;
  signatures?: DocumentSignature[];
}

/**
 * What the document register needs of a storage: objects under '/'-separated keys, each written once and never
 * replaced. The file system (FileObjects, below) and an S3 bucket (s3-store.ts) provide it.
 */
export interface WriteOnceObjects {
  /** Writes the object unless the key exists; true when this call wrote it. A crash leaves nothing or the whole object. */
  putOnce(key: string, body: Uint8Array | string, contentType: string): Promise<boolean>;
  /** The object's bytes, or undefined when there is none. */
  get(key: string): Promise<Uint8Array | undefined>;
  /** The names directly under a folder key (e.g. 'by-hash/<sha>'), safe ids only. */
  list(folder: string): Promise<string[]>;
}

/**
 * The document register over write-once objects, content-addressed by SHA-256; nothing is ever replaced:
 * - blobs/ab/<sha256>.pdf          the bytes (documents and archival copies)
 * - inputs/ab/<sha256>.json        the input that produced a document
 * - records/<id>.json              the record (the commit point of put: written last, after its indexes)
 * - archival/<id>.json             the archival copy of a document (the commit point of putArchival)
 * - by-hash/<sha256>/<id>          index for verification (content "document" or "archival")
 * - by-arende/<key>/<id>           index per ärende; key = SHA-256 of the ärende id (any characters allowed)
 * - versions/<key>/<type>.<n>      claims a version number of a type within an ärende (content: the id); records
 *                                  with a handling claim versions/<key>/<type>.<handling key>.<n> instead, so
 *                                  that each handling (one remiss to one recipient, …) numbers its own versions
 */
export class WriteOnceDocumentStore implements DocumentStore {
  constructor(private readonly objects: WriteOnceObjects) {}

  async put(partial: NewDocument, bytes: Uint8Array, input: unknown): Promise<DocumentRecord> {
    if (!SAFE_ID.test(partial.id)) throw new Error(`Ogiltigt dokument-id: ${partial.id}`);
    if (!SAFE_TYPE.test(partial.type)) throw new Error(`Ogiltig dokumenttyp: ${partial.type}`);
    if (!Number.isInteger(partial.version) || partial.version < 1) throw new Error(`Ogiltigt versionsnummer: ${partial.version}`);
    const sha = sha256Hex(bytes);
    const inputJson = JSON.stringify(input) ?? 'null';
    const inputSha256 = sha256Hex(inputJson);
    const record: DocumentRecord = { ...stripUndefined(partial), sha256: sha, size: bytes.byteLength, inputSha256 };

    const existing = await this.getRecord(partial.id);
    if (existing) return this.sameOrRefuse(existing, record);

    // The version number is claimed first: two different documents can't both be version n of a type.
    const versionKey = partial.handling
      ? `versions/${arendeKey(partial.arendeId)}/${partial.type}.${handlingKeyHash(partial.handling)}.${partial.version}`
      : `versions/${arendeKey(partial.arendeId)}/${partial.type}.${partial.version}`;
    if (!(await this.objects.putOnce(versionKey, partial.id, 'text/plain'))) {
      const holder = Buffer.from((await this.objects.get(versionKey)) ?? new Uint8Array()).toString('utf8');
      if (holder !== partial.id) throw versionTakenError(partial, holder);
    }
    await this.objects.putOnce(blobKey(sha), bytes, 'application/pdf');
    await this.objects.putOnce(inputKey(inputSha256), inputJson, 'application/json');
    // The indexes before the record: a record that exists is always listed and findable, even if the process dies
    // right after writing it (callers may return an existing record without calling put again). An index entry
    // without its record is harmless: the lists read the record and leave out what isn't there or doesn't match.
    await this.index(record);
    if (!(await this.objects.putOnce(recordKey(partial.id), JSON.stringify(record, null, 2), 'application/json'))) {
      // Another attempt wrote the record between our read and our write: the first write stands.
      const first = await this.getRecord(partial.id);
      if (first) return this.sameOrRefuse(first, record);
    }
    return record;
  }

  private async sameOrRefuse(existing: DocumentRecord, attempt: DocumentRecord): Promise<DocumentRecord> {
    assertSameDocument(existing, attempt);
    await this.index(existing); // completes the indexes of a record written by a version that indexed after it
    return existing;
  }

  private async index(record: DocumentRecord): Promise<void> {
    await this.objects.putOnce(`by-hash/${record.sha256}/${record.id}`, 'document', 'text/plain');
    await this.objects.putOnce(`by-arende/${arendeKey(record.arendeId)}/${record.id}`, '', 'text/plain');
  }

  async putArchival(id: string, bytes: Uint8Array, createdAt = new Date().toISOString(), signatures?: DocumentSignature[]): Promise<DocumentRecord> {
    const record = await this.getRecord(id);
    if (!record) throw new Error(`Okänt dokument ${id}`);
    if (record.archival) return record;
    const entry: ArchivalEntry = { sha256: sha256Hex(bytes), size: bytes.byteLength, createdAt, ...(signatures?.length ? { signatures } : {}) };
    await this.objects.putOnce(blobKey(entry.sha256), bytes, 'application/pdf');
    // The index before the entry (its commit point), as in put: an archival copy on record is always findable.
    await this.objects.putOnce(`by-hash/${entry.sha256}/${id}`, 'archival', 'text/plain');
    if (await this.objects.putOnce(archivalKey(id), JSON.stringify(entry, null, 2), 'application/json')) return { ...record, archival: entry };
    // Another attempt wrote its copy first: that one stands (and is indexed, by that attempt or here).
    const stored = (await this.getJson<ArchivalEntry>(archivalKey(id))) as ArchivalEntry;
    await this.objects.putOnce(`by-hash/${stored.sha256}/${id}`, 'archival', 'text/plain');
    return { ...record, archival: stored };
  }

  async getRecord(id: string): Promise<DocumentRecord | undefined> {
    if (!SAFE_ID.test(id)) return undefined;
    const [record, archival] = await Promise.all([this.getJson<DocumentRecord>(recordKey(id)), this.getJson<ArchivalEntry>(archivalKey(id))]);
    if (!record) return undefined;
    return archival ? { ...record, archival } : record;
  }

  async putBlob(bytes: Uint8Array): Promise<string> {
    const sha = sha256Hex(bytes);
    await this.objects.putOnce(blobKey(sha), bytes, 'application/octet-stream');
    return sha;
  }

  async getBytes(sha: string): Promise<Uint8Array | undefined> {
    if (!HEX64.test(sha)) return undefined;
    return this.objects.get(blobKey(sha));
  }

  async getInput(inputSha256: string): Promise<unknown> {
    if (!HEX64.test(inputSha256)) return undefined;
    return this.getJson(inputKey(inputSha256));
  }

  async findByHash(sha: string): Promise<DocumentRecord[]> {
    if (!HEX64.test(sha)) return [];
    const ids = await this.objects.list(`by-hash/${sha}`);
    const records = await Promise.all(ids.map((id) => this.getRecord(id)));
    return records.filter((r): r is DocumentRecord => r !== undefined && (r.sha256 === sha || r.archival?.sha256 === sha));
  }

  async listByArende(arendeId: string): Promise<DocumentRecord[]> {
    const ids = await this.objects.list(`by-arende/${arendeKey(arendeId)}`);
    const records = (await Promise.all(ids.map((id) => this.getRecord(id)))).filter((r): r is DocumentRecord => r !== undefined && r.arendeId === arendeId);
    return records.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.type.localeCompare(b.type) || a.version - b.version);
  }

  private async getJson<T>(key: string): Promise<T | undefined> {
    const bytes = await this.objects.get(key);
    return bytes ? (JSON.parse(Buffer.from(bytes).toString('utf8')) as T) : undefined;
  }
}

const blobKey = (sha: string) => `blobs/${sha.slice(0, 2)}/${sha}.pdf`;
const inputKey = (sha: string) => `inputs/${sha.slice(0, 2)}/${sha}.json`;
const archivalKey = (id: string) => `archival/${id}.json`;
function recordKey(id: string): string {
  if (!SAFE_ID.test(id)) throw new Error(`Ogiltigt dokument-id: ${id}`);
  return `records/${id}.json`;
}
/** Index key of an ärende: any characters are allowed in the id, so the key is a hash of it. */
const arendeKey = (arendeId: string) => sha256Hex(arendeId).slice(0, 40);
/** A handling's key in an object name: any characters are allowed in it, so the name has a hash of it. */
const handlingKeyHash = (handling: string) => sha256Hex(handling).slice(0, 32);

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Write-once objects as files under one folder: temp file + link, so a crash leaves either nothing or a whole file. */
export class FileObjects implements WriteOnceObjects {
  constructor(private readonly root: string) {}

  private file(key: string): string {
    return path.join(this.root, ...key.split('/'));
  }

  putOnce(key: string, body: Uint8Array | string): Promise<boolean> {
    return writeExclusive(this.file(key), body);
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      return await fs.readFile(this.file(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async list(folder: string): Promise<string[]> {
    try {
      return (await fs.readdir(this.file(folder))).filter((f) => SAFE_ID.test(f));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
  }
}

/** The document register on the file system (the default): one folder, the layout of WriteOnceDocumentStore. */
export class FileDocumentStore extends WriteOnceDocumentStore {
  constructor(root: string) {
    super(new FileObjects(root));
  }
}

/** Writes a whole file under a name that must not exist yet; false if it existed (nothing is replaced). */
async function writeExclusive(file: string, data: Uint8Array | string): Promise<boolean> {
  try {
    await fs.access(file);
    return false;
  } catch {
    // not there yet
  }
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  await fs.writeFile(tmp, data);
  try {
    await fs.link(tmp, file); // atomic, and fails if the name exists
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    await fs.unlink(tmp).catch(() => undefined);
  }
}
