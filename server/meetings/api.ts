import { Router } from 'express';
import { signedIn } from '../auth/middleware';
import type { ServerContext } from '../context';
import { createMeeting, getMeeting, listMeetings, meetingAction, meetingArchiveCopy, meetingDocument } from './service';
import { protokollJson } from './protokoll-json';

/**
 * /api/sammantraden: the municipality's meetings.
 *   POST /api/sammantraden { organ, date, time?, place? } → 201 (200 when it existed)
 *   GET  /api/sammantraden → the list; GET /api/sammantraden/:id → the meeting with its limits and allowed steps
 *   POST /api/sammantraden/:id/atgarder/:action → a step (domain/meeting/schemas.ts); 200 { result, state }
 *   GET  /api/sammantraden/:id/protokoll → the protokoll as JSON (items, votes, reservations)
 *   GET  /api/sammantraden/:id/dokument/:docId → a PDF of the meeting
 *   GET  /api/sammantraden/:id/dokument/:docId/arkivexemplar → its PDF/A-2b archive copy (signed when justerat)
 */
export function meetingsApiRouter(ctx: ServerContext): Router {
  const router = Router();
  router.post('/api/sammantraden', async (req, res) => {
    const { created, meeting } = await createMeeting(ctx, signedIn(req), req.body);
    res
      .status(created ? 201 : 200)
      .location(`/api/sammantraden/${meeting.id}`)
      .json(meeting);
  });
  router.get('/api/sammantraden', async (req, res) => {
    res.json({ meetings: await listMeetings(ctx, signedIn(req)) });
  });
  router.get('/api/sammantraden/:id', async (req, res) => {
    res.json(await getMeeting(ctx, signedIn(req), String(req.params.id)));
  });
  router.post('/api/sammantraden/:id/atgarder/:action', async (req, res) => {
    res.json(await meetingAction(ctx, signedIn(req), String(req.params.id), String(req.params.action), req.body));
  });
  router.get('/api/sammantraden/:id/protokoll', async (req, res) => {
    res.json(protokollJson(await getMeeting(ctx, signedIn(req), String(req.params.id))));
  });
  router.get('/api/sammantraden/:id/dokument/:docId', async (req, res) => {
    const { record, bytes } = await meetingDocument(ctx, signedIn(req), String(req.params.id), String(req.params.docId));
    res
      .type('application/pdf')
      .set('Content-Disposition', `inline; filename="${record.type}-${record.version}.pdf"`)
      .set('ETag', `"${record.sha256}"`)
      .send(Buffer.from(bytes));
  });
  /** The PDF/A-2b archive copy, with the justering's signatures in the protokoll's (docs/meeting.md). */
  router.get('/api/sammantraden/:id/dokument/:docId/arkivexemplar', async (req, res) => {
    const { record, bytes } = await meetingArchiveCopy(ctx, signedIn(req), String(req.params.id), String(req.params.docId));
    res
      .type('application/pdf')
      .set('Content-Disposition', `inline; filename="${record.type}-${record.version}-arkiv.pdf"`)
      .set('ETag', `"${record.archival!.sha256}"`)
      .send(Buffer.from(bytes));
  });
  return router;
}
