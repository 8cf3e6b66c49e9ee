import { ApplicationFailure, allHandlersFinished, condition, setHandler, uuid4, workflowInfo } from '@temporalio/workflow';
import { applyStep, MeetingRefusal, newMeeting, type StepContext } from '../../domain/meeting/commands';
import type { MeetingState } from '../../domain/meeting/model';
import { MEETING_ACTION_LABELS, MEETING_ACTION_SCHEMAS, MEETING_ACTIONS, type MeetingAction, type MeetingPayload } from '../../domain/meeting/schemas';
import { stockholmDate, stockholmMidnight } from '../../domain/iso-date';
import { anslagPending, feedAnslag, preEffects, runEffects } from './effects';
import { MEETING_UPDATES, meetingStateQuery, type MeetingActionResult, type MeetingWorkflowInput } from './messages';

/**
 * The sammanträde of one organ on one day (issue 12; DOMAIN.md §7), from planning through kallelse, the meeting, the
 * protokoll and its justering to the notice on the anslagstavla and the end of the appeal period. Each step is an
 * Update whose validator tries the pure step (domain/meeting/commands.ts) on a copy of the state, so a refused step
 * changes nothing; the handler applies it and carries out its effects (workflows/meeting/effects.ts): documents, §
 * numbers, and the decisions, justering and anslag that each adoption ärende on the meeting receives through its own
 * updates. Steps run one at a time. The handlers are thin on purpose, to move onto the shared stage engine later.
 */
export async function meetingWorkflow(input: MeetingWorkflowInput, carried?: MeetingState): Promise<void> {
  let state: MeetingState = carried ?? newMeeting({ id: workflowId(), ...input, now: new Date().toISOString() }, () => uuid4());
  const results = new Map<string, { fingerprint: string; result: MeetingActionResult }>();
  let queue: Promise<unknown> = Promise.resolve();
  let changes = 0;
  const outbox: Promise<unknown>[] = [];

  const stepContext = (actor: string, newId: () => string): StepContext => ({ today: stockholmDate(new Date()), now: new Date().toISOString(), actor, newId });

  const parse = <A extends MeetingAction>(action: A, raw: unknown): MeetingPayload[A] => {
    const parsed = MEETING_ACTION_SCHEMAS[action].safeParse(raw);
    if (parsed.success) return parsed.data as MeetingPayload[A];
    const fields = parsed.error.issues.map((i) => ({
      field: i.path.map(String).join('.') || '(body)',
      rule: i.code === 'custom' ? 'invalid' : i.code,
      message: i.message,
    }));
    throw failure(
      new MeetingRefusal(
        'INVALID_INPUT',
        `"${MEETING_ACTION_LABELS[action]}" innehåller fel i: ${[...new Set(fields.map((f) => f.field))].join(', ')}`,
        fields,
      ),
    );
  };

  const tryOnCopy = <A extends MeetingAction>(action: A, p: MeetingPayload[A]) => {
    const copy = JSON.parse(JSON.stringify(state)) as MeetingState;
    try {
      return { copy, result: applyStep(copy, action, p, stepContext(actorName(p.actor), uuid4)) };
    } catch (err) {
      throw err instanceof MeetingRefusal ? failure(err) : err;
    }
  };

  const perform = async <A extends MeetingAction>(action: A, raw: unknown): Promise<MeetingActionResult> => {
    const p = parse(action, raw);
    const known = results.get(p.requestId);
    if (known) {
      if (known.fingerprint !== `${action}:${JSON.stringify(p)}`) throw reused(p.requestId);
      return known.result;
    }
    const actor = actorName(p.actor);
    await preEffects(state, action, p);
    const { copy, result } = tryOnCopy(action, p);
    state = copy;
    state.log.push({ at: new Date().toISOString(), actor, action, text: result.message, requestId: p.requestId });
    const documentIds = await runEffects(() => state, result.effects, { actor, input, outbox, state: () => state });
    const out: MeetingActionResult = {
      requestId: p.requestId,
      action,
      status: state.status,
      message: result.message,
      documentIds,
      at: new Date().toISOString(),
    };
    results.set(p.requestId, { fingerprint: `${action}:${JSON.stringify(p)}`, result: out });
    changes += 1;
    return out;
  };

  setHandler(meetingStateQuery, () => state);
  for (const action of MEETING_ACTIONS) {
    setHandler(
      MEETING_UPDATES[action] as never,
      ((raw: unknown) => {
        // One step at a time: each sees the state the one before left.
        const run = queue.then(() => perform(action, raw));
        queue = run.catch(() => undefined);
        return run;
      }) as never,
      {
        validator: ((raw: unknown) => {
          const p = parse(action, raw);
          const known = results.get(p.requestId);
          if (known) {
            if (known.fingerprint !== `${action}:${JSON.stringify(p)}`) throw reused(p.requestId);
            return;
          }
          // Tried on a copy with placeholder ids: a validator must not draw from the workflow's random sequence.
          const copy = JSON.parse(JSON.stringify(state)) as MeetingState;
          try {
            applyStep(
              copy,
              action,
              p,
              stepContext(actorName(p.actor), () => 'validator-placeholder'),
            );
          } catch (err) {
            throw err instanceof MeetingRefusal ? failure(err) : err;
          }
        }) as never,
      },
    );
  }

  // The timed part: the notice's first day (the adoption ärenden get their anslag) and its last (the meeting ends).
  for (;;) {
    const n = state.notice;
    if (state.status === 'anslaget' && n) {
      const now = Date.now();
      if (anslagPending(state) && now >= stockholmMidnight(n.upDate).getTime()) {
        await queue;
        await feedAnslag(state, input);
        continue;
      }
      if (now >= stockholmMidnight(n.downDate).getTime()) {
        await queue;
        state.status = 'nedtaget';
        n.takenDownAt = new Date().toISOString();
        state.log.push({
          at: n.takenDownAt,
          actor: 'system',
          action: 'nedtaget',
          text: `Överklagandetiden har gått ut (sista dag ${n.lastAppealDay}); anslaget är nedtaget`,
        });
        break;
      }
      const wake = Math.min(...[n.upDate, n.downDate].map((d) => stockholmMidnight(d).getTime()).filter((t) => t > now));
      const seen = changes;
      await condition(() => changes !== seen, Math.max(1, wake - now));
      continue;
    }
    const seen = changes;
    await condition(() => changes !== seen);
  }
  await Promise.all(outbox.splice(0));
  await condition(allHandlersFinished);
}

/** "Name (role)", as an ärende's history writes it (workflows/context.ts actorName). */
function actorName(actor: { name: string; role?: string }): string {
  return actor.role ? `${actor.name} (${actor.role})` : actor.name;
}

function workflowId(): string {
  return workflowInfo().workflowId;
}

function failure(r: MeetingRefusal): ApplicationFailure {
  return ApplicationFailure.create({ type: r.code, message: r.message, details: [r.fields], nonRetryable: true });
}

function reused(requestId: string): ApplicationFailure {
  return failure(
    new MeetingRefusal('INVALID_INPUT', `Begäran ${requestId} är redan använd med annat innehåll; välj ett nytt requestId.`, [
      { field: 'requestId', rule: 'reused', message: 'requestId är redan använt med annat innehåll' },
    ]),
  );
}
