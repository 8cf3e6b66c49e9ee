import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { checkAttachment, declaredAttachmentType, handlingFieldsSchema, safeFileName, type RegisterHandling } from '../domain/attachments';
import { stockholmDate } from '../domain/iso-date';
import { handlingarWorkflowId, registerHandlingUpdate, type HandlingEntry } from '../workflows/handlingar-messages';
import { listHandlingar } from './handlingar-list';
import { actorFor, canAct, ROLE_LABELS, type Principal } from './auth/principal';
import type { ServerContext } from './context';
import { getArende } from './arenden';
import { performAction, toApiError } from './arende-actions';
import { ApiError, fieldErrorsFromZod, validationError } from './http-errors';

/**
 * Incoming and drawn-up handlingar of an ärende (issue 15 p. 3, docs/attachments.md): an uploaded file is checked
 * (type allowed, magic bytes = declared type, size), staged in the document store under its SHA-256, and registered
 * by the ärende's handlingar workflow, whose activity writes the register entry. A yttrande that arrived as a file is
 * then recorded as the referral's answer on the adoption workflow. The server never opens the file.
 */
export interface UploadedFile {
  originalname: string;
  mimetype: string;
  buffer: Buffer;
}

const NO_FILE = () =>
  new ApiError(400, 'VALIDATION_FAILED', 'Begäran innehåller fel i: fil', [{ field: 'fil', rule: 'required', message: 'välj en fil att ladda upp' }]);

export async function uploadHandling(ctx: ServerContext, principal: Principal, arendeId: string, body: unknown, file: UploadedFile | undefined) {
  const state = await getArende(ctx, principal, arendeId); // 404 outside the principal's scope
  if (!canAct(principal, 'registerHandling')) {
    throw new ApiError(403, 'FORBIDDEN', `Rollen ${ROLE_LABELS[principal.role].toLocaleLowerCase('sv')} får inte registrera handlingar`);
  }
  const parsed = handlingFieldsSchema.safeParse(stripEmpty(body));
  if (!parsed.success || !file) {
    // every problem at once: the fields and a missing file
    const problems = [...(parsed.success ? [] : fieldErrorsFromZod(parsed.error)), ...(file ? [] : NO_FILE().fields)];
    throw validationError(problems);
  }
  const fields = parsed.data;
  if (fields.referralRecipient) {
    if (!canAct(principal, 'recordReferralAnswer')) throw new ApiError(403, 'FORBIDDEN', 'Din roll får inte registrera remissvar');
    const referral = state.referrals.find((r) => r.recipient.toLocaleLowerCase('sv') === fields.referralRecipient!.toLocaleLowerCase('sv'));
    if (state.stage !== 'beredning' || !referral || referral.answer) {
      throw new ApiError(409, 'PRECONDITION_FAILED', `${fields.referralRecipient} har ingen obesvarad remiss i ärendet just nu`, [
        { field: 'referralRecipient', rule: 'open_referral', message: 'ska vara en remissinstans som inte har svarat' },
      ]);
    }
    if (fields.direction !== 'inkommande') {
      throw new ApiError(400, 'VALIDATION_FAILED', 'Begäran innehåller fel i: direction', [
        { field: 'direction', rule: 'inkommande', message: 'ett remissvar är en inkommande handling' },
      ]);
    }
  }
  const checked = checkAttachment(declaredAttachmentType(file.mimetype, file.originalname), file.buffer);
  if (!('type' in checked))
    throw new ApiError(checked.status, checked.code, checked.message, [{ field: 'fil', rule: checked.code.toLowerCase(), message: checked.message }]);

  const sha256 = await ctx.store.putBlob(file.buffer);
  const actor = actorFor(principal);
  const payload: RegisterHandling = {
    ...fields,
    date: fields.date ?? stockholmDate(new Date()),
    actor: { name: actor.name, role: ROLE_LABELS[actor.role].toLocaleLowerCase('sv') },
    fileName: safeFileName(file.originalname, checked.type),
    contentType: checked.type,
    sha256,
    size: file.buffer.byteLength,
  };
  const entry = await register(ctx, arendeId, state.diarienummer, payload);
  if (fields.referralRecipient) {
    await performAction(ctx, principal, arendeId, 'recordReferralAnswer', {
      requestId: `${fields.requestId.slice(0, 58)}-svar`,
      recipient: fields.referralRecipient,
      answer: 'yttrande',
      date: payload.date,
      documentId: entry.document.id,
    });
  }
  return entry;
}

/** The update on the ärende's handlingar workflow, started at the first upload (and found again after that). */
async function register(ctx: ServerContext, arendeId: string, diarienummer: string | undefined, payload: RegisterHandling): Promise<HandlingEntry> {
  const workflowId = handlingarWorkflowId(arendeId);
  const update = () =>
    ctx.client.workflow.getHandle(workflowId).executeUpdate(registerHandlingUpdate, { args: [payload], updateId: `handling-${payload.requestId}` });
  try {
    try {
      return await update();
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError || (err as Error).name === 'WorkflowNotFoundError')) throw err;
      await ctx.client.workflow
        .start('handlingarWorkflow', { workflowId, taskQueue: ctx.taskQueue, args: [{ arendeId, diarienummer }], workflowIdConflictPolicy: 'USE_EXISTING' })
        .catch((e: Error) => {
          if (e.name !== 'WorkflowExecutionAlreadyStartedError') throw e;
        });
      return await update();
    }
  } catch (err) {
    // The register's own check of the fields (VALIDATION_FAILED, naming them): 400 as for a body refused here.
    if (err instanceof WorkflowUpdateFailedError) throw toApiError(err);
    throw err;
  }
}

/** A handling's file: only from this ärende's register, and only for someone who may see the ärende. */
export async function getHandlingFile(ctx: ServerContext, principal: Principal, arendeId: string, docId: string) {
  await getArende(ctx, principal, arendeId);
  const entry = (await listHandlingar(ctx, arendeId)).find((h) => h.document.id === docId);
  if (!entry) throw new ApiError(404, 'DOCUMENT_NOT_FOUND', 'Handlingen finns inte i ärendet');
  const bytes = await ctx.store.getBytes(entry.document.sha256);
  if (!bytes) throw new ApiError(404, 'DOCUMENT_NOT_FOUND', 'Handlingens fil saknas i dokumentlagret');
  return { entry, bytes };
}

/** A referral answer naming a document must name a handling of this ärende (the API's recordReferralAnswer too). */

function stripEmpty(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object') return {};
  return Object.fromEntries(Object.entries(body as Record<string, unknown>).filter(([, v]) => v !== '' && v !== undefined));
}
