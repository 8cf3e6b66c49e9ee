import os from 'node:os';
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { assertSameDocument, sha256Hex, versionTakenError, type DocumentRecord, type DocumentStore, type NewDocument } from './store';

const HEX64 = /^[0-9a-f]{64}$/;
const SAFE_ID = /^[A-Za-z0-9_-]{1,100}$/;
const SAFE_TYPE = /^[a-z0-9-]{1,40}$/;

interface ArchivalEntry {
  sha256: string;
  size: number;
  createdAt: string;
}

/** Index key of an ärende: any characters are allowed in the id, so the key is a hash of it (as in the file store). */
function arendeKey(arendeId: string): string {
  return sha256Hex(arendeId).slice(0, 40);
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export interface S3DocumentStoreOptions {
  client: S3Client;
  bucket: string;
  /** Key prefix inside the bucket ("" or e.g. "beslutsflode/"). */
  prefix?: string;
}

export interface S3ConnectionOptions {
  endpoint?: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
}

export function createS3Client(opts: S3ConnectionOptions): S3Client {
  const config: S3ClientConfig = {
    region: opts.region,
    forcePathStyle: opts.forcePathStyle,
    // Checksums only when the operation requires them: S3-compatible servers vary in what they accept.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
    ...(opts.accessKeyId && opts.secretAccessKey
      ? { credentials: { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey } }
      : {}),
  };
  return new S3Client(config);
}

/**
 * The document register in an S3-compatible bucket, with the same layout and semantics as FileDocumentStore:
 *
 *   blobs/<sha[0:2]>/<sha>.pdf     content-addressed bytes (PDF and PDF/A copies)
 *   inputs/<sha[0:2]>/<sha>.json   the JSON input that produced a document
 *   records/<id>.json              the record (the commit point of put), written once
 *   archival/<id>.json             the PDF/A copy's { sha256, size, createdAt }, written once (the record never changes)
 *   by-hash/<sha>/<id>             hash index ("document" or "archival")
 *   by-arende/<key>/<id>           index per ärende; key = SHA-256 of the ärende id
 *   versions/<key>/<type>.<n>      claims version n of a type within an ärende (content: the document id)
 *
 * Every object is written once with a conditional PUT (`If-None-Match: *`): a second writer gets 412 and reads
 * what the first wrote. For a server that answers 501 to conditional writes the store falls back to HEAD-then-PUT;
 * the race that leaves (two writers of the same key between HEAD and PUT) only concerns two attempts of the same
 * activity with the same document id, and content-addressed keys hold the same bytes whoever wins. See
 * docs/deployment.md § S3.
 */
export class S3DocumentStore implements DocumentStore {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;
  /** False once the server has shown that it does not support `If-None-Match` on PUT. */
  conditionalWrites = true;

  constructor(opts: S3DocumentStoreOptions) {
    this.client = opts.client;
    this.bucket = opts.bucket;
    this.prefix = opts.prefix ?? '';
  }

  private key(...parts: string[]) {
    return this.prefix + parts.join('/');
  }
  private blobKey(sha: string) {
    return this.key('blobs', sha.slice(0, 2), `${sha}.pdf`);
  }
  private inputKey(sha: string) {
    return this.key('inputs', sha.slice(0, 2), `${sha}.json`);
  }
  private recordKey(id: string) {
    if (!SAFE_ID.test(id)) throw new Error(`Ogiltigt dokument-id: ${id}`);
    return this.key('records', `${id}.json`);
  }
  private archivalKey(id: string) {
    return this.key('archival', `${id}.json`);
  }
  private versionKey(arendeId: string, type: string, version: number) {
    return this.key('versions', arendeKey(arendeId), `${type}.${version}`);
  }

  /** Creates the bucket when it does not exist (self-hosted S3); on AWS a missing bucket is a configuration error. */
  async ensureBucket(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
      return;
    } catch (err) {
      if (status(err) !== 404) throw describe(err, `bucket ${this.bucket}`);
    }
    try {
      await this.client.send(new CreateBucketCommand({ Bucket: this.bucket }));
    } catch (err) {
      const name = (err as Error).name;
      if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists') throw describe(err, `bucket ${this.bucket}`);
    }
  }

  /** Readiness: writes a small object of this process's own (throws when the bucket is not writable). */
  async checkWritable(): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: this.key('health', `${os.hostname()}-${process.pid}`),
        Body: bytesOf(new Date().toISOString()),
        ContentType: 'text/plain',
      }),
    );
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
    const versionKey = this.versionKey(partial.arendeId, partial.type, partial.version);
    if (!(await this.putOnce(versionKey, partial.id, 'text/plain'))) {
      const holder = Buffer.from((await this.getObject(versionKey)) ?? new Uint8Array()).toString('utf8');
      if (holder !== partial.id) {
        throw versionTakenError(partial, holder);
      }
    }
    await this.putOnce(this.blobKey(sha), bytes, 'application/pdf');
    await this.putOnce(this.inputKey(inputSha256), inputJson, 'application/json');
    const written = await this.putOnce(this.recordKey(partial.id), JSON.stringify(record, null, 2), 'application/json');
    if (!written) {
      // Another attempt wrote the record between our read and our write: the first write stands.
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
    await this.putOnce(this.key('by-hash', record.sha256, record.id), 'document', 'text/plain');
    await this.putOnce(this.key('by-arende', arendeKey(record.arendeId), record.id), '', 'text/plain');
  }

  async putArchival(id: string, bytes: Uint8Array, createdAt = new Date().toISOString()): Promise<DocumentRecord> {
    const record = await this.getRecord(id);
    if (!record) throw new Error(`Okänt dokument ${id}`);
    if (record.archival) return record;
    const entry: ArchivalEntry = { sha256: sha256Hex(bytes), size: bytes.byteLength, createdAt };
    await this.putOnce(this.blobKey(entry.sha256), bytes, 'application/pdf');
    await this.putOnce(this.archivalKey(id), JSON.stringify(entry, null, 2), 'application/json');
    const stored = (await this.getJson<ArchivalEntry>(this.archivalKey(id))) as ArchivalEntry;
    await this.putOnce(this.key('by-hash', stored.sha256, id), 'archival', 'text/plain');
    return { ...record, archival: stored };
  }

  async getRecord(id: string): Promise<DocumentRecord | undefined> {
    if (!SAFE_ID.test(id)) return undefined;
    const [record, archival] = await Promise.all([
      this.getJson<DocumentRecord>(this.recordKey(id)),
      this.getJson<ArchivalEntry>(this.archivalKey(id)),
    ]);
    if (!record) return undefined;
    return archival ? { ...record, archival } : record;
  }

  async getBytes(sha: string): Promise<Uint8Array | undefined> {
    if (!HEX64.test(sha)) return undefined;
    return this.getObject(this.blobKey(sha));
  }

  async getInput(inputSha256: string): Promise<unknown> {
    if (!HEX64.test(inputSha256)) return undefined;
    return this.getJson(this.inputKey(inputSha256));
  }

  async findByHash(sha: string): Promise<DocumentRecord[]> {
    if (!HEX64.test(sha)) return [];
    const ids = await this.listNames(this.key('by-hash', sha, ''));
    const records = await Promise.all(ids.map((id) => this.getRecord(id)));
    return records.filter((r): r is DocumentRecord => r !== undefined && (r.sha256 === sha || r.archival?.sha256 === sha));
  }

  async listByArende(arendeId: string): Promise<DocumentRecord[]> {
    const ids = await this.listNames(this.key('by-arende', arendeKey(arendeId), ''));
    const records = (await Promise.all(ids.map((id) => this.getRecord(id)))).filter(
      (r): r is DocumentRecord => r !== undefined && r.arendeId === arendeId,
    );
    return records.sort(
      (a, b) => a.createdAt.localeCompare(b.createdAt) || a.type.localeCompare(b.type) || a.version - b.version,
    );
  }

  /** The last path segment of every object under a prefix (an index folder), safe ids only. */
  private async listNames(prefix: string): Promise<string[]> {
    const names: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }));
      for (const obj of page.Contents ?? []) {
        const name = obj.Key?.slice(prefix.length);
        if (name && SAFE_ID.test(name)) names.push(name);
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return names;
  }

  /** Writes an object unless the key exists; true when this call wrote it. */
  private async putOnce(key: string, body: Uint8Array | string, contentType: string): Promise<boolean> {
    if (this.conditionalWrites) {
      try {
        await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: bytesOf(body), ContentType: contentType, IfNoneMatch: '*' }));
        return true;
      } catch (err) {
        const code = status(err);
        if (code === 412) return false; // exists
        if (code === 409) return false; // a concurrent conditional write of the same key is in flight: it wins
        if (code !== 501 && (err as Error).name !== 'NotImplemented') throw describe(err, key);
        this.conditionalWrites = false;
      }
    }
    if (await this.exists(key)) return false;
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: bytesOf(body), ContentType: contentType }));
    return true;
  }

  private async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (err) {
      if (status(err) === 404) return false;
      throw describe(err, key);
    }
  }

  private async getObject(key: string): Promise<Uint8Array | undefined> {
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return res.Body ? await res.Body.transformToByteArray() : new Uint8Array();
    } catch (err) {
      if (status(err) === 404 || (err as Error).name === 'NoSuchKey') return undefined;
      throw describe(err, key);
    }
  }

  private async getJson<T>(key: string): Promise<T | undefined> {
    const bytes = await this.getObject(key);
    return bytes ? (JSON.parse(Buffer.from(bytes).toString('utf8')) as T) : undefined;
  }
}

/** Bytes of known length (a string body makes the SDK warn about streams of unknown length). */
function bytesOf(body: Uint8Array | string): Uint8Array {
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
}

function status(err: unknown): number | undefined {
  return (err as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}

function describe(err: unknown, what: string): Error {
  const e = err as Error;
  const wrapped = new Error(`S3-dokumentlagret: ${what}: ${e.name ?? 'fel'} ${e.message ?? ''}`.trim());
  (wrapped as Error & { cause?: unknown }).cause = err;
  return wrapped;
}
