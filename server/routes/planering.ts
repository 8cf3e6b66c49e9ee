import { Router } from 'express';
import { signedIn } from '../auth/middleware';
import type { ServerContext } from '../context';
import { ApiError } from '../http-errors';
import { planForTarget } from '../planering';
import { renderPage } from '../views';

/** Planering: a target start date in, the latest date of each step out, and whether it can still be reached. */
export function planeringRouter(ctx: ServerContext): Router {
  const router = Router();
  router.get('/planering', async (req, res) => {
    const p = signedIn(req);
    const q = req.query as Record<string, string | undefined>;
    const values = {
      targetStart: q.targetStart ?? '',
      namnd: q.namnd ?? p.namnder?.[0] ?? 'SN',
      kfRequired: q.targetStart === undefined ? true : q.kfRequired === 'true',
    };
    let result: Awaited<ReturnType<typeof planForTarget>> | undefined;
    let fieldErrors: Record<string, string> = {};
    let status = 200;
    if (q.targetStart !== undefined) {
      try {
        result = await planForTarget(ctx, p, { targetStart: values.targetStart, namnd: values.namnd, kfRequired: String(values.kfRequired) });
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 400) throw err;
        status = 400;
        fieldErrors = Object.fromEntries(err.fields.map((f) => [f.field, f.message]));
      }
    }
    renderPage(
      res,
      'planering',
      {
        title: 'Planering',
        nav: 'planering',
        formId: 'planering',
        values,
        fieldErrors,
        errors: Object.entries(fieldErrors).map(([f, message]) => ({
          href: `#planering-${f}`,
          label: { targetStart: 'Önskat startdatum', namnd: 'Nämnd', kfRequired: 'Kommunfullmäktige' }[f] ?? f,
          message,
        })),
        result: result && {
          ...result,
          milestones: result.milestones.map((m) => ({ ...m, reachable: !m.late })),
        },
      },
      status,
    );
  });
  return router;
}
