import { ZipFile } from 'yazl';
import type { SipFile } from './sip';

/** The package as one zip (deflated; the folder structure inside is the package's). */
export async function zipSip(files: SipFile[], mtime = new Date()): Promise<Buffer> {
  const zip = new ZipFile();
  for (const f of files) zip.addBuffer(Buffer.from(f.bytes), f.path, { mtime, compress: !f.path.endsWith('.pdf') });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
