import { Router } from 'express';
import { DUE_KIND_LABELS } from '../due-labels';
import { dueWhen } from '../../domain/due-items';
import { signedIn } from '../auth/middleware';
import type { ServerContext } from '../context';
import { dueForMe, preferencesOf, savePreferences } from '../reminders';
import { renderPage } from '../views';
import { z } from 'zod';
import { parseOr400 } from '../http-errors';

/** The two checkboxes: present as "on" when ticked, absent otherwise; anything else is not this form. */
const preferencesForm = z.strictObject({
  reminders: z.literal('on', { error: 'ska vara en kryssruta' }).optional(),
  digest: z.literal('on', { error: 'ska vara en kryssruta' }).optional(),
});

/**
 * /mina-arenden: what is due for the signed-in person (overdue first) and their choice of reminder mails (issue 15
 * p. 2). The items come from domain/due-items.ts, the same function the morning mails use.
 */
export function minaArendenRouter(ctx: ServerContext): Router {
  const router = Router();

  router.get('/mina-arenden', async (req, res) => {
    const p = signedIn(req);
    const [items, prefs] = await Promise.all([dueForMe(ctx, p), preferencesOf(ctx, p)]);
    const overdue = items.filter((i) => i.overdue).length;
    renderPage(res, 'mina-arenden', {
      title: 'Mina ärenden',
      nav: 'mina',
      items: items.map((i) => ({
        ...i,
        kindLabel: DUE_KIND_LABELS[i.kind],
        when: i.dueDate ? `${i.dueDate} (${dueWhen(i.daysLeft)})` : 'Väntar, inget datum',
        href: `/arenden/${encodeURIComponent(i.arendeId)}`,
      })),
      overdue,
      prefs,
      email: p.email,
      mailEnabled: ctx.mailEnabled ?? false,
      saved: req.query.sparat === '1',
      isSkr: p.role === 'skr_admin',
    });
  });

  router.post('/mina-arenden/paminnelser', async (req, res) => {
    const p = signedIn(req);
    const body = parseOr400(preferencesForm, req.body ?? {});
    await savePreferences(ctx, p, { reminders: body.reminders === 'on', digest: body.digest === 'on' });
    res.redirect(303, '/mina-arenden?sparat=1#paminnelser');
  });

  return router;
}
