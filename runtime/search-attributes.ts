import type { Connection } from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { ALL_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';

/** Registers the product's search attributes in the namespace; attributes that already exist are left alone. */
export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<void> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const have = new Set(Object.keys(existing.customAttributes ?? {}));
  const missing = ALL_SEARCH_ATTRIBUTES.filter((k) => !have.has(k.name));
  if (missing.length === 0) return;
  const searchAttributes: Record<string, temporal.api.enums.v1.IndexedValueType> = {};
  for (const key of missing) {
    const typeName = TypedSearchAttributes.toMetadataType(key.type);
    searchAttributes[key.name] = indexedValueType(typeName);
  }
  await connection.operatorService.addSearchAttributes({ namespace, searchAttributes });
}

/** The operator API's type of a search attribute, from the SDK's metadata type name (Keyword, Text, Datetime …). */
export function indexedValueType(metadataType: string): temporal.api.enums.v1.IndexedValueType {
  const t = temporal.api.enums.v1.IndexedValueType;
  const map: Record<string, temporal.api.enums.v1.IndexedValueType> = {
    Keyword: t.INDEXED_VALUE_TYPE_KEYWORD,
    Text: t.INDEXED_VALUE_TYPE_TEXT,
    Datetime: t.INDEXED_VALUE_TYPE_DATETIME,
    Int: t.INDEXED_VALUE_TYPE_INT,
    Double: t.INDEXED_VALUE_TYPE_DOUBLE,
    Bool: t.INDEXED_VALUE_TYPE_BOOL,
    KeywordList: t.INDEXED_VALUE_TYPE_KEYWORD_LIST,
  };
  const v = map[metadataType];
  if (v === undefined) throw new Error(`Okänd sökattributtyp ${metadataType}`);
  return v;
}
