import { createHash, randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** One entry of the document register: an allmän handling, never changed once written. */
export interface DocumentRecord {
  id: string;
  arendeId: string;
  type: string;
  title: string;
  version: number;
  sha256: string;
  size: number;
  step: string;
  createdAt: string;
  createdBy: string;
  /** SHA-256 of the JSON input that produced the document; the input itself is kept beside it. */
  inputSha256: string;
  diarienummer?: string;
  /** Archival PDF/A-2b copy, when one was made. */
  archival?: { sha256: string; size: number };
}

export interface DocumentStore {
  /** Stores bytes and record. Idempotent for the same id and bytes; a different document under a used id is refused. */
  put(record: Omit<DocumentRecord, 'sha256' | 'size' | 'inputSha256'>, bytes: Uint8Array, input: unknown): Promise<DocumentRecord>;
  putArchival(id: string, bytes: Uint8Array): Promise<DocumentRecord>;
  getRecord(id: string): Promise<DocumentRecord | undefined>;
  getBytes(sha256: string): Promise<Uint8Array | undefined>;
  getInput(inputSha256: string): Promise<unknown>;
  findByHash(sha256: string): Promise<DocumentRecord[]>;
}

export class ImmutableDocumentError extends Error {}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const HEX64 = /^[0-9a-f]{64}$/;
const SAFE_ID = /^[A-Za-z0-9_-]{1,100}$/;

/** Documents on the file system under one folder, content-addressed by SHA-256. */
export class FileDocumentStore implements DocumentStore {
  constructor(private readonly root: string) {}

  private blobPath(sha: string) {
    return path.join(this.root, 'blobs', sha.slice(0, 2), `${sha}.pdf`);
  }
  private recordPath(id: string) {
    if (!SAFE_ID.test(id)) throw new Error(`Ogiltigt dokument-id: ${id}`);
    return path.join(this.root, 'records', `${id}.json`);
  }
  private inputPath(sha: string) {
    return path.join(this.root, 'inputs', sha.slice(0, 2), `${sha}.json`);
  }
  private hashIndexPath(sha: string) {
    return path.join(this.root, 'by-hash', sha.slice(0, 2), `${sha}.json`);
  }

  async put(
    partial: Omit<DocumentRecord, 'sha256' | 'size' | 'inputSha256'>,
    bytes: Uint8Array,
    input: unknown,
  ): Promise<DocumentRecord> {
    const sha = sha256Hex(bytes);
    const inputJson = JSON.stringify(input);
    const inputSha256 = sha256Hex(inputJson);
    const record: DocumentRecord = { ...partial, sha256: sha, size: bytes.byteLength, inputSha256 };
    const existing = await this.getRecord(partial.id);
    if (existing) {
      if (existing.sha256 !== sha && existing.inputSha256 !== inputSha256) {
        throw new ImmutableDocumentError(`Dokument ${partial.id} finns redan med annat innehåll; en ny version är ett nytt dokument.`);
      }
      return existing; // a retried activity: the first write stands
    }
    await writeOnce(this.blobPath(sha), bytes);
    await writeOnce(this.inputPath(inputSha256), inputJson);
    await atomicWrite(this.recordPath(partial.id), JSON.stringify(record, null, 2), true);
    await this.addToHashIndex(sha, partial.id);
    return record;
  }

  async putArchival(id: string, bytes: Uint8Array): Promise<DocumentRecord> {
    const record = await this.getRecord(id);
    if (!record) throw new Error(`Okänt dokument ${id}`);
    const sha = sha256Hex(bytes);
    if (record.archival) return record;
    await writeOnce(this.blobPath(sha), bytes);
    const updated = { ...record, archival: { sha256: sha, size: bytes.byteLength } };
    await atomicWrite(this.recordPath(id), JSON.stringify(updated, null, 2), false);
    await this.addToHashIndex(sha, id);
    return updated;
  }

  private async addToHashIndex(sha: string, id: string) {
    const file = this.hashIndexPath(sha);
    const ids = await readJson<string[]>(file) ?? [];
    if (!ids.includes(id)) await atomicWrite(file, JSON.stringify([...ids, id]), false);
  }

  async getRecord(id: string): Promise<DocumentRecord | undefined> {
    if (!SAFE_ID.test(id)) return undefined;
    return readJson<DocumentRecord>(this.recordPath(id));
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
    const ids = (await readJson<string[]>(this.hashIndexPath(sha))) ?? [];
    const records = await Promise.all(ids.map((id) => this.getRecord(id)));
    return records.filter((r): r is DocumentRecord => r !== undefined);
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
  try {
    await fs.access(file);
    return;
  } catch {
    await atomicWrite(file, data, false);
  }
}

async function atomicWrite(file: string, data: Uint8Array | string, exclusive: boolean): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  await fs.writeFile(tmp, data);
  if (exclusive) {
    try {
      await fs.link(tmp, file); // fails if the file exists: no silent replacement
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      await fs.unlink(tmp);
    }
  } else {
    await fs.rename(tmp, file);
  }
}
