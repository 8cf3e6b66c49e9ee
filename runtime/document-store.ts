import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createS3Client, S3DocumentStore } from '../documents/s3-store';
import { FileDocumentStore, type DocumentStore } from '../documents/store';
import type { Config } from './config';

/** A document store that can tell whether it is writable right now (GET /readyz). */
export interface ProbedDocumentStore extends DocumentStore {
  checkWritable(): Promise<void>;
}

export function isProbed(store: DocumentStore): store is ProbedDocumentStore {
  return typeof (store as Partial<ProbedDocumentStore>).checkWritable === 'function';
}

/** FileDocumentStore plus a readiness probe: a small file written and removed under the store's folder. */
export class ProbedFileDocumentStore extends FileDocumentStore implements ProbedDocumentStore {
  constructor(private readonly folder: string) {
    super(folder);
  }

  async checkWritable(): Promise<void> {
    const dir = path.join(this.folder, 'health');
    await fs.mkdir(dir, { recursive: true });
    const file = path.join(dir, `${process.pid}-${randomUUID()}.tmp`);
    await fs.writeFile(file, new Date().toISOString());
    await fs.unlink(file);
  }
}

/** The folder of the file store under BF_DATA_DIR (the same place runtime/worker.ts's documentStoreAt uses). */
export function documentFolder(dataDir: string): string {
  return path.join(dataDir, 'documents');
}

type StoreConfig = Pick<
  Config,
  | 'BF_DATA_DIR'
  | 'BF_DOCUMENT_STORE'
  | 'BF_S3_ENDPOINT'
  | 'BF_S3_BUCKET'
  | 'BF_S3_REGION'
  | 'BF_S3_PREFIX'
  | 'BF_S3_ACCESS_KEY_ID'
  | 'BF_S3_SECRET_ACCESS_KEY'
  | 'BF_S3_FORCE_PATH_STYLE'
>;

/** BF_DOCUMENT_STORE=file (default): BF_DATA_DIR/documents; =s3: the bucket BF_S3_BUCKET. */
export function createDocumentStore(config: StoreConfig): ProbedDocumentStore {
  if (config.BF_DOCUMENT_STORE === 's3') {
    if (!config.BF_S3_BUCKET) throw new Error('BF_S3_BUCKET måste vara satt när BF_DOCUMENT_STORE=s3');
    const client = createS3Client({
      endpoint: config.BF_S3_ENDPOINT,
      region: config.BF_S3_REGION,
      accessKeyId: config.BF_S3_ACCESS_KEY_ID,
      secretAccessKey: config.BF_S3_SECRET_ACCESS_KEY,
      forcePathStyle: config.BF_S3_FORCE_PATH_STYLE === 'on',
    });
    return new S3DocumentStore({ client, bucket: config.BF_S3_BUCKET, prefix: config.BF_S3_PREFIX });
  }
  return new ProbedFileDocumentStore(documentFolder(config.BF_DATA_DIR));
}

/** At process start: the bucket exists (created on self-hosted S3 when missing) and the store is writable. */
export async function prepareDocumentStore(store: DocumentStore): Promise<void> {
  if (store instanceof S3DocumentStore) await store.ensureBucket();
  if (isProbed(store)) await store.checkWritable();
}
