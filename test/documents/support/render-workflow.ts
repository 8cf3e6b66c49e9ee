/** A workflow with one step, for the retry test: render a document through the real activity. */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../../activities';
import type { RenderDocumentInput } from '../../../activities/render-document';
import type { DocumentRef } from '../../../domain/documents/ref';

const { renderDocument } = proxyActivities<Pick<Activities, 'renderDocument'>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '100 milliseconds', backoffCoefficient: 1, maximumAttempts: 5 },
});

export async function renderOnceWorkflow(input: RenderDocumentInput): Promise<DocumentRef> {
  return renderDocument(input);
}
