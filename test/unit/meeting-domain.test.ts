import { createHash } from 'node:crypto';
import { applyStep, MeetingRefusal, newMeeting, numberItems, type StepContext } from '../../domain/meeting/commands';
import { anslagDeadline, justeringDeadline, kallelseDeadline, meetingDeadlines, noticePeriod } from '../../domain/meeting/deadlines';
import { currentNotices, GENESIS_HASH, logEntryText, paragraphRange, verifyLog, type BoardLogEntry, type BoardNotice } from '../../domain/meeting/anslagstavla';
import type { MeetingState } from '../../domain/meeting/model';
import { MEETING_ACTION_SCHEMAS, type MeetingAction, type MeetingInput } from '../../domain/meeting/schemas';
import { tally, voteProblems, voters } from '../../domain/meeting/votes';

const sha = (t: string) => createHash('sha256').update(t).digest('hex');

let n = 0;
const ids = () => `item-${String(++n).padStart(8, '0')}`;
const ctx = (today = '2026-09-15'): StepContext => ({ today, now: `${today}T10:00:00.000Z`, actor: 'Sara Sekreterare (nämndsekreterare)', newId: ids });

function meeting(organ = 'SN'): MeetingState {
  return newMeeting(
    {
      id: `sammantrade-0180-${organ}-2026-09-15`,
      kommunkod: '0180',
      organ,
      organName: 'Socialnämnden',
      date: '2026-09-15',
      time: '13:00',
      place: 'Rum 1',
      createdBy: 'Sara',
      now: '2026-08-01T08:00:00Z',
    },
    ids,
  );
}

let req = 0;
function step<A extends MeetingAction>(s: MeetingState, action: A, body: Omit<MeetingInput[A], 'requestId' | 'actor'>, c = ctx()) {
  const p = MEETING_ACTION_SCHEMAS[action].parse({ requestId: `req-${String(++req).padStart(6, '0')}`, actor: { name: 'Sara' }, ...body });
  return applyStep(s, action, p as never, c);
}

describe('deadlines of a meeting', () => {
  test('KF: kungörelse at least a week before (KL 5 kap. 12 §); nämnd: none by law', () => {
    expect(kallelseDeadline('KF', '2026-09-28')).toBe('2026-09-21');
    expect(kallelseDeadline('SN', '2026-09-28')).toBeUndefined();
  });
  test('justering within 14 days, anslag by the second day after, appeal three weeks from the notice', () => {
    expect(justeringDeadline('2026-09-15')).toBe('2026-09-29');
    expect(anslagDeadline('2026-09-18')).toBe('2026-09-20');
    expect(noticePeriod('2024-06-20')).toEqual({ upDate: '2024-06-20', lastAppealDay: '2024-07-11', downDate: '2024-07-12' });
  });
  test('the justering limit is flagged when passed, met when done in time', () => {
    expect(meetingDeadlines({ organ: 'SN', date: '2026-09-15' }, '2026-09-30').find((d) => d.kind === 'justering')?.status).toBe('passerad');
    expect(meetingDeadlines({ organ: 'SN', date: '2026-09-15', justeradOn: '2026-09-20' }, '2026-10-30').find((d) => d.kind === 'justering')).toMatchObject({
      status: 'ok',
      doneOn: '2026-09-20',
    });
    expect(meetingDeadlines({ organ: 'SN', date: '2026-09-15', justeradOn: '2026-09-20' }, '2026-09-23').find((d) => d.kind === 'anslag')?.status).toBe(
      'passerad',
    );
  });
});

