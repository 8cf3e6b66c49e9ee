import { Router, type Response } from 'express';
import { meetingPlanSchema, type MeetingPlan } from '../../domain/meetings';
import { forbiddenCharacter, forbiddenCharacterMessage } from '../../domain/text';
import { signedIn } from '../auth/middleware';
import { canEditMeetingPlans, type Principal } from '../auth/principal';
import type { ServerContext } from '../context';
import { stageLabel } from '../format';
import { ApiError, fieldErrorsFromZod, type FieldError } from '../http-errors';
import { foredragningslista, kommunOf, meetingOverview, organsOf } from '../meeting-plans';
import { replacePlan } from '../meeting-plan-change';
import { isConfirmationRequired, renderConfirmation } from '../confirmation-page';
import { renderPage } from '../views';

/** Sammanträden: each body's plan (editable by the nämndsekreterare), its ärenden and the föredragningslista. */

/** The plan as lines "sammanträdesdag sista-dag-för-handlingar", the way a secretary copies it from the calendar. */
export function planToText(plan: MeetingPlan): string {
  return plan.meetings.map((m) => `${m.date} ${m.documentDeadline}`).join('\n');
}

export function textToMeetings(text: string): Array<{ date: string; documentDeadline: string }> {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [date = '', documentDeadline = ''] = l.split(/[\s;,]+/);
      return { date, documentDeadline };
    });
}

/**
 * A plan error as the secretary reads it: the row of the text field counted from 1 ("Rad 2: Sammanträdesdagen …"),
 * never the API's path ("meetings.1.date"); the message itself names the field in Swedish (domain/meetings.ts).
 */
export function planErrorText(f: FieldError): string {
  const row = /^meetings\.(\d+)(\.|$)/.exec(f.field);
  const message = f.message.charAt(0).toUpperCase() + f.message.slice(1);
  return row ? `Rad ${Number(row[1]) + 1}: ${message}` : message;
}

export function sammantradenRouter(ctx: ServerContext): Router {
  const router = Router();

  router.get('/sammantraden', async (req, res) => {
    const p = signedIn(req);
    const kommunkod = kommunOf(p, (req.query.kommunkod as string | undefined) ?? (p.role === 'skr_admin' ? '0180' : undefined));
    renderPage(res, 'sammantraden', {
      title: 'Sammanträden',
      nav: 'sammantraden',
      kommunName: ctx.kommunName(kommunkod),
      kommunkod,
      isSkr: p.role === 'skr_admin',
      organs: await organsOf(ctx, p, kommunkod),
    });
  });

  const show = async (
    res: Response,
    p: Principal,
    kommunkod: string,
    organ: string,
    form?: { name: string; text: string; fields: FieldError[] },
    status = 200,
  ) => {
    const o = await meetingOverview(ctx, p, kommunkod, organ);
    const byField: Record<string, string> = {};
    for (const f of form?.fields ?? []) byField[f.field === 'name' ? 'name' : 'meetings'] ??= planErrorText(f);
    renderPage(
      res,
      'sammantrade',
      {
        title: `Sammanträden – ${o.name}`,
        nav: 'sammantraden',
        formId: 'plan',
        o,
        kommunName: ctx.kommunName(kommunkod),
        kommunQuery: p.role === 'skr_admin' ? `?kommunkod=${kommunkod}` : '',
        meetings: o.meetings.map((m) => ({ ...m, arenden: m.arenden.map((a) => ({ ...a, stageLabel: stageLabel(a.stage) })) })),
        canEdit: canEditMeetingPlans(p, kommunkod),
        planName: form?.name ?? o.name,
        planText: form?.text ?? planToText(o.plan),
        fieldErrors: byField,
        errors: Object.entries(byField).map(([name, message]) => ({ href: `#plan-${name}`, label: name === 'name' ? 'Namn' : 'Sammanträden', message })),
        saved: res.locals.saved,
      },
      status,
    );
  };

  router.get('/sammantraden/:organ', async (req, res) => {
    const p = signedIn(req);
    res.locals.saved = req.query.sparad === '1';
    await show(res, p, kommunOf(p, (req.query.kommunkod as string | undefined) ?? (p.role === 'skr_admin' ? '0180' : undefined)), String(req.params.organ));
  });

  router.post('/sammantraden/:organ', async (req, res) => {
    const p = signedIn(req);
    const organ = String(req.params.organ);
    const name = String(req.body?.name ?? '');
    const text = String(req.body?.meetings ?? '');
    // A hidden character in the text field would vanish in the split and trim below: refused, as in every other field.
    const hidden = forbiddenCharacter(text);
    if (hidden)
      return show(
        res,
        p,
        kommunOf(p),
        organ,
        { name, text, fields: [{ field: 'meetings', rule: 'invalid', message: `Sammanträdena ${forbiddenCharacterMessage(hidden)}` }] },
        400,
      );
    const candidate = { organ, name, meetings: textToMeetings(text) };
    const parsed = meetingPlanSchema.safeParse(candidate);
    if (!parsed.success) return show(res, p, kommunOf(p), organ, { name, text, fields: fieldErrorsFromZod(parsed.error) }, 400);
    try {
      await replacePlan(ctx, p, organ, { ...parsed.data, confirmationToken: req.body?.confirmationToken });
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) return show(res, p, kommunOf(p), organ, { name, text, fields: err.fields }, 400);
      // The change re-plans ärenden: the page asks first (Bekräfta posts the same plan again with the token).
      if (isConfirmationRequired(err)) {
        return renderConfirmation(res, err, {
          title: `Bekräfta ändrad sammanträdesplan – ${name}`,
          heading: `Bekräfta ändringen av ${name}s sammanträdesplan`,
          nav: 'sammantraden',
          action: `/sammantraden/${organ}`,
          cancelHref: `/sammantraden/${organ}`,
          fields: { name, meetings: text },
        });
      }
      throw err;
    }
    res.redirect(303, `/sammantraden/${organ}?sparad=1`);
  });

  router.get('/sammantraden/:organ/:date/foredragningslista', async (req, res) => {
    const p = signedIn(req);
    const kommunkod = kommunOf(p, (req.query.kommunkod as string | undefined) ?? (p.role === 'skr_admin' ? '0180' : undefined));
    const { ref, bytes } = await foredragningslista(ctx, p, kommunkod, String(req.params.organ), String(req.params.date));
    res
      .type('application/pdf')
      .set('Content-Disposition', `attachment; filename="foredragningslista-${req.params.organ}-${req.params.date}.pdf"`)
      .set('ETag', `"${ref.sha256}"`)
      .send(Buffer.from(bytes));
  });

  return router;
}
