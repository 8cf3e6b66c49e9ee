/**
 * The rules an action must meet besides its stage, checked by the update validator and again when the action is
 * applied. Pure: state, payload and today in; a Rejection (machine code + Swedish message + fields) or nothing out.
 */
import type { ActionPayload } from './actions';
import { renews } from './renewal';
import { isOverdue } from './deadlines';
import { isMinorityRuleMet, minorityNeeded } from './minority';
import { compareIsoDates, type IsoDate } from './iso-date';
import type { Action } from './stages';
import type { Appeal, AppealCase, ArendeState, Decision, RejectionCode } from './arende-state';

export interface FieldProblem {
  field: string;
  rule: string;
  message: string;
}

export class Rejection extends Error {
  constructor(
    readonly code: RejectionCode,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
  }
}

function fieldError(field: string, rule: string, message: string): Rejection {
  return new Rejection('VALIDATION_FAILED', `Fel i ${field}: ${message}`, [{ field, rule, message }]);
}

function notInFuture(field: string, date: IsoDate, today: IsoDate): Rejection | undefined {
  if (compareIsoDates(date, today) > 0) return fieldError(field, 'in_future', `datumet ${date} har inte inträffat ännu (i dag är det ${today})`);
  return undefined;
}

function notBefore(field: string, date: IsoDate, earliest: IsoDate, what: string): Rejection | undefined {
  if (compareIsoDates(date, earliest) < 0) return fieldError(field, 'too_early', `datumet ${date} är före ${what} (${earliest})`);
  return undefined;
}

/** Every appeal of the decision: the list, or for a state from before the list, its one appeal. */
export function appealCases(a: Appeal): AppealCase[] {
  if (a.appeals) return a.appeals;
  if (!a.overklagande) return [];
  return [{ ...a.overklagande, ...(a.judgment ? { judgment: { ...a.judgment } } : {}) }];
}

/** The appeal a judgment decides: named by appellant (or case number), else the only one still without a final judgment. */
export function judgedCase(state: ArendeState, p: { appellant?: string; caseNumber?: string }): AppealCase | Rejection {
  const cases = state.appeal ? appealCases(state.appeal) : [];
  const open = cases.filter((c) => !c.judgment?.finalDate && c.judgment?.outcome !== 'quashed');
  const names = cases.map((c) => `${c.appellant} (inkom ${c.receivedDate}${c.caseNumber ? `, mål ${c.caseNumber}` : ''})`).join(', ');
  if (p.appellant) {
    const key = p.appellant.toLocaleLowerCase('sv');
    const found = cases.filter((c) => c.appellant.toLocaleLowerCase('sv') === key);
    if (found.length === 0)
      return new Rejection('VALIDATION_FAILED', `Fel i appellant: inget överklagande från ${p.appellant} är registrerat`, [
        { field: 'appellant', rule: 'unknown_appeal', message: `inget överklagande från ${p.appellant}; registrerade: ${names || 'inga'}` },
      ]);
    const waiting = found.find((c) => open.includes(c));
    if (!waiting) return new Rejection('PRECONDITION_FAILED', `Domen i ${p.appellant}s överklagande har redan vunnit laga kraft eller upphävt beslutet.`);
    return waiting;
  }
  if (p.caseNumber) {
    const byCase = open.find((c) => c.caseNumber === p.caseNumber || c.judgment?.caseNumber === p.caseNumber);
    if (byCase) return byCase;
  }
  if (open.length === 1) return open[0];
  if (open.length === 0) return new Rejection('PRECONDITION_FAILED', 'Inget överklagande väntar på dom.');
  return new Rejection('VALIDATION_FAILED', `Fel i appellant: ${open.length} överklaganden väntar på dom; ange vems överklagande domen gäller`, [
    { field: 'appellant', rule: 'which_appeal', message: `ange klaganden; väntar på dom: ${open.map((c) => c.appellant).join(', ')}` },
  ]);
}

/** The decision the current stage works on: the last one recorded. */
export function currentDecision(state: ArendeState): Decision | undefined {
  return state.decisions[state.decisions.length - 1];
}

export function unansweredReferrals(state: ArendeState) {
  return state.referrals.filter((r) => !r.answer);
}