describe('votes', () => {
  const attendance = { present: [{ name: 'A' }, { name: 'B' }, { name: 'C' }], serving: [{ name: 'D', replaces: 'E' }], absent: [{ name: 'E' }], others: [] };
  test('those who serve vote, not those with jäv', () => {
    expect(voters(attendance, ['b'])).toEqual(['A', 'C', 'D']);
  });
  test('a missing, double or foreign vote is named', () => {
    expect(
      voteProblems(
        [
          { member: 'A', vote: 'ja' },
          { member: 'A', vote: 'nej' },
          { member: 'E', vote: 'ja' },
        ],
        ['A', 'C'],
      ).map((p) => p.message),
    ).toEqual(['A har redan röstat', 'E tjänstgör inte eller har jäv i ärendet och får inte rösta', 'röst saknas för C (ange avstår för den som inte röstar)']);
  });
  test('tally and the utslagsröst on equal votes', () => {
    expect(tally([{ vote: 'ja' }, { vote: 'nej' }, { vote: 'ja' }, { vote: 'avstar' }])).toEqual({ ja: 2, nej: 1, avstar: 1, winner: 'ja' });
    expect(tally([{ vote: 'ja' }, { vote: 'nej' }])).toMatchObject({ winner: 'lika' });
    expect(tally([{ vote: 'ja' }, { vote: 'nej' }], 'nej')).toMatchObject({ winner: 'nej' });
  });
});

describe('the meeting, step by step', () => {
  test('standard items open and close it; an ärende goes between; reorder only before the kallelse', () => {
    const s = meeting();
    expect(s.items.map((i) => i.standard)).toEqual(['upprop', 'justerare', 'dagordning', 'delegationsbeslut', 'meddelanden']);
    step(s, 'addItem', { title: 'Budget', diarienummer: 'SN 2026/1' });
    expect(s.items[3].title).toBe('Budget');
    const order = [...s.items].reverse().map((i) => i.id);
    step(s, 'reorderItems', { order });
    expect(s.items[0].standard).toBe('meddelanden');
    expect(() => step(s, 'reorderItems', { order: order.slice(1) })).toThrow(MeetingRefusal);
    // A field at fault is the product's one code (workflows/engine/failures.ts), naming the field and the rule.
    expect(() => step(s, 'reorderItems', { order: order.slice(1) })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', fields: [expect.objectContaining({ field: 'order', rule: 'not_a_permutation' })] }),
    );
    step(s, 'sendKallelse', {});
    expect(s.status).toBe('kallad');
    expect(() => step(s, 'reorderItems', { order })).toThrow(/Ändra ordning/);
    expect(() => step(s, 'sendKallelse', {})).toThrow(/redan skickad/);
    step(s, 'addItem', { title: 'Extra ärende' });
    expect(s.kallelser[0].outdated).toBe(true);
    expect(step(s, 'sendKallelse', {}).message).toContain('version 2, ändrad');
  });

  test('open, number, vote, close, justera by two, publish; backdating refused', () => {
    const s = meeting();
    step(s, 'addItem', { title: 'Budget' });
    step(s, 'sendKallelse', {});
    expect(() => step(s, 'openMeeting', {}, ctx('2026-09-14'))).toThrow(/kan öppnas från och med/);
    const r = step(s, 'openMeeting', {});
    expect(r.effects[0]).toMatchObject({ kind: 'allocateParagraphs' });
    numberItems(s, Object.fromEntries(s.items.map((i, k) => [i.id, 40 + k])));
    const budget = s.items.find((i) => i.title === 'Budget')!;
    step(s, 'setAttendance', { present: [{ name: 'A' }, { name: 'B' }, { name: 'C' }] });
    step(s, 'recordItem', {
      itemId: budget.id,
      outcome: 'bifall',
      decision: ['Budgeten fastställs.'],
      votering: {
        question: 'Bifall?',
        ja: 'förslaget',
        nej: 'avslag',
        votes: [
          { member: 'A', vote: 'ja' },
          { member: 'B', vote: 'ja' },
          { member: 'C', vote: 'nej' },
        ],
      },
      reservations: [{ who: 'C', text: 'Skriftlig reservation' }],
    });
    expect(budget.minutes?.votering?.result).toEqual({ ja: 2, nej: 1, avstar: 0, winner: 'ja' });
    step(s, 'closeMeeting', {});
    expect(() => step(s, 'sendForJustering', {})).toThrow(/Ordförande och justerare/);
    step(s, 'setSigners', { ordforande: { name: 'O', userId: 'u-o' }, justerare: [{ name: 'J', userId: 'u-j' }] });
    step(s, 'sendForJustering', {});
    expect(() => step(s, 'justera', { userId: 'u-x' })).toThrow(/inte ordförande eller justerare/);
    step(s, 'rejectJustering', { userId: 'u-j', comment: 'Fel i § 44' });
    expect(s.status).toBe('protokoll');
    step(s, 'sendForJustering', {});
    expect(s.justering.round).toBe(2);
    step(s, 'justera', { userId: 'u-o' }, ctx('2026-09-17'));
    expect(step(s, 'justera', { userId: 'u-j' }, ctx('2026-09-18')).effects).toEqual([{ kind: 'justerat' }]);
    expect(s.justering.date).toBe('2026-09-18');
    expect(() => step(s, 'publishAnslag', { date: '2026-09-17', protocolKeptAt: 'Stadshuset' }, ctx('2026-09-19'))).toThrow(/bakåt i tiden/);
    const late = step(s, 'publishAnslag', { date: '2026-09-21', protocolKeptAt: 'Stadshuset' }, ctx('2026-09-21'));
    expect(late.message).toContain('senare än andra dagen');
    expect(s.notice).toMatchObject({ upDate: '2026-09-21', lastAppealDay: '2026-10-12', downDate: '2026-10-13', late: true });
  });

  test('an ärende item needs an outcome; a decision sent to the ärende cannot be changed here', () => {
    const s = meeting();
    step(s, 'addArende', { arendeId: 'arende-1', title: 'Yrkesresan', diarienummer: 'SN 2026/7' });
    step(s, 'sendKallelse', {});
    step(s, 'openMeeting', {});
    const item = s.items.find((i) => i.kind === 'arende')!;
    expect(() => step(s, 'recordItem', { itemId: item.id })).toThrow(/ange beslutet i ärendet/);
    expect(step(s, 'recordItem', { itemId: item.id, outcome: 'bifall' }).effects).toEqual([{ kind: 'feedDecision', itemId: item.id }]);
    item.fed = { decision: 'ok' };
    expect(() => step(s, 'recordItem', { itemId: item.id, outcome: 'avslag' })).toThrow(/redan registrerat/);
  });
});

