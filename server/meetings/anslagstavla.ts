import { createHash } from 'node:crypto';
import { Router, type Request } from 'express';
import { currentNotices, HOW_TO_APPEAL, verifyLog, type BoardNotice } from '../../domain/meeting/anslagstavla';
import type { MeetingState } from '../../domain/meeting/model';
import { boardQuery, boardWorkflowId, meetingStateQuery, type BoardState } from '../../workflows/meeting/messages';
import type { ServerContext } from '../context';

import { ApiError } from '../http-errors';
import { renderView } from '../views';
import { protokollJson } from './protokoll-json';

/**
 * The municipality's digital anslagstavla (KL 8 kap. 9–13 §§): public, no sign-in, its own layout apart from the rest
 * of the site. The page, the list as JSON and as an Atom feed, the hash-chained log of when each notice went up and came
 * down, and the protokoll of a notice as JSON. Read-only: nothing here changes anything.
 */

const sha256Hex = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex');

async function boardOf(ctx: ServerContext, kommunkod: string): Promise<BoardState> {
  if (!/^\d{4}$/.test(kommunkod) || !ctx.kommunName(kommunkod)) throw new ApiError(404, 'KOMMUN_NOT_FOUND', 'Kommunen finns inte');
  try {
    return await ctx.client.workflow.getHandle(boardWorkflowId(kommunkod)).query(boardQuery);
  } catch (err) {
    if ((err as Error).name === 'WorkflowNotFoundError') return { kommunkod, notices: [], log: [] };
    throw err;
  }
}

function noticeJson(n: BoardNotice, base: string) {
  return {
    id: n.id,
    kind: n.kind,
    organ: n.organName,
    meetingDate: n.meetingDate,
    ...(n.kind === 'kungorelse' ? { time: n.time, place: n.place, items: n.items ?? [] } : {}),
    ...(n.kind === 'protokoll'
      ? {
          justeringDate: n.justeringDate,
          paragraphs: n.paragraphs ?? null,
          protocolKeptAt: n.protocolKeptAt,
          lastAppealDay: n.lastAppealDay,
          howToAppeal: HOW_TO_APPEAL,
          protokoll: `${base}/protokoll/${n.meetingId}.json`,
        }
      : {}),
    upDate: n.upDate,
    downDate: n.downDate,
    wentUpAt: n.wentUpAt ?? null,
  };
}

function baseOf(req: Request, kommunkod: string): string {
  return `${req.protocol}://${req.get('host')}/anslagstavla/${kommunkod}`;
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function noticeTitle(n: BoardNotice): string {
  return n.kind === 'kungorelse' ? `Kungörelse: ${n.organName} sammanträder ${n.meetingDate}` : `Justerat protokoll: ${n.organName} ${n.meetingDate}`;
}

function noticeSummary(n: BoardNotice): string {
  return n.kind === 'kungorelse'
    ? `${n.organName} sammanträder ${n.meetingDate} kl. ${n.time ?? ''} i ${n.place ?? ''}.`
    : `Protokollet från ${n.organName}s sammanträde ${n.meetingDate} justerades ${n.justeringDate}. Anslaget ${n.upDate}–${n.downDate}. Protokollet förvaras: ${n.protocolKeptAt}. Sista dag för överklagande: ${n.lastAppealDay}.`;
}

export function anslagstavlaRouter(ctx: ServerContext): Router {
  const router = Router();

  router.get('/anslagstavla/:kommunkod', async (req, res) => {
    const kommunkod = String(req.params.kommunkod);
    const board = await boardOf(ctx, kommunkod);
    const notices = currentNotices(board.notices);
    const kommunName = ctx.kommunName(kommunkod) as string;
    res
      .type('html')
      .set('Cache-Control', 'no-cache')
      .send(
        renderView('anslagstavla', {
          kommunName,
          kommunkod,
          howToAppeal: HOW_TO_APPEAL,
          protokoll: notices.filter((n) => n.kind === 'protokoll'),
          kungorelser: notices.filter((n) => n.kind === 'kungorelse'),
        }),
      );
  });

  router.get('/anslagstavla/:kommunkod/anslag.json', async (req, res) => {
    const kommunkod = String(req.params.kommunkod);
    const board = await boardOf(ctx, kommunkod);
    const base = baseOf(req, kommunkod);
    res
      .set('Cache-Control', 'no-cache')
      .json({ kommunkod, kommun: ctx.kommunName(kommunkod), notices: currentNotices(board.notices).map((n) => noticeJson(n, base)) });
  });

  router.get('/anslagstavla/:kommunkod/atom.xml', async (req, res) => {
    const kommunkod = String(req.params.kommunkod);
    const board = await boardOf(ctx, kommunkod);
    const base = baseOf(req, kommunkod);
    const notices = currentNotices(board.notices);
    const updated = [...notices.map((n) => n.wentUpAt ?? ''), ...board.log.map((e) => e.at)].sort().at(-1) ?? new Date(0).toISOString();
    const entries = notices.map(
      (n) => `  <entry>
    <id>urn:beslutsflode:anslag:${xml(n.id)}</id>
    <title>${xml(noticeTitle(n))}</title>
    <updated>${xml(n.wentUpAt ?? updated)}</updated>
    <link rel="alternate" type="text/html" href="${xml(base)}"/>
    ${n.kind === 'protokoll' ? `<link rel="related" type="application/json" href="${xml(`${base}/protokoll/${n.meetingId}.json`)}"/>` : ''}
    <summary>${xml(noticeSummary(n))}</summary>
  </entry>`,
    );
    res
      .type('application/atom+xml; charset=utf-8')
      .set('Cache-Control', 'no-cache')
      .send(
        `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="sv">
  <id>urn:beslutsflode:anslagstavla:${kommunkod}</id>
  <title>${xml(`Anslagstavla – ${ctx.kommunName(kommunkod)}`)}</title>
  <updated>${xml(updated)}</updated>
  <author><name>${xml(ctx.kommunName(kommunkod) as string)}</name></author>
  <link rel="self" type="application/atom+xml" href="${xml(`${base}/atom.xml`)}"/>
  <link rel="alternate" type="text/html" href="${xml(base)}"/>
${entries.join('\n')}
</feed>
`,
      );
  });

  /** The log of when each notice went up and came down, with the check of its hash chain. */
  router.get('/anslagstavla/:kommunkod/logg.json', async (req, res) => {
    const board = await boardOf(ctx, String(req.params.kommunkod));
    res.set('Cache-Control', 'no-cache').json({ verified: verifyLog(board.log, sha256Hex), entries: board.log });
  });

  /** A justerat protokoll whose notice went up, as JSON (the public's copy; signed-in users have /api/sammantraden/:id/protokoll). */
  router.get('/anslagstavla/:kommunkod/protokoll/:file', async (req, res) => {
    const kommunkod = String(req.params.kommunkod);
    const board = await boardOf(ctx, kommunkod);
    const id = String(req.params.file).replace(/\.json$/, '');
    const notice = board.notices.find((n) => n.kind === 'protokoll' && n.meetingId === id && n.wentUpAt);
    if (!notice) throw new ApiError(404, 'NOTICE_NOT_FOUND', 'Inget anslaget protokoll med det namnet');
    const s = (await ctx.client.workflow.getHandle(id).query(meetingStateQuery)) as MeetingState;
    res.set('Cache-Control', 'no-cache').json(protokollJson(s));
  });

  return router;
}