const CHECKS: { [A in Action]?: (s: ArendeState, p: ActionPayload[A], today: IsoDate) => Rejection | undefined } = {
  sendReferrals: (_s, p, today) => {
    for (const [i, r] of p.referrals.entries()) {
      if (compareIsoDates(r.dueDate, today) <= 0)
        return fieldError(`referrals.${i}.dueDate`, 'not_after_today', `svarsdatum ${r.dueDate} måste vara efter i dag (${today})`);
    }
    return undefined;
  },
  recordReferralAnswer: (s, p, today) => {
    const r = s.referrals.find((x) => x.recipient.toLocaleLowerCase('sv') === p.recipient.toLocaleLowerCase('sv'));
    if (!r)
      return fieldError(
        'recipient',
        'unknown_referral',
        `ingen remiss har skickats till ${p.recipient} (remissinstanser: ${s.referrals.map((x) => x.recipient).join(', ')})`,
      );
    if (r.answer) return new Rejection('PRECONDITION_FAILED', `${r.recipient} har redan svarat på remissen.`);
    return p.date ? notInFuture('date', p.date, today) : undefined;
  },
  finishBeredning: (s, _p, today) => {
    const waiting = unansweredReferrals(s).filter((r) => !isOverdue(r.dueDate, today));
    if (waiting.length === 0) return undefined;
    return new Rejection(
      'PRECONDITION_FAILED',
      `Beredningen kan inte avslutas: svarstiden har inte gått ut för ${waiting.map((r) => `${r.recipient} (sista dag ${r.dueDate})`).join(', ')}.`,
    );
  },
  signTjansteutlatande: (s, p) => {
    if (s.signatures[p.role])
      return new Rejection(
        'PRECONDITION_FAILED',
        `Tjänsteutlåtandet (version ${s.draft.version}) är redan undertecknat av ${p.role === 'forvaltningschef' ? 'förvaltningschefen' : 'avdelningschefen'}.`,
      );
    return undefined;
  },
  placeOnMeeting: (s, p) => {
    if (p.meetingDate && s.meeting && s.meeting.date === p.meetingDate && s.stage === 'sammantrade')
      return new Rejection('PRECONDITION_FAILED', `Ärendet är redan placerat på sammanträdet ${p.meetingDate}.`);
    return undefined;
  },
  recordDecision: (s, p, today) => {
    if (!s.meeting) return new Rejection('PRECONDITION_FAILED', 'Ärendet är inte placerat på något sammanträde.');
    if (compareIsoDates(today, s.meeting.date) < 0)
      return new Rejection('PRECONDITION_FAILED', `Sammanträdet ${s.meeting.date} har inte hållits ännu; beslutet kan registreras från och med den dagen.`);
    if (p.minority && s.organ !== 'kf')
      return fieldError('minority', 'only_in_kf', 'minoritetsåterremiss och minoritetsbordläggning finns bara i kommunfullmäktige (KL 5 kap. 50 §)');
    if (p.minority && s.minorityUsed)
      return new Rejection(
        'MINORITY_RULE_USED',
        'En minoritet har redan begärt återremiss eller bordläggning i det här ärendet; det får ske en gång per ärende (KL 5 kap. 50 §).',
        [{ field: 'minority', rule: 'once_per_arende', message: 'minoritetsregeln är redan använd i ärendet' }],
      );
    if (p.minority && p.membersPresent !== undefined && p.membersRequesting !== undefined && !isMinorityRuleMet(p.membersPresent, p.membersRequesting))
      return fieldError(
        'membersRequesting',
        'below_one_third',
        `${p.membersRequesting} av ${p.membersPresent} närvarande är färre än en tredjedel; minst ${minorityNeeded(p.membersPresent)} måste begära det (KL 5 kap. 50 §)`,
      );
    return undefined;
  },
  recordJustering: (s, p, today) => {
    const d = currentDecision(s);
    if (d?.immediateJustering && p.date !== d.meetingDate)
      return fieldError(
        'date',
        'immediate_justering',
        `paragrafen justerades omedelbart vid sammanträdet; justeringsdatum är sammanträdesdagen ${d.meetingDate}`,
      );
    return notInFuture('date', p.date, today) ?? (d ? notBefore('date', p.date, d.meetingDate, 'sammanträdet') : undefined);
  },
  recordAnslag: (s, p, today) => {
    const j = currentDecision(s)?.justering;
    return notInFuture('date', p.date, today) ?? (j ? notBefore('date', p.date, j.date, 'justeringen') : undefined);
  },
  recordKsBeredning: (s, p, today) => {
    const a = [...s.decisions].reverse().find((d) => d.organ === 'namnd' && d.anslag)?.anslag;
    return (
      notInFuture('meetingDate', p.meetingDate, today) ??
      (a && s.organ === 'namnd' ? notBefore('meetingDate', p.meetingDate, a.date, 'nämndens anslag') : undefined)
    );
  },
  registerOverklagande: (s, p, today) => {
    const a = s.appeal;
    if (!a) return new Rejection('PRECONDITION_FAILED', 'Det finns inget beslut som kan överklagas.');
    return (
      notInFuture('receivedDate', p.receivedDate, today) ??
      notBefore('receivedDate', p.receivedDate, a.from, 'anslaget') ??
      (compareIsoDates(p.receivedDate, a.lastDay) > 0
        ? fieldError('receivedDate', 'after_appeal_period', `överklagandet kom in ${p.receivedDate}, efter sista dagen för överklagande (${a.lastDay})`)
        : undefined)
    );
  },
  recordCourtJudgment: (s, p, today) => {
    const judged = judgedCase(s, p);
    if (judged instanceof Rejection) return judged;
    const received = judged.receivedDate;
    return (
      notInFuture('date', p.date, today) ??
      notBefore('date', p.date, received, 'överklagandet') ??
      (p.delgivningDate ? notInFuture('delgivningDate', p.delgivningDate, today) : undefined) ??
      (p.finalDate ? notInFuture('finalDate', p.finalDate, today) : undefined)
    );
  },
  signAgreement: (s, p, today) => {
    if (s.agreement?.signatures[p.party])
      return new Rejection('PRECONDITION_FAILED', `Avtalet är redan undertecknat av ${p.party === 'skr' ? 'SKR' : 'kommunen'} i den här omgången.`);
    return p.date ? notInFuture('date', p.date, today) : undefined;
  },
  decideRenewal: (s, p) => {
    const end = s.agreement?.period.end;
    if (p.newPeriodEnd && end && compareIsoDates(p.newPeriodEnd, end) <= 0)
      return fieldError('newPeriodEnd', 'not_after_period', `den nya perioden måste sluta efter nuvarande period (${end})`);
    if (!renews(p.decision) && p.newPeriodEnd) return fieldError('newPeriodEnd', 'not_with_end', 'ange inget slutdatum när anslutningen ska upphöra');
    return undefined;
  },
  joinNamnd: (s, p, today) => {
    if (p.namnd.kod === s.namnd.kod || s.participants.some((x) => x.kod === p.namnd.kod))
      return new Rejection('PRECONDITION_FAILED', `${p.namnd.namn} (${p.namnd.kod}) ingår redan i anslutningen.`);
    return notInFuture('decisionDate', p.decisionDate, today);
  },
};

