import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { stockholmDate } from '../../domain/iso-date';
import { anslagDeadline } from '../../domain/meeting/deadlines';
import { STANDARD_ITEMS } from '../../domain/meeting/model';
import { MEETING_ACTION_LABELS } from '../../domain/meeting/schemas';
import { signedIn } from '../auth/middleware';
import type { Principal } from '../auth/principal';
import type { ServerContext } from '../context';
import { ApiError } from '../http-errors';
import { DEFAULT_ORGANS } from '../../domain/organs';
import { renderPage } from '../views';
import { meetingOverview } from '../meeting-plans';
import { formToMeetingPayload } from './forms';
import { createMeeting, getMeeting, listMeetings, meetingAction, parseMeetingAction, type MeetingView } from './service';

/**
 * The nämndsekreterare's pages of the sammanträde: the list of meetings (and a new one), and the meeting page with
 * the steps allowed now at the top, the items with their § and minutes, the limits of the law flagged when passed, the
 * documents, the justering and the notice. The ordförande and the justerare justera (or reject) on the same page.
 */

const OUTCOMES = [
  { value: 'bifall', label: 'Bifall' },
  { value: 'avslag', label: 'Avslag' },
  { value: 'aterremiss', label: 'Återremiss' },
  { value: 'bordlaggning', label: 'Bordläggning' },
];

function pageModel(m: MeetingView, p: Principal, error?: ApiError) {
  const allowed = new Set(m.allowedActions);
  const isSecretary = p.role === 'namndsekreterare';
  const isSigner = m.justering.signers.some((x) => x.userId === p.userId);
  const hasSigned = m.justering.signatures.some((x) => x.userId === p.userId);
  const can = (a: Parameters<typeof allowed.has>[0]) => allowed.has(a) && isSecretary;
  const order = m.items.map((i) => i.id);
  const moved = (from: number, to: number) => {
    const o = [...order];
    [o[from], o[to]] = [o[to], o[from]];
    return o.join(',');
  };
  const today = stockholmDate(new Date());
  return {
    m,
    requestId: `web-${randomUUID()}`,
    error: error ? { message: error.message, fields: error.fields } : null,
    can: {
      edit: can('addItem'),
      reorder: can('reorderItems'),
      sendKallelse: can('sendKallelse'),
      open: can('openMeeting'),
      record: can('recordItem'),
      close: can('closeMeeting'),
      sendForJustering: can('sendForJustering'),
      justera: allowed.has('justera') && isSigner && !hasSigned,
      publish: can('publishAnslag'),
    },
    outcomes: OUTCOMES,
    standards: Object.entries(STANDARD_ITEMS)
      .filter(([k]) => !m.items.some((i) => i.standard === k))
      .map(([value, label]) => ({ value, label })),
    items: m.items.map((i, k) => ({
      ...i,
      kindLabel: i.kind === 'arende' ? 'Ärende' : i.kind === 'business' ? 'Övrigt ärende' : 'Stående punkt',
      up: k > 0 ? moved(k, k - 1) : null,
      down: k < order.length - 1 ? moved(k, k + 1) : null,
      outcomeLabel: OUTCOMES.find((o) => o.value === i.minutes?.outcome)?.label ?? null,
      utdrag: m.utdrag[i.id] ?? null,
      problems: i.fed?.problems ?? [],
    })),
    kallelser: m.kallelser.map((k) => ({
      ...k,
      label: `Kallelse och föredragningslista, version ${k.version}${k.outdated ? ' (inaktuell: punkterna har ändrats)' : ''}`,
    })),
    protokoll: m.protokoll.map((x, k) => {
      const justerat = m.status === 'justerat' && k === m.protokoll.length - 1;
      const label = justerat
        ? `Justerat protokoll${x.unsigned ? '' : ' (arkivexemplaret underskrivet elektroniskt)'}`
        : `Protokoll, justeringsomgång ${x.round}`;
      return { ...x, label };
    }),
    flagged: m.deadlines.filter((d) => d.status === 'passerad'),
    anslagSenast: m.justering.date ? anslagDeadline(m.justering.date) : null,
    anslagLate: m.justering.date ? anslagDeadline(m.justering.date) < today : false,
    today,
    lastLog: m.log.at(-1)?.text ?? '',
    actionLabels: MEETING_ACTION_LABELS,
  };
}

/**
 * The ärenden placed on this meeting day that are not on the meeting yet, to choose from (read through the list of
 * ärenden, i.e. the visibility store; where there is none the secretary types the ärende's id).
 */
async function candidates(ctx: ServerContext, p: Principal, m: MeetingView): Promise<Array<{ id: string; label: string }>> {
  try {
    const o = await meetingOverview(ctx, p, m.kommunkod, m.organ);
    const on = new Set(m.items.map((i) => i.arendeId));
    return (o.meetings.find((x) => x.date === m.date)?.arenden ?? [])
      .filter((a) => !on.has(a.id))
      .map((a) => ({ id: a.id, label: `${a.diarienummer ?? ''} ${a.title}`.trim() }));
  } catch {
    return [];
  }
}

async function showMeeting(ctx: ServerContext, req: Request, res: Response, id: string, error?: ApiError) {
  const p = signedIn(req);
  const m = await getMeeting(ctx, p, id);
  const choices = m.allowedActions.includes('addArende') ? await candidates(ctx, p, m) : [];
  renderPage(
    res,
    'mote',
    { title: `${m.organName} ${m.date}`, nav: 'moten', ...pageModel(m, p, error), choices, done: req.query.klart === '1' },
    error ? error.status : 200,
  );
}

export function meetingPagesRouter(ctx: ServerContext): Router {
  const router = Router();

  router.get('/moten', async (req, res) => {
    const p = signedIn(req);
    const kommunkod = p.kommunkod;
    const organs = kommunkod ? [{ kod: 'KF', namn: 'Kommunfullmäktige' }, ...(ctx.organs?.(kommunkod) ?? DEFAULT_ORGANS)] : [];
    renderPage(res, 'moten', {
      title: 'Kallelser och protokoll',
      nav: 'moten',
      meetings: kommunkod ? await listMeetings(ctx, p) : [],
      organs,
      kommunkod,
      canCreate: p.role === 'namndsekreterare',
      requestId: `web-${randomUUID()}`,
    });
  });

  router.post('/moten', async (req, res) => {
    const p = signedIn(req);
    const { meeting } = await createMeeting(ctx, p, {
      organ: req.body?.organ,
      date: req.body?.date,
      time: req.body?.time || undefined,
      place: req.body?.place || undefined,
    });
    res.redirect(303, `/moten/${meeting.id}`);
  });

  router.get('/moten/:id', async (req, res) => {
    await showMeeting(ctx, req, res, String(req.params.id));
  });

  router.post('/moten/:id/:action', async (req, res) => {
    const p = signedIn(req);
    const id = String(req.params.id);
    const action = parseMeetingAction(String(req.params.action));
    try {
      await meetingAction(ctx, p, id, action, formToMeetingPayload(action, (req.body ?? {}) as Record<string, unknown>));
    } catch (err) {
      if (err instanceof ApiError && err.status !== 404) return showMeeting(ctx, req, res, id, err);
      throw err;
    }
    res.redirect(303, `/moten/${id}?klart=1`);
  });

  return router;
}
