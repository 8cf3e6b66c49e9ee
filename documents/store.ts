import { createHash, randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** One entry of the document register: an allmän handling, never changed once written. */
export interface DocumentRecord {
  id: string;
  arendeId: string;
  type: string;
  title: string;
  /** Set by the workflow: 1 for the first document of its type in the ärende; a regenerated document is the next. */
  version: number;
  sha256: string;
  size: number;
  /** The step of the process that produced it (e.g. "utkast", "namndbeslut"). */
  step: string;
  createdAt: string;
  createdBy: string;
  /** SHA-256 of the JSON input that produced the document; the input itself is kept beside it (getInput). */
  inputSha256: string;
  diarienummer?: string;
  /** Archival PDF/A-2b copy, when one was made. */
  archival?: { sha256: string; size: number; createdAt?: string };
}

export type NewDocument = Omit<DocumentRecord, 'sha256' | 'size' | 'inputSha256' | 'archival'>;

export interface DocumentStore {
  /**
   * Stores bytes, input and record. Idempotent for the same id (a retried activity gets the first record back);
   * a different document under a used id, or a second document with the same ärende, type and version, is refused.
   */
  put(record: NewDocument, bytes: Uint8Array, input: unknown): Promise<DocumentRecord>;
  /** Adds the archival copy to a record, once; a second call returns the record with the first copy. */
  putArchival(id: string, bytes: Uint8Array, createdAt?: string): Promise<DocumentRecord>;
  getRecord(id: string): Promise<DocumentRecord | undefined>;
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
export function versionTakenError(partial: { type: string; version: number }, holder: string): ImmutableDocumentError {
  return new ImmutableDocumentError(
    `Ärendet har redan version ${partial.version} av dokumenttypen ${partial.type} (dokument ${holder}); en ny version måste få nästa nummer.`,
  );
}

/**
 * Whether a second store of the same id is the same document: a retried activity may produce other bytes (or the
 * same bytes from other input); either is the same document. Otherwise ImmutableDocumentError.
 */
export function assertSameDocument(existing: DocumentRecord, attempt: DocumentRecord): void {
  const sameDocument =
    existing.arendeId === attempt.arendeId &&
    existing.type === attempt.type &&
    existing.version === attempt.version &&
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
}

/**
 * Documents on the file system under one folder, content-addressed by SHA-256. Every file is written once
 * (temp file + link/rename), so a crash leaves either nothing or a whole file, and nothing is ever replaced:
 * - blobs/ab/<sha256>.pdf          the bytes (documents and archival copies)
 * - inputs/ab/<sha256>.json        the input that produced a document
 * - records/<id>.json              the record (the commit point of put)
 * - archival/<id>.json             the archival copy of a document
 * - by-hash/<sha256>/<id>          index for verification (content "document" or "archival")
 * - by-arende/<key>/<id>           index per ärende; key = SHA-256 of the ärende id (any characters allowed)
 * - versions/<key>/<type>.<n>      claims a version number of a type within an ärende (content: the id)
 */
export class FileDocumentStore implements DocumentStore {
  constructor(private readonly root: string) {}

  private blobPath(sha: string) {
    return path.join(this.root, 'blobs', sha.slice(0, 2), `${sha}.pdf`);
  }
  private recordPath(id: string) {
    if (!SAFE_ID.test(id)) throw new Error(`Ogiltigt dokument-id: ${id}`);
    return path.join(this.root, 'records', `${id}.json`);
  }
  private archivalPath(id: string) {
    return path.join(this.root, 'archival', `${id}.json`);
  }
  private inputPath(sha: string) {
    return path.join(this.root, 'inputs', sha.slice(0, 2), `${sha}.json`);
  }
  private hashDir(sha: string) {
    return path.join(this.root, 'by-hash', sha);
  }
  private arendeDir(arendeId: string) {
    return path.join(this.root, 'by-arende', sha256Hex(arendeId).slice(0, 40));
  }
  private versionPath(arendeId: string, type: string, version: number) {
    return path.join(this.root, 'versions', sha256Hex(arendeId).slice(0, 40), `${type}.${version}`);
  }

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
    const claimed = await writeExclusive(this.versionPath(partial.arendeId, partial.type, partial.version), partial.id);
    if (!claimed) {
      const holder = await fs.readFile(this.versionPath(partial.arendeId, partial.type, partial.version), 'utf8');
      if (holder !== partial.id) {
        throw versionTakenError(partial, holder);
      }
    }
    await writeOnce(this.blobPath(sha), bytes);
    await writeOnce(this.inputPath(inputSha256), inputJson);
    const written = await writeExclusive(this.recordPath(partial.id), JSON.stringify(record, null, 2));
    if (!written) {
      // Someone stored this id at the same moment: the first write stands.
      const first = await this.getRecord(partial.id);
      if (first) return this.sameOrRefuse(first, record);
    }
    await this.index(record);
    return record;
  }

  private async sameOrRefuse(existing: DocumentRecord, attempt: DocumentRecord): Promise<DocumentRecord> {
    assertSameDocument(existing, attempt);
    await this.index(existing); // completes the indexes if an earlier attempt stopped after the record
    return existing;
  }

  private async index(record: DocumentRecord): Promise<void> {
    await writeOnce(path.join(this.hashDir(record.sha256), record.id), 'document');
    await writeOnce(path.join(this.arendeDir(record.arendeId), record.id), '');
  }

  async putArchival(id: string, bytes: Uint8Array, createdAt = new Date().toISOString()): Promise<DocumentRecord> {
    const record = await this.getRecord(id);
    if (!record) throw new Error(`Okänt dokument ${id}`);
    if (record.archival) return record;
    const entry: ArchivalEntry = { sha256: sha256Hex(bytes), size: bytes.byteLength, createdAt };
    await writeOnce(this.blobPath(entry.sha256), bytes);
    await writeExclusive(this.archivalPath(id), JSON.stringify(entry, null, 2));
    const stored = (await readJson<ArchivalEntry>(this.archivalPath(id)))!;
    await writeOnce(path.join(this.hashDir(stored.sha256), id), 'archival');
    return { ...record, archival: stored };
  }

  async getRecord(id: string): Promise<DocumentRecord | undefined> {
    if (!SAFE_ID.test(id)) return undefined;
    const record = await readJson<DocumentRecord>(this.recordPath(id));
    if (!record) return undefined;
    const archival = await readJson<ArchivalEntry>(this.archivalPath(id));
    return archival ? { ...record, archival } : record;
  }

  async getBytes(sha: string): Promise<Uint8Array | undefined> {
    if (!HEX64.test(sha)) return undefined;
    try {
      return await fs.readFile(this.blobPath(sha));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async getInput(inputSha256: string): Promise<unknown> {
    if (!HEX64.test(inputSha256)) return undefined;
    return readJson(this.inputPath(inputSha256));
  }

  async findByHash(sha: string): Promise<DocumentRecord[]> {
    if (!HEX64.test(sha)) return [];
    const ids = await listDir(this.hashDir(sha));
    const records = await Promise.all(ids.map((id) => this.getRecord(id)));
    return records.filter((r): r is DocumentRecord => r !== undefined && (r.sha256 === sha || r.archival?.sha256 === sha));
  }

  async listByArende(arendeId: string): Promise<DocumentRecord[]> {
    const ids = await listDir(this.arendeDir(arendeId));
    const records = (await Promise.all(ids.map((id) => this.getRecord(id)))).filter(
      (r): r is DocumentRecord => r !== undefined && r.arendeId === arendeId,
    );
    return records.sort(
      (a, b) => a.createdAt.localeCompare(b.createdAt) || a.type.localeCompare(b.type) || a.version - b.version,
    );
  }
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return (await fs.readdir(dir)).filter((f) => SAFE_ID.test(f));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as T;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Content-addressed files are written once; an existing file already holds the same bytes. */
async function writeOnce(file: string, data: Uint8Array | string): Promise<void> {
  await writeExclusive(file, data);
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
