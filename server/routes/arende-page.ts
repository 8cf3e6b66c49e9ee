import type { Request, Response } from 'express';
import { ACTION_LABELS, ACTIONS } from '../../domain/stages';
import { DEFAULT_MAX_ATTACHMENT_BYTES } from '../../domain/attachments';
import type { ActionFormState } from '../action-forms';
import { getArende } from '../arenden';
import { arendePageModel } from '../arende-view';
import { signedIn } from '../auth/middleware';
import type { ServerContext } from '../context';
import { listHandlingar } from '../handlingar';
import { handlingarModel, type HandlingFormState } from '../handlingar-view';
import { renderPage } from '../views';

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
      nav: 'arenden',
    },
    status,
  );
}
