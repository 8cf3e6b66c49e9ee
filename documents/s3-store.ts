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
import { WriteOnceDocumentStore, type WriteOnceObjects } from './store';

const SAFE_ID = /^[A-Za-z0-9_-]{1,100}$/;

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
    ...(opts.accessKeyId && opts.secretAccessKey ? { credentials: { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey } } : {}),
  };
  return new S3Client(config);
}

/**
 * The document register in an S3-compatible bucket: WriteOnceDocumentStore (store.ts) over S3Objects, so the layout and
 * the rules are the file store's, under an optional key prefix.
 *
 * Every object is written once with a conditional PUT (`If-None-Match: *`): a second writer gets 412 and reads
 * what the first wrote. For a server that answers 501 to conditional writes the store falls back to HEAD-then-PUT;
 * the race that leaves (two writers of the same key between HEAD and PUT) only concerns two attempts of the same
 * activity with the same document id, and content-addressed keys hold the same bytes whoever wins. See
 * docs/deployment.md § S3.
 */
export class S3DocumentStore extends WriteOnceDocumentStore {
  private readonly s3: S3Objects;

  constructor(opts: S3DocumentStoreOptions) {
    const objects = new S3Objects(opts);
    super(objects);
    this.s3 = objects;
  }

  /** False once the server has shown that it does not support `If-None-Match` on PUT. */
  get conditionalWrites(): boolean {
    return this.s3.conditionalWrites;
  }

  ensureBucket(): Promise<void> {
    return this.s3.ensureBucket();
  }

  checkWritable(): Promise<void> {
    return this.s3.checkWritable();
  }
}

/** Write-once objects in a bucket, under a key prefix. */
class S3Objects implements WriteOnceObjects {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;
  conditionalWrites = true;

  constructor(opts: S3DocumentStoreOptions) {
    this.client = opts.client;
    this.bucket = opts.bucket;
    this.prefix = opts.prefix ?? '';
  }

  private key(...parts: string[]) {
    return this.prefix + parts.join('/');
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

  /** Writes an object unless the key exists; true when this call wrote it. */
  async putOnce(relativeKey: string, body: Uint8Array | string, contentType: string): Promise<boolean> {
    const key = this.key(relativeKey);
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

  get(relativeKey: string): Promise<Uint8Array | undefined> {
    return this.getObject(this.key(relativeKey));
  }

  list(folder: string): Promise<string[]> {
    return this.listNames(this.key(folder, ''));
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
