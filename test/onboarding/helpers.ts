/** Small helpers of the onboarding tests (kept here so that the workflow tests need no web app). */
export { eventually } from '../support/eventually';

import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { TypedSearchAttributes } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { ALL_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';

/**
 * The time-skipping test server implements AddSearchAttributes but not ListSearchAttributes, so
 * runtime/search-attributes.ts (which lists first) cannot be used there: add every attribute, ignoring "exists".
 */
export async function registerSearchAttributes(env: TestWorkflowEnvironment): Promise<void> {
  const t = temporal.api.enums.v1.IndexedValueType;
  const types: Record<string, temporal.api.enums.v1.IndexedValueType> = {
    Keyword: t.INDEXED_VALUE_TYPE_KEYWORD,
    Text: t.INDEXED_VALUE_TYPE_TEXT,
    Datetime: t.INDEXED_VALUE_TYPE_DATETIME,
  };
  for (const key of ALL_SEARCH_ATTRIBUTES) {
    const type = types[TypedSearchAttributes.toMetadataType(key.type)];
    try {
      await env.connection.operatorService.addSearchAttributes({ namespace: 'default', searchAttributes: { [key.name]: type } });
    } catch (err) {
      if (!/already|exist/i.test(String((err as Error).message))) throw err;
    }
  }
}