/**
 * Rules for new requests only, checked by the update validator but not when an accepted update is applied: the
 * validator does not run when a recorded history is replayed, so an older payload shape that these rules now refuse
 * (e.g. a KF minority decision recorded with only `minority: true`) still replays.
 */
export function checkNewRequest<A extends Action>(action: A, payload: ActionPayload[A]): Rejection | undefined {
  if (action === 'recordDecision') {
    const p = payload as ActionPayload['recordDecision'];
    if (p.minority && (p.membersPresent === undefined || p.membersRequesting === undefined)) {
      const fields = [
        ...(p.membersPresent === undefined ? [{ field: 'membersPresent', rule: 'required', message: 'ange hur många ledamöter som är närvarande' }] : []),
        ...(p.membersRequesting === undefined
          ? [{ field: 'membersRequesting', rule: 'required', message: 'ange hur många av de närvarande som begär återremiss eller bordläggning' }]
          : []),
      ];
      return new Rejection(
        'VALIDATION_FAILED',
        `Fel i ${fields.map((f) => f.field).join(', ')}: minoritetsregeln gäller bara när minst en tredjedel av de närvarande begär det (KL 5 kap. 50 §); ange antalen.`,
        fields,
      );
    }
  }
  return undefined;
}

export function checkAction<A extends Action>(state: ArendeState, action: A, payload: ActionPayload[A], today: IsoDate): Rejection | undefined {
  const check = CHECKS[action] as ((s: ArendeState, p: ActionPayload[A], t: IsoDate) => Rejection | undefined) | undefined;
  return check?.(state, payload, today);
}
