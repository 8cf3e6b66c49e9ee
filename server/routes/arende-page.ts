import type { Request, Response } from 'express';
import { ACTION_LABELS, ACTIONS } from '../../domain/stages';
import { DEFAULT_MAX_ATTACHMENT_BYTES } from '../../domain/attachments';
import type { ActionFormState } from '../action-forms';
import { getArende } from '../arenden';
import { arendePageModel } from '../arende-view';
import { signedIn } from '../auth/middleware';
import type { ServerContext } from '../context';
import { listHandlingar } from '../handlingar-list';
import { handlingarModel, type HandlingFormState } from '../handlingar-view';
import { renderPage } from '../views';
import { documentsInProgress, nextStep, pageFingerprint } from '../arende-next-step';
import { stageLabel } from '../format';
import { svCount } from '../../domain/text';

/** What the page says after an action ("klart=…"): what happened; the page itself shows the state it led to. */
export const DONE_MESSAGES: Record<string, string> = {
  registrerat: 'Ärendet är registrerat. Utkastet till tjänsteutlåtande skapas som PDF under Dokument.',
  handling: 'Handlingen är registrerad och finns under Inkomna och upprättade handlingar.',
  'handling-remissvar': 'Remissvaret är registrerat som inkommande handling och som svar på remissen.',
};
for (const a of ACTIONS) DONE_MESSAGES[a] = `${ACTION_LABELS[a]}: klart.`;

/** The ärende page: the process's state, its actions, documents and handlingar (one place for every route that shows it). */
export async function renderArendePage(
  ctx: ServerContext,
  req: Request,
  res: Response,
  id: string,
  opts: { failed?: ActionFormState; handlingFailed?: HandlingFormState; done?: string } = {},
  status = 200,
): Promise<void> {
  const p = signedIn(req);
  const [state, handlingar] = await Promise.all([getArende(ctx, p, id), listHandlingar(ctx, id)]);
  renderPage(
    res,
    'arende',
    {
      ...arendePageModel(state, p, ctx.kommunName, { failed: opts.failed, done: opts.done }),
      ...handlingarModel(state, handlingar, p, ctx.maxUploadBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES, opts.handlingFailed),
      // what comes next and who takes it; the page keeps up by itself (arende-live.ts, public/arende-live.js)
      nextStep: nextStep(state),
      documentsInProgress: documentsInProgress(state),
      liveVersion: pageFingerprint(state, handlingar.length),
      liveSummary: `Sidan har uppdaterats. Skede: ${stageLabel(state.stage)}. ${svCount(state.documents?.length ?? 0, 'dokument', 'dokument')}. Nästa steg: ${nextStep(state).text}`,
      nav: 'arenden',
    },
    status,
  );
}
