/**
 * The activities: the only place with I/O. Each use case in its own file; the worker builds them from its dependencies.
 * Workflows import only the types (`import type * as activities`).
 */
import type { Client } from '@temporalio/client';
import type { PdfRenderer } from '../documents/renderer';
import type { DocumentStore } from '../documents/store';
import type { LookProvider } from '../documents/looks';
import type { Registry } from '../domain/municipalities';
import { loadMunicipalityRegistry } from '../runtime/reference-data';
import type { ProgrammeRegistry } from '../domain/programmes';
import { programmesOf } from './programmes';
import { makeAllocateDiarienummer } from './allocate-diarienummer';
import { makeGetMeetingPlans } from './meeting-plans';
import { makeGetMunicipality } from './municipality';
import { makeRenderDocument } from './render-document';
import { makeArchiveDocument } from './archive-document';
import { pdfSignerFromEnv } from '../signing/from-env';
import type { PdfSigner } from '../signing/pdf-signer';
import { makeRegisterHandling } from './register-handling';
import { makeSendDailyMail, type FindArenden, type MailSettings } from './send-daily-mail';
import { createOnboardingActivities } from './onboarding-activities';
import { createMeetingActivities } from './meeting';
import { makeHandOverToOnboarding, makeNotifyArende, makeNotifyOnboarding, makeWithdrawFromOnboarding } from './notify-onboarding';

export interface ActivityDeps {
  client: Client;
  taskQueue: string;
  renderer: PdfRenderer;
  store: DocumentStore;
  looks: LookProvider;
  /** The municipality registry; default the one in reference/. */
  municipalities?: Registry;
  /** The installation's programmes (BF_PROGRAMMES_DIR); default those of config/programmes. */
  programmes?: ProgrammeRegistry;
  /** Signs the archive copies of signed documents (signing/pdf-signer.ts); default BF_PDF_SIGNER's, null: none. */
  signer?: PdfSigner | null;
  /** Reminder mail (BF_SMTP_URL, BF_MAIL_FROM, BF_PUBLIC_URL); unset: no mail is sent. */
  mail?: MailSettings;
  /** The ärenden a person may see, for reminders; default a visibility query (the time-skipping test server has none). */
  findArenden?: FindArenden;
}

export function createActivities(deps: ActivityDeps) {
  // One PDF signer for every activity that signs (the archive copies now, the justering of a protokoll next).
  const signer = (deps.signer === undefined ? pdfSignerFromEnv() : deps.signer) ?? undefined;
  return {
    allocateDiarienummer: makeAllocateDiarienummer(deps.client, deps.taskQueue),
    renderDocument: makeRenderDocument(deps),
    archiveDocument: makeArchiveDocument({ store: deps.store, signer }),
    registerHandling: makeRegisterHandling(deps),
    sendDailyMail: makeSendDailyMail(deps),
    getMeetingPlans: makeGetMeetingPlans(deps.client),
    getMunicipality: makeGetMunicipality(() => deps.municipalities ?? loadMunicipalityRegistry(), deps.client),
    notifyOnboarding: makeNotifyOnboarding(deps.client),
    handOverToOnboarding: makeHandOverToOnboarding(deps.client, deps.taskQueue, () => programmesOf(deps)),
    notifyArende: makeNotifyArende(deps.client),
    withdrawFromOnboarding: makeWithdrawFromOnboarding(deps.client),
    ...createOnboardingActivities(deps),
    ...createMeetingActivities({ ...deps, signsPdfs: signer !== undefined }),
  };
}

/** What workflows proxy: `proxyActivities<Activities>(…)` after `import type { Activities }`. */
export type Activities = ReturnType<typeof createActivities>;