describe('the anslagstavla', () => {
  test('the log is a hash chain: a changed entry is found', () => {
    const entries: BoardLogEntry[] = [];
    let prev = GENESIS_HASH;
    for (const [i, event] of (['upp', 'ned'] as const).entries()) {
      const e = { seq: i + 1, at: `2026-09-2${i}T00:00:00Z`, event, noticeId: 'n1', upDate: '2026-09-20', downDate: '2026-10-13', prevHash: prev };
      const hash = sha(logEntryText(e));
      entries.push({ ...e, hash });
      prev = hash;
    }
    expect(verifyLog(entries, sha)).toEqual({ ok: true });
    expect(verifyLog([{ ...entries[0], at: '2026-09-19T00:00:00Z' }, entries[1]], sha)).toEqual({ ok: false, brokenAt: 1 });
    expect(verifyLog([entries[1]], sha)).toEqual({ ok: false, brokenAt: 2 });
  });
  test('current notices: up and not yet down', () => {
    const base: BoardNotice = {
      id: 'a',
      kind: 'protokoll',
      meetingId: 'm',
      organ: 'SN',
      organName: 'Socialnämnden',
      meetingDate: '2026-09-15',
      upDate: '2026-09-20',
      downDate: '2026-10-13',
      wentUpAt: 'x',
    };
    expect(currentNotices([base])).toHaveLength(1);
    expect(currentNotices([{ ...base, cameDownAt: 'y' }])).toHaveLength(0);
    expect(currentNotices([{ ...base, wentUpAt: undefined }])).toHaveLength(0);
    expect(paragraphRange([12, 14, 13])).toBe('§§ 12–14');
  });
});
