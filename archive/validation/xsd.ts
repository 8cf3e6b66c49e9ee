/**
 * Validates the package's XML against the official schemas (archive/schemas/) with xmllint (libxml2 compiled to
 * WebAssembly: xmllint-wasm), in memory: no network, no schema fetched from its URL.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { PACKAGE_SCHEMAS, SCHEMA_DIR } from '../schemas';

export interface XsdResult {
  file: string;
  schema: string;
  valid: boolean;
  errors: string[];
}

const preload = () => PACKAGE_SCHEMAS.map((name) => ({ fileName: name, contents: readFileSync(path.join(SCHEMA_DIR, name), 'utf8') }));
const METS_ENTRY = { fileName: 'mets-sip-local.xsd', contents: readFileSync(path.join(__dirname, 'mets-sip-local.xsd'), 'utf8') };

/** METS.xml files against METS 1.12 + CSIP/SIP extensions; erms.xml against ERMS 2.1.2. */
export async function validatePackageXml(file: string, xml: string): Promise<XsdResult> {
  const erms = /erms\.xml$/.test(file);
  const schema = erms ? { fileName: 'ERMS.xsd', contents: readFileSync(path.join(SCHEMA_DIR, 'ERMS.xsd'), 'utf8') } : METS_ENTRY;
  const result = await validateXML({
    xml: { fileName: 'document.xml', contents: xml },
    schema,
    preload: preload().filter((p) => p.fileName !== schema.fileName),
  });
  return { file, schema: erms ? 'ERMS 2.1.2' : 'METS 1.12 + E-ARK CSIP/SIP', valid: result.valid, errors: result.errors.map((e) => e.rawMessage) };
}
