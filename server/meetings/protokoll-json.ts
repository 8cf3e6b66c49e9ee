import type { MeetingState } from '../../domain/meeting/model';
import { decisionLines } from '../../workflows/meeting/documents';

/**
 * The protokoll as structured data (issue 12 p. 3): the meeting, who was there, every § with its yrkanden,
 * propositionsordning, beslut, votes (each member's) and reservations, and the justering. The same data the PDF prints.
 */
export function protokollJson(s: MeetingState) {
  const justerat = s.status === 'justerat' || s.status === 'anslaget' || s.status === 'nedtaget';
  const a = s.attendance;
  return {
    meeting: { id: s.id, kommunkod: s.kommunkod, organ: s.organ, organName: s.organName, date: s.date, time: s.time, place: s.place },
    status: s.status,
    justerat,
    attendance: a ? { present: a.present, serving: a.serving, absent: a.absent, others: a.others } : null,
    items: s.items.map((i) => {
      const m = i.minutes;
      return {
        paragraph: i.paragraph ?? null,
        kind: i.kind,
        title: i.title,
        diarienummer: i.diarienummer ?? null,
        rapporteur: i.rapporteur ?? null,
        arendeId: i.arendeId ?? null,
        jav: m?.jav ?? [],
        proposals: m?.yrkanden ?? [],
        propositionsordning: m?.propositionsordning ?? null,
        outcome: m?.outcome ?? null,
        decision: decisionLines(s, i),
        reason: m?.reason ?? null,
        vote: m?.votering
          ? {
              question: m.votering.question,
              ja: m.votering.ja,
              nej: m.votering.nej,
              votes: m.votering.votes,
              result: m.votering.result,
              casting: m.votering.casting ?? null,
            }
          : null,
        reservations: m?.reservations ?? [],
        notes: m?.anteckningar ?? [],
        immediateJustering: m?.immediateJustering ?? false,
      };
    }),
    justering: {
      date: s.justering.date ?? null,
      signers: s.justering.signers.map((x) => ({
        role: x.role,
        name: x.name,
        justerat: s.justering.signatures.find((y) => y.userId === x.userId)?.date ?? null,
      })),
      rejections: s.justering.rejections.map((r) => ({ role: r.role, name: r.name, comment: r.comment, at: r.at })),
    },
    anslag: s.notice
      ? { upDate: s.notice.upDate, downDate: s.notice.downDate, lastAppealDay: s.notice.lastAppealDay, protocolKeptAt: s.notice.protocolKeptAt }
      : null,
  };
}
